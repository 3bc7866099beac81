// Bars of one series (venue, market, bar length) in columnar form, and conversion to/from Bar.
// Numbers are kept as float64 bit for bit; a null field is NaN (a Bar never holds NaN).
import type { Bar } from '../bars/bar.js';
import type { VenueId } from '../core/events.js';

/** The numeric fields of a Bar in storage order (venue, market, durationMs live in the series). */
export const BAR_FIELDS = [
  'ts',
  'open',
  'high',
  'low',
  'close',
  'vwap',
  'buyVolume',
  'sellVolume',
  'trades',
  'oiBtc',
  'oiUsd',
  'markHigh',
  'markLow',
  'markClose',
  'fundingRate',
  'liqLongBtc',
  'liqLongUsd',
  'liqLongCount',
  'liqShortBtc',
  'liqShortUsd',
  'liqShortCount',
  'gap',
] as const;
export type BarField = (typeof BAR_FIELDS)[number];
export const FIELD_COUNT = BAR_FIELDS.length;

/** Fields that may be null in a Bar (stored as NaN). */
export const NULLABLE_FIELDS: ReadonlySet<BarField> = new Set(['oiBtc', 'oiUsd', 'markHigh', 'markLow', 'markClose', 'fundingRate']);

export interface SeriesKey {
  readonly venue: VenueId;
  readonly market: string;
  readonly durationMs: number;
}

/** One series' bars, ts ascending; `cols[f][i]` is field f of bar i (NaN = null, gap 1/0). */
export interface BarColumns extends SeriesKey {
  readonly length: number;
  readonly cols: Readonly<Record<BarField, Float64Array>>;
}

export function seriesKeyOf(b: Bar): string {
  return `${b.venue}\u0000${b.market}\u0000${b.durationMs}`;
}

/** A bar's numeric fields as one row (used for single-row blobs). */
export function barToRow(b: Bar, out: Float64Array = new Float64Array(FIELD_COUNT)): Float64Array {
  for (let f = 0; f < FIELD_COUNT; f++) {
    const name = BAR_FIELDS[f] as BarField;
    const v = b[name];
    out[f] = v === null ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  return out;
}

const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);

export function rowToBar(key: SeriesKey, row: Float64Array): Bar {
  return {
    venue: key.venue,
    market: key.market,
    ts: row[0] as number,
    durationMs: key.durationMs,
    open: row[1] as number,
    high: row[2] as number,
    low: row[3] as number,
    close: row[4] as number,
    vwap: row[5] as number,
    buyVolume: row[6] as number,
    sellVolume: row[7] as number,
    trades: row[8] as number,
    oiBtc: orNull(row[9] as number),
    oiUsd: orNull(row[10] as number),
    markHigh: orNull(row[11] as number),
    markLow: orNull(row[12] as number),
    markClose: orNull(row[13] as number),
    fundingRate: orNull(row[14] as number),
    liqLongBtc: row[15] as number,
    liqLongUsd: row[16] as number,
    liqLongCount: row[17] as number,
    liqShortBtc: row[18] as number,
    liqShortUsd: row[19] as number,
    liqShortCount: row[20] as number,
    gap: row[21] === 1,
  };
}

export function emptyColumns(key: SeriesKey, length: number): BarColumns {
  const cols = {} as Record<BarField, Float64Array>;
  for (const f of BAR_FIELDS) cols[f] = new Float64Array(length);
  return { ...key, length, cols };
}

/** Bar i of `c` as a row. */
export function columnsRow(c: BarColumns, i: number, out: Float64Array = new Float64Array(FIELD_COUNT)): Float64Array {
  for (let f = 0; f < FIELD_COUNT; f++) out[f] = (c.cols[BAR_FIELDS[f] as BarField][i] as number);
  return out;
}

export function columnsToBars(c: BarColumns): Bar[] {
  const out: Bar[] = new Array<Bar>(c.length);
  const row = new Float64Array(FIELD_COUNT);
  for (let i = 0; i < c.length; i++) out[i] = rowToBar(c, columnsRow(c, i, row));
  return out;
}

/** Build columns from rows sorted by ts. */
export function rowsToColumns(key: SeriesKey, rows: readonly Float64Array[]): BarColumns {
  const c = emptyColumns(key, rows.length);
  for (let f = 0; f < FIELD_COUNT; f++) {
    const col = c.cols[BAR_FIELDS[f] as BarField];
    for (let i = 0; i < rows.length; i++) col[i] = (rows[i] as Float64Array)[f] as number;
  }
  return c;
}

/** Index of the first bar with ts >= t (binary search). */
export function lowerBound(ts: Float64Array, t: number, lo = 0, hi = ts.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ts[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Bars with fromMs <= ts < toMs, sharing no memory with `c`. */
export function sliceColumns(c: BarColumns, fromMs: number, toMs: number): BarColumns {
  const a = lowerBound(c.cols.ts, fromMs);
  const b = lowerBound(c.cols.ts, toMs, a);
  const cols = {} as Record<BarField, Float64Array>;
  for (const f of BAR_FIELDS) cols[f] = c.cols[f].slice(a, b);
  return { venue: c.venue, market: c.market, durationMs: c.durationMs, length: b - a, cols };
}

/** Concatenate pieces of one series, each sorted and in ascending, non-overlapping order. */
export function concatColumns(key: SeriesKey, parts: readonly BarColumns[]): BarColumns {
  if (parts.length === 1) return parts[0] as BarColumns;
  const length = parts.reduce((s, p) => s + p.length, 0);
  const c = emptyColumns(key, length);
  for (const f of BAR_FIELDS) {
    let at = 0;
    for (const p of parts) {
      c.cols[f].set(p.cols[f], at);
      at += p.length;
    }
  }
  return c;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The canonical bar order (ts, venue, market): reads and replays use it; feed live bars to a model in it too. */
export function barOrder(a: Bar, b: Bar): number {
  return a.ts - b.ts || cmp(a.venue, b.venue) || cmp(a.market, b.market) || a.durationMs - b.durationMs;
}

/**
 * Bars of several series (each ts-sorted, the list sorted by venue then market) merged into
 * barOrder without a full sort: at each step the series with the smallest next ts, the first on ties.
 */
export function mergeSeriesToBars(series: readonly BarColumns[]): Bar[] {
  const total = series.reduce((s, c) => s + c.length, 0);
  const out: Bar[] = new Array<Bar>(total);
  const pos = new Array<number>(series.length).fill(0);
  const row = new Float64Array(FIELD_COUNT);
  // each series' columns in BAR_FIELDS order, looked up once instead of by name per bar
  const fieldCols = series.map((c) => BAR_FIELDS.map((f) => c.cols[f]));
  for (let n = 0; n < total; n++) {
    let best = -1;
    let bestTs = Infinity;
    for (let k = 0; k < series.length; k++) {
      const c = series[k] as BarColumns;
      const i = pos[k] as number;
      if (i < c.length && (c.cols.ts[i] as number) < bestTs) {
        best = k;
        bestTs = c.cols.ts[i] as number;
      }
    }
    const c = series[best] as BarColumns;
    const cols = fieldCols[best] as Float64Array[];
    const i = pos[best] as number;
    for (let f = 0; f < FIELD_COUNT; f++) row[f] = (cols[f] as Float64Array)[i] as number;
    out[n] = rowToBar(c, row);
    pos[best] = (pos[best] as number) + 1;
  }
  return out;
}
