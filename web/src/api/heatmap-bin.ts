// Decoder of the compact heatmap body (`/api/v1/heatmap?format=bin`, layout in the OpenAPI description).

export interface HeatGrid {
  cols: number;
  rows: number;
  from: number;
  to: number;
  /** Column width, ms. */
  colMs: number;
  priceLo: number;
  priceHi: number;
  price: number | null;
  quantumMs: number;
  bucketUsd: number;
  /** USD per cell, row-major, row 0 = lowest price; its length may exceed rows × cols (room for live columns). */
  cells: Float32Array;
  /** open, high, low, close per column (NaN = no bar). */
  candles: Float32Array;
}

const HEADER = 72;

export function decodeHeatmap(buf: ArrayBuffer): HeatGrid {
  const dv = new DataView(buf);
  const magic = String.fromCharCode(dv.getUint8(0), dv.getUint8(1), dv.getUint8(2), dv.getUint8(3));
  if (magic !== 'LQHM') throw new Error(`heatmap body: bad magic ${JSON.stringify(magic)}`);
  const version = dv.getUint16(4, true);
  if (version !== 1) throw new Error(`heatmap body: unsupported version ${version}`);
  const cols = dv.getUint32(8, true);
  const rows = dv.getUint32(12, true);
  const f = (i: number): number => dv.getFloat64(16 + 8 * i, true);
  const from = f(0);
  const to = f(1);
  const price = f(4);
  const need = HEADER + 4 * (rows * cols + 4 * cols);
  if (buf.byteLength < need) throw new Error(`heatmap body: ${buf.byteLength} bytes, expected ${need}`);
  return {
    cols,
    rows,
    from,
    to,
    colMs: (to - from) / Math.max(1, cols),
    priceLo: f(2),
    priceHi: f(3),
    price: Number.isNaN(price) ? null : price,
    quantumMs: f(5),
    bucketUsd: f(6),
    cells: new Float32Array(buf, HEADER, rows * cols),
    candles: new Float32Array(buf, HEADER + 4 * rows * cols, 4 * cols),
  };
}
