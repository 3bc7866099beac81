// Bars in SQLite: recent bars as one row each (bar_rows), history as columnar day chunks
// (bar_chunks). A read overlays rows on chunks; compaction folds rows into chunks. Callers
// wrap these in transactions.
import type { Database, Statement } from 'better-sqlite3';
import type { Bar } from '../../bars/bar.js';
import type { VenueId } from '../../core/events.js';
import {
  BAR_FIELDS,
  barToRow,
  columnsRow,
  FIELD_COUNT,
  lowerBound,
  rowsToColumns,
  sliceColumns,
  type BarColumns,
  type BarField,
  type SeriesKey,
} from '../columns.js';
import { chunkLength, decodeChunk, decodeChunkInto, decodeRow, encodeChunk, encodeRow } from '../codec.js';
import { combineRow, mergeRows, sortDedupe } from '../merge.js';
import type { BarQuery, WriteMode } from '../store.js';

export const DAY_MS = 86_400_000;
export const dayOf = (ts: number): number => Math.floor(ts / DAY_MS);

interface SeriesRow extends SeriesKey {
  readonly id: number;
}
interface ChunkRow {
  day: number;
  data: Buffer;
}
interface RowRow {
  ts: number;
  data: Buffer;
}

export class BarTables {
  private readonly series = new Map<string, SeriesRow>();
  private readonly st: Record<
    'insSeries' | 'allSeries' | 'upsertRow' | 'chunksInRaw' | 'rowsInRaw' | 'rowsOfDay' | 'putChunk' | 'delChunk' | 'delRowsOfDay' | 'getChunk',
    Statement
  >;

  constructor(private readonly db: Database) {
    this.st = {
      insSeries: db.prepare('INSERT INTO series (venue, market, duration_ms) VALUES (?, ?, ?)'),
      allSeries: db.prepare('SELECT id, venue, market, duration_ms AS durationMs FROM series'),
      upsertRow: db.prepare('INSERT OR REPLACE INTO bar_rows (series_id, ts, data) VALUES (?, ?, ?)'),
      // raw: [day, data] / [ts, data] arrays, no object per row
      chunksInRaw: db.prepare('SELECT day, data FROM bar_chunks WHERE series_id = ? AND day BETWEEN ? AND ? ORDER BY day').raw(true),
      rowsInRaw: db.prepare('SELECT ts, data FROM bar_rows WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts').raw(true),
      rowsOfDay: db.prepare('SELECT ts, data FROM bar_rows WHERE series_id = ? AND ts >= ? AND ts < ? ORDER BY ts'),
      getChunk: db.prepare('SELECT day, data FROM bar_chunks WHERE series_id = ? AND day = ?'),
      putChunk: db.prepare('INSERT OR REPLACE INTO bar_chunks (series_id, day, n, first_ts, last_ts, data) VALUES (?, ?, ?, ?, ?, ?)'),
      delChunk: db.prepare('DELETE FROM bar_chunks WHERE series_id = ? AND day = ?'),
      delRowsOfDay: db.prepare('DELETE FROM bar_rows WHERE series_id = ? AND ts >= ? AND ts < ?'),
    };
    this.reloadSeries();
  }

  /** Re-read the series list (another connection may have added some). */
  reloadSeries(): void {
    for (const s of this.st.allSeries.all() as SeriesRow[]) this.series.set(key(s), s);
  }

  private seriesId(k: SeriesKey): number {
    const hit = this.series.get(key(k));
    if (hit) return hit.id;
    const id = Number(this.st.insSeries.run(k.venue, k.market, k.durationMs).lastInsertRowid);
    this.series.set(key(k), { ...k, id });
    return id;
  }

  seriesMatching(q: { venues?: readonly VenueId[]; markets?: readonly string[]; durationMs?: number }): SeriesRow[] {
    this.reloadSeries();
    const dur = q.durationMs ?? 60_000;
    return [...this.series.values()]
      .filter((s) => s.durationMs === dur && (!q.venues || q.venues.includes(s.venue)) && (!q.markets || q.markets.includes(s.market)))
      .sort((a, b) => (a.venue < b.venue ? -1 : a.venue > b.venue ? 1 : a.market < b.market ? -1 : a.market > b.market ? 1 : 0));
  }

  /** Write bars; `replace` lands in bar_rows, `fill` merges into the day chunks directly. */
  put(bars: readonly Bar[], mode: WriteMode): void {
    if (mode === 'replace') {
      const row = new Float64Array(FIELD_COUNT);
      for (const b of bars) this.st.upsertRow.run(this.seriesId(b), b.ts, encodeRow(barToRow(b, row)));
      return;
    }
    const groups = new Map<string, { k: SeriesKey; day: number; rows: Float64Array[] }>();
    for (const b of bars) {
      const g = `${key(b)}\u0000${dayOf(b.ts)}`;
      let e = groups.get(g);
      if (!e) groups.set(g, (e = { k: { venue: b.venue, market: b.market, durationMs: b.durationMs }, day: dayOf(b.ts), rows: [] }));
      e.rows.push(barToRow(b));
    }
    for (const e of groups.values()) this.rewriteDay(e.k, e.day, sortDedupe(e.rows), mode);
  }

  /** The day as stored (chunk overlaid by rows), then `incoming` merged per `mode`, back into one chunk. */
  private rewriteDay(k: SeriesKey, day: number, incoming: readonly Float64Array[], mode: WriteMode): void {
    const id = this.seriesId(k);
    const stored = this.dayRows(id, k, day);
    const merged = incoming.length ? mergeRows(stored, incoming, (a, b) => combineRow(mode, a, b)) : stored;
    this.st.delRowsOfDay.run(id, day * DAY_MS, (day + 1) * DAY_MS);
    if (merged.length === 0) {
      this.st.delChunk.run(id, day);
      return;
    }
    const c = rowsToColumns(k, merged);
    this.st.putChunk.run(id, day, c.length, c.cols.ts[0], c.cols.ts[c.length - 1], encodeChunk(c));
  }

  private dayRows(id: number, k: SeriesKey, day: number): Float64Array[] {
    const chunk = this.st.getChunk.get(id, day) as ChunkRow | undefined;
    const base: Float64Array[] = [];
    if (chunk) {
      const c = decodeChunk(k, chunk.data);
      for (let i = 0; i < c.length; i++) base.push(columnsRow(c, i));
    }
    const rows = (this.st.rowsOfDay.all(id, day * DAY_MS, (day + 1) * DAY_MS) as RowRow[]).map((r) => decodeRow(r.data));
    return mergeRows(base, rows, (_a, b) => b);
  }

  /** Fold the rows of one series-day into its chunk. */
  compactDay(seriesId: number, day: number): void {
    const find = (): SeriesRow | undefined => [...this.series.values()].find((x) => x.id === seriesId);
    if (!find()) this.reloadSeries();
    const s = find();
    if (!s) throw new Error(`bar rows refer to series ${seriesId}, which does not exist`);
    this.rewriteDay(s, day, [], 'replace');
  }

  read(q: BarQuery): BarColumns[] {
    const out: BarColumns[] = [];
    if (!(q.toMs > q.fromMs)) return out;
    const firstDay = dayOf(q.fromMs);
    const lastDay = dayOf(q.toMs - 1);
    for (const s of this.seriesMatching(q)) {
      const rows = this.st.rowsInRaw.all(s.id, q.fromMs, q.toMs) as [number, Buffer][];
      const chunks = this.st.chunksInRaw.all(s.id, firstDay, lastDay) as [number, Buffer][];
      const c = readSeries(s, chunks, rows.map((r) => decodeRow(r[1])), q.fromMs, q.toMs, firstDay, lastDay);
      if (c.length) out.push(c);
    }
    return out;
  }
}

function key(k: SeriesKey): string {
  return `${k.venue}\u0000${k.market}\u0000${k.durationMs}`;
}

/**
 * One series' bars in [fromMs, toMs): its day chunks (day ascending) decoded straight into
 * columns allocated once at their final length, with `rows` (ts-sorted) on top; rows win on
 * equal ts. Only the edge days are sliced, and only the chunk tail from the first row is rebuilt.
 */
function readSeries<K extends SeriesKey>(
  k: K,
  chunks: readonly (readonly [number, Buffer])[],
  rows: readonly Float64Array[],
  fromMs: number,
  toMs: number,
  firstDay: number,
  lastDay: number,
): K & { readonly length: number; readonly cols: Readonly<Record<BarField, Float64Array>> } {
  // edge days may hold bars outside [fromMs, toMs): decode those (one day each) aside and slice
  const edges = chunks.map(([day, blob]) => (day === firstDay || day === lastDay ? sliceColumns(decodeChunk(k, blob), fromMs, toMs) : null));
  let chunkBars = 0;
  for (let i = 0; i < chunks.length; i++) chunkBars += edges[i]?.length ?? chunkLength((chunks[i] as readonly [number, Buffer])[1]);
  const cap = chunkBars + rows.length;
  const cols = {} as Record<BarField, Float64Array>;
  for (const f of BAR_FIELDS) cols[f] = new Float64Array(cap);
  let at = 0;
  chunks.forEach(([, blob], i) => {
    const e = edges[i];
    if (!e) {
      at += decodeChunkInto(blob, cols, at);
      return;
    }
    for (const f of BAR_FIELDS) cols[f].set(e.cols[f], at);
    at += e.length;
  });
  if (!rows.length) return { ...k, length: at, cols };
  // the chunk bars before the first row stay as decoded; the rest is merged with the rows
  const from = lowerBound(cols.ts, (rows[0] as Float64Array)[0] as number, 0, chunkBars);
  const tail: Float64Array[] = [];
  const decoded = { ...k, length: chunkBars, cols };
  for (let i = from; i < chunkBars; i++) tail.push(columnsRow(decoded, i));
  const merged = mergeRows(tail, rows, (_a, b) => b);
  for (let f = 0; f < FIELD_COUNT; f++) {
    const col = cols[BAR_FIELDS[f] as BarField];
    for (let i = 0; i < merged.length; i++) col[from + i] = (merged[i] as Float64Array)[f] as number;
  }
  const length = from + merged.length;
  // rows replaced some chunk bars: trim the columns to their length (each keeps its own buffer)
  if (length < cap) for (const f of BAR_FIELDS) cols[f] = cols[f].slice(0, length);
  return { ...k, length, cols };
}
