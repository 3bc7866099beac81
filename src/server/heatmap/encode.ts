// Heatmap encodings: display scales, the JSON body, the compact binary (Float32) body and CSV.
import type { HeatmapGrid } from '../../model/index.js';
import type { GridResult } from './query.js';

export type Scale = 'linear' | 'log' | 'zscore';
const SCALE_CODE: Record<Scale, number> = { linear: 0, log: 1, zscore: 2 };

/** Cell values on the display scale, row-major (row 0 = lowest price). */
export function scaledCells(g: HeatmapGrid, scale: Scale): Float64Array {
  const rows = g.cells.length;
  const cols = g.times.length;
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) out.set(g.cells[r]!, r * cols);
  if (scale === 'log') for (let i = 0; i < out.length; i++) out[i] = Math.log10(1 + out[i]!);
  if (scale === 'zscore') {
    let sum = 0;
    let sq = 0;
    for (const v of out) {
      sum += v;
      sq += v * v;
    }
    const mean = sum / out.length;
    const sd = Math.sqrt(Math.max(0, sq / out.length - mean * mean));
    for (let i = 0; i < out.length; i++) out[i] = sd > 0 ? (out[i]! - mean) / sd : 0;
  }
  return out;
}

/** Significant digits of USD cells in the JSON heatmap: ±0.5 % at most, far below one colour step. */
export const JSON_USD_DIGITS = 3;

/** USD to whole dollars, then to `digits` significant digits (still an integer, so it prints short). */
export function roundUsd(v: number, digits: number): number {
  const r = Math.round(v);
  const a = Math.abs(r);
  if (a < 10 ** digits) return r;
  const step = 10 ** (Math.floor(Math.log10(a)) + 1 - digits);
  return Math.round(r / step) * step;
}

function round(v: number, scale: Scale, usdDigits: number): number {
  if (scale === 'linear') return roundUsd(v, usdDigits);
  return Math.round(v * 1000) / 1000;
}

export interface HeatmapBody {
  from: number;
  to: number;
  cols: number;
  rows: number;
  priceLo: number;
  priceHi: number;
  scale: Scale;
  times: number[];
  prices: number[];
  cells: number[][];
  candles: [number, number, number, number, number][];
  price: number | null;
  resolution: { quantumMs: number; bucketUsd: number };
}

/** The JSON body; linear cells keep `usdDigits` significant digits (default: whole dollars, as exports do). */
export function heatmapBody(res: GridResult, scale: Scale, usdDigits = Infinity): HeatmapBody {
  const g = res.grid;
  const cols = g.times.length;
  const flat = scaledCells(g, scale);
  const cells: number[][] = [];
  for (let r = 0; r < g.cells.length; r++) {
    const row = new Array<number>(cols);
    for (let c = 0; c < cols; c++) row[c] = round(flat[r * cols + c]!, scale, usdDigits);
    cells.push(row);
  }
  return {
    from: res.from,
    to: res.to,
    cols,
    rows: g.cells.length,
    priceLo: res.priceLo,
    priceHi: res.priceHi,
    scale,
    times: [...g.times],
    prices: g.prices.map((p) => Math.round(p * 100) / 100),
    cells,
    candles: g.candles.flatMap((k) => (k ? [[k[0], k[1], k[2], k[3], k[4]] as [number, number, number, number, number]] : [])),
    price: g.price,
    resolution: { ...g.resolution },
  };
}

/** Bytes before the Float32 cells of the binary body. */
export const BIN_HEADER_BYTES = 72;

/**
 * Binary body, little-endian: "LQHM", u16 version 1, u16 scale (0 linear, 1 log, 2 zscore), u32 cols, u32 rows,
 * f64 from, to, priceLo, priceHi, price (NaN = none), resolution quantumMs, bucketUsd; then f32 cells
 * [rows × cols] row-major from the lowest price row; then f32 candles [cols × 4] open, high, low, close (NaN = none).
 * Column c starts at from + c·(to − from)/cols; row r is centred on priceLo + (r + ½)·(priceHi − priceLo)/rows.
 */
export function heatmapBin(res: GridResult, scale: Scale): Buffer {
  const g = res.grid;
  const cols = g.times.length;
  const rows = g.cells.length;
  const buf = Buffer.alloc(BIN_HEADER_BYTES + 4 * rows * cols + 16 * cols);
  buf.write('LQHM', 0, 'ascii');
  buf.writeUInt16LE(1, 4);
  buf.writeUInt16LE(SCALE_CODE[scale], 6);
  buf.writeUInt32LE(cols, 8);
  buf.writeUInt32LE(rows, 12);
  const head = [res.from, res.to, res.priceLo, res.priceHi, g.price ?? NaN, g.resolution.quantumMs, g.resolution.bucketUsd];
  head.forEach((v, i) => buf.writeDoubleLE(v, 16 + 8 * i));
  const f32 = new Float32Array(buf.buffer, buf.byteOffset + BIN_HEADER_BYTES, rows * cols + 4 * cols);
  f32.set(scaledCells(g, scale));
  const k0 = rows * cols;
  g.candles.forEach((k, c) => {
    for (let j = 0; j < 4; j++) f32[k0 + 4 * c + j] = k ? k[j + 1]! : NaN;
  });
  return buf;
}

/** CSV: one line per price row (highest first), one column per time; first column the row's centre price. */
export function heatmapCsv(res: GridResult, scale: Scale): string {
  const body = heatmapBody(res, scale);
  const lines = [`price,${body.times.map((t) => new Date(t).toISOString()).join(',')}`];
  for (let r = body.rows - 1; r >= 0; r--) lines.push(`${body.prices[r]},${body.cells[r]!.join(',')}`);
  return `${lines.join('\n')}\n`;
}
