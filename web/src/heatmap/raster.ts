// Grid → one bitmap (one pixel per cell, highest price on top), drawn later scaled to the pane.
import type { Grid } from './grid.js';
import type { Normaliser } from './scale.js';

export class Raster {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private image: ImageData | null = null;
  private words: Uint32Array | null = null;
  /** Time of the last full colouring, ms. */
  lastMs = 0;

  constructor() {
    this.canvas = document.createElement('canvas');
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('2D canvas not available');
    this.ctx = ctx;
  }

  /** Colour every cell. */
  paint(g: Grid, n: Normaliser, lut: Uint32Array): void {
    const t0 = performance.now();
    const { cols, rows } = g;
    if (!this.image || this.image.width !== cols || this.image.height !== rows) {
      this.canvas.width = cols;
      this.canvas.height = rows;
      this.image = this.ctx.createImageData(cols, rows);
      this.words = new Uint32Array(this.image.data.buffer);
    }
    colour(this.words!, g.values(), 0, cols, cols, rows, n, lut);
    this.ctx.putImageData(this.image, 0, 0);
    this.lastMs = performance.now() - t0;
  }

  /** Recolour one column (live updates); repaints fully when the grid changed shape. */
  paintColumn(g: Grid, c: number, n: Normaliser, lut: Uint32Array): void {
    if (!this.image || this.image.width !== g.cols || this.image.height !== g.rows) return this.paint(g, n, lut);
    colour(this.words!, g.values(), c, c + 1, g.cols, g.rows, n, lut);
    this.ctx.putImageData(this.image, 0, 0, c, 0, 1, g.rows);
  }
}

/** Columns [c0, c1) of column-major `v` into row-major pixels, flipped so the highest price is on top. */
export function colour(words: Uint32Array, v: Float32Array, c0: number, c1: number, cols: number, rows: number, n: Normaliser, lut: Uint32Array): void {
  // 256 equal bins over [0, 1]: u = 1 lands in the last one.
  const a = n.a * 256;
  const b = n.b * 256;
  const log = n.scale === 'log';
  const floor = n.floor;
  const last = (rows - 1) * cols;
  for (let c = c0; c < c1; c++) {
    let src = c * rows;
    // Row r lands at pixel row rows − 1 − r.
    for (let px = last + c; px >= 0; px -= cols) {
      const x = v[src++]!;
      const k = log ? (x <= floor ? 0 : a * Math.log(x) + b) : a * x + b;
      words[px] = lut[k <= 0 ? 0 : k >= 255 ? 255 : k | 0]!;
    }
  }
}
