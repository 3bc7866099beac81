// PNG of a heatmap grid with candles: cool blue/purple for thin liquidity → hot yellow for the heaviest,
// price rising upwards, one cell per column × row scaled up to a readable size.
import { PNG } from 'pngjs';
import type { Candle, HeatmapGrid } from '../model/index.js';

export interface PngOptions {
  /** Target image width and height, pixels (cells are scaled by whole pixels). */
  readonly width?: number;
  readonly height?: number;
  /** Cells at or above this quantile of the non-zero cells get the hottest colour (default 0.995). */
  readonly clipQuantile?: number;
}

type Rgb = readonly [number, number, number];

/** Palette stops from empty to hottest. */
const STOPS: readonly Rgb[] = [
  [12, 8, 36],
  [28, 52, 140],
  [92, 48, 170],
  [190, 40, 110],
  [240, 90, 40],
  [255, 210, 40],
  [255, 255, 170],
];

/** Colour for t in [0, 1]. */
export function heatColor(t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

export function renderHeatmapPng(g: HeatmapGrid, opts: PngOptions = {}): Buffer {
  const rows = g.cells.length;
  const cols = g.times.length;
  if (rows === 0 || cols === 0) throw new RangeError('empty heatmap grid');
  const sx = Math.max(1, Math.floor((opts.width ?? 1200) / cols));
  const sy = Math.max(1, Math.floor((opts.height ?? 600) / rows));
  const png = new PNG({ width: cols * sx, height: rows * sy });
  const clip = clipValue(g, opts.clipQuantile ?? 0.995);
  for (let r = 0; r < rows; r++) {
    const row = g.cells[r]!;
    const y0 = (rows - 1 - r) * sy;
    for (let c = 0; c < cols; c++) {
      // A mild gamma keeps mid-sized bands visible next to the largest without washing the map out.
      const col = heatColor(clip > 0 ? Math.pow(row[c]! / clip, 0.8) : 0);
      for (let dy = 0; dy < sy; dy++) for (let dx = 0; dx < sx; dx++) put(png, c * sx + dx, y0 + dy, col);
    }
  }
  drawCandles(png, g, sx, sy);
  return PNG.sync.write(png);
}

function clipValue(g: HeatmapGrid, q: number): number {
  const vals: number[] = [];
  for (const row of g.cells) for (const v of row) if (v > 0) vals.push(v);
  if (vals.length === 0) return 0;
  vals.sort((a, b) => a - b);
  return vals[Math.min(vals.length - 1, Math.floor(q * (vals.length - 1)))]!;
}

function drawCandles(png: PNG, g: HeatmapGrid, sx: number, sy: number): void {
  const rows = g.cells.length;
  const lo = g.prices[0]! - (g.prices[1] !== undefined ? (g.prices[1] - g.prices[0]!) / 2 : 0.5);
  const h = rows > 1 ? g.prices[1]! - g.prices[0]! : 1;
  const y = (p: number): number => Math.round(png.height - ((p - lo) / h) * sy);
  g.candles.forEach((k: Candle | null, c) => {
    if (!k) return;
    const [, o, hi, l, cl] = k;
    const up = cl >= o;
    const body: Rgb = up ? [60, 220, 140] : [255, 80, 80];
    const x0 = c * sx;
    const mid = x0 + Math.floor(sx / 2);
    for (let py = y(hi); py <= y(l); py++) put(png, mid, py, [235, 235, 235]);
    const top = Math.min(y(o), y(cl));
    const bot = Math.max(y(o), y(cl));
    const bx0 = sx >= 3 ? x0 + 1 : x0;
    const bx1 = sx >= 3 ? x0 + sx - 2 : x0 + sx - 1;
    for (let py = top; py <= bot; py++) for (let px = bx0; px <= bx1; px++) put(png, px, py, body);
  });
}

function put(png: PNG, x: number, y: number, c: Rgb): void {
  if (x < 0 || y < 0 || x >= png.width || y >= png.height) return;
  const i = (y * png.width + x) * 4;
  png.data[i] = c[0];
  png.data[i + 1] = c[1];
  png.data[i + 2] = c[2];
  png.data[i + 3] = 255;
}
