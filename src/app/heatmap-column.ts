// One closed bar's heatmap column: the book at the bar's end, all venues, tiers and sides, on the default
// axis of the live stream (±15 % around the reference close, 200 rows). The scale-out model process
// writes these to PostgreSQL; `GET /api/v1/heatmap/columns` serves them (computed from the model in
// single-process mode, the same function).
import { snapshot, type LiqModel } from '../model/index.js';
import { spread } from '../model/views/liqmap.js';

export const COLUMN_ROWS = 200;
export const COLUMN_BAND = 0.15;

export interface HeatmapColumn {
  /** Bar open, ms; the column shows the book at ts + bar length. */
  readonly ts: number;
  /** Close of the reference venue-market at the column, USD. */
  readonly price: number;
  readonly priceLo: number;
  readonly priceHi: number;
  /** USD per row, lowest price first, whole dollars. */
  readonly longUsd: readonly number[];
  readonly shortUsd: readonly number[];
}

/** The column of the bar opened at `ts` (null before the model has a price there). */
export function heatmapColumn(model: LiqModel, ts: number, barMs: number, rows = COLUMN_ROWS): HeatmapColumn | null {
  const snap = snapshot(model, { at: ts + barMs });
  if (snap.price === null) return null;
  const priceLo = snap.price * (1 - COLUMN_BAND);
  const priceHi = snap.price * (1 + COLUMN_BAND);
  const h = (priceHi - priceLo) / rows;
  const long = new Float64Array(rows);
  const short = new Float64Array(rows);
  for (const e of snap.entries) spread(e.side === 'long' ? long : short, (e.priceLo - priceLo) / h, (e.priceHi - priceLo) / h, e.usd);
  return { ts, price: snap.price, priceLo, priceHi, longUsd: Array.from(long, Math.round), shortUsd: Array.from(short, Math.round) };
}

/** A store that keeps columns (PostgreSQL in scale-out mode). */
export interface HeatmapColumnWriter {
  putHeatmapColumns(cols: readonly HeatmapColumn[], durationMs?: number): Promise<void>;
}
