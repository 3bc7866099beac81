// The heatmap in memory: column-major cells so live columns append cheaply, plus one candle per column.
import type { HeatGrid } from '../api/heatmap-bin.js';

export class Grid {
  cols: number;
  readonly rows: number;
  readonly from: number;
  /** Column width, ms; column c covers [from + c·colMs, from + (c+1)·colMs). */
  readonly colMs: number;
  readonly priceLo: number;
  readonly priceHi: number;
  readonly quantumMs: number;
  price: number | null;
  /** cells[c·rows + r], USD; row 0 = lowest price. */
  private data: Float32Array;
  /** open, high, low, close per column (NaN = no bar). */
  private ohlc: Float64Array;

  constructor(g: HeatGrid) {
    this.cols = g.cols;
    this.rows = g.rows;
    this.from = g.from;
    this.colMs = g.colMs;
    this.priceLo = g.priceLo;
    this.priceHi = g.priceHi;
    this.quantumMs = g.quantumMs;
    this.price = g.price;
    const cap = g.cols + 64;
    this.data = new Float32Array(cap * g.rows);
    for (let r = 0; r < g.rows; r++) {
      const row = r * g.cols;
      for (let c = 0; c < g.cols; c++) this.data[c * g.rows + r] = g.cells[row + c]!;
    }
    this.ohlc = new Float64Array(cap * 4).fill(NaN);
    this.ohlc.set(g.candles);
  }

  get to(): number {
    return this.from + this.cols * this.colMs;
  }

  get rowUsd(): number {
    return (this.priceHi - this.priceLo) / this.rows;
  }

  value(c: number, r: number): number {
    return this.data[c * this.rows + r] ?? 0;
  }

  /** The cells, column-major, for the first `cols` columns. */
  values(): Float32Array {
    return this.data.subarray(0, this.cols * this.rows);
  }

  column(ts: number): number {
    return Math.floor((ts - this.from) / this.colMs);
  }

  row(price: number): number {
    return Math.floor((price - this.priceLo) / this.rowUsd);
  }

  candle(c: number): [number, number, number, number] | null {
    const o = this.ohlc[4 * c];
    if (o === undefined || Number.isNaN(o)) return null;
    return [o, this.ohlc[4 * c + 1]!, this.ohlc[4 * c + 2]!, this.ohlc[4 * c + 3]!];
  }

  /** Make room for column `c` (appending empty columns); false when `c` is before the grid. */
  ensureColumn(c: number): boolean {
    if (c < 0) return false;
    if (c < this.cols) return true;
    const need = (c + 1) * this.rows;
    if (need > this.data.length) {
      const cap = (c + 1) * 2;
      const d = new Float32Array(cap * this.rows);
      d.set(this.data);
      this.data = d;
      const k = new Float64Array(cap * 4).fill(NaN);
      k.set(this.ohlc);
      this.ohlc = k;
    }
    // New columns start as a copy of the last one: the book persists until the next update says otherwise.
    const last = this.data.subarray((this.cols - 1) * this.rows, this.cols * this.rows);
    for (let i = this.cols; i <= c; i++) this.data.set(last, i * this.rows);
    this.cols = c + 1;
    return true;
  }

  setColumn(c: number, cells: readonly number[]): void {
    const n = Math.min(cells.length, this.rows);
    const base = c * this.rows;
    for (let r = 0; r < n; r++) this.data[base + r] = cells[r]!;
  }

  /** Fold a trade price into column c's candle. */
  tick(c: number, price: number): void {
    const i = 4 * c;
    if (Number.isNaN(this.ohlc[i]!)) {
      const prev = c > 0 ? this.ohlc[i - 1]! : NaN;
      const open = Number.isNaN(prev) ? price : prev;
      this.ohlc[i] = open;
      this.ohlc[i + 1] = Math.max(open, price);
      this.ohlc[i + 2] = Math.min(open, price);
    } else {
      this.ohlc[i + 1] = Math.max(this.ohlc[i + 1]!, price);
      this.ohlc[i + 2] = Math.min(this.ohlc[i + 2]!, price);
    }
    this.ohlc[i + 3] = price;
    this.price = price;
  }
}
