// The heatmap_columns table: one row per closed bar (src/app/heatmap-column.ts), long and short USD per
// row as float8 arrays (readable from SQL, e.g. by Grafana). Rewriting a bar's column replaces it.
import type pg from 'pg';
import type { HeatmapColumn } from '../../app/heatmap-column.js';

export interface ColumnQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly durationMs?: number;
  /** At most this many columns, the newest kept (default 10,000). */
  readonly limit?: number;
}

interface ColumnRow {
  ts: number; // pool.ts reads bigint as a number
  price: number;
  price_lo: number;
  price_hi: number;
  long_usd: number[];
  short_usd: number[];
}

type Query = <R extends pg.QueryResultRow>(sql: string, params: unknown[]) => Promise<pg.QueryResult<R>>;

function check(c: HeatmapColumn): void {
  const ok = Number.isSafeInteger(c.ts) && c.price > 0 && c.priceHi > c.priceLo && c.longUsd.length === c.shortUsd.length && c.longUsd.length > 0;
  if (!ok) throw new Error(`heatmap column ${c.ts}: needs an integer ts, a positive price, priceHi > priceLo and equal non-empty rows`);
}

export async function insertColumns(q: Query, cols: readonly HeatmapColumn[], durationMs: number): Promise<void> {
  for (const c of cols) check(c);
  if (!cols.length) return;
  // Arrays of arrays cannot go through unnest(); one row each, in one statement.
  const values: unknown[] = [];
  const tuples = cols.map((c, i) => {
    values.push(durationMs, c.ts, c.price, c.priceLo, c.priceHi, c.longUsd, c.shortUsd);
    const b = i * 7;
    return `($${b + 1}::integer, $${b + 2}::bigint, $${b + 3}::float8, $${b + 4}::float8, $${b + 5}::float8, $${b + 6}::float8[], $${b + 7}::float8[])`;
  });
  await q(
    `INSERT INTO heatmap_columns (duration_ms, ts, price, price_lo, price_hi, long_usd, short_usd) VALUES ${tuples.join(', ')}
     ON CONFLICT (duration_ms, ts) DO UPDATE SET price = EXCLUDED.price, price_lo = EXCLUDED.price_lo, price_hi = EXCLUDED.price_hi,
       long_usd = EXCLUDED.long_usd, short_usd = EXCLUDED.short_usd`,
    values,
  );
}

export async function selectColumns(q: Query, cq: ColumnQuery): Promise<HeatmapColumn[]> {
  const r = await q<ColumnRow>(
    `SELECT * FROM (SELECT ts, price, price_lo, price_hi, long_usd, short_usd FROM heatmap_columns
       WHERE duration_ms = $1 AND ts >= $2 AND ts < $3 ORDER BY ts DESC LIMIT $4) newest ORDER BY ts`,
    [cq.durationMs ?? 60_000, cq.fromMs, cq.toMs, cq.limit ?? 10_000],
  );
  return r.rows.map((row) => ({ ts: row.ts, price: row.price, priceLo: row.price_lo, priceHi: row.price_hi, longUsd: row.long_usd, shortUsd: row.short_usd }));
}
