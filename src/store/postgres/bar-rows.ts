// Bars ⇄ SQL: column names in BAR_FIELDS order, the batch insert (one statement over unnest()'d
// arrays), and row decoding. Numbers travel as text so -0 and every float64 round-trip bit for bit.
import type { Bar } from '../../bars/bar.js';
import type { VenueId } from '../../core/events.js';
import { BAR_FIELDS, NULLABLE_FIELDS, type BarField } from '../columns.js';
import type { WriteMode } from '../store.js';

const snake = (f: string): string => f.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** SQL column of each numeric bar field (BAR_FIELDS order; `ts` and `gap` included). */
export const BAR_COLUMNS: readonly string[] = BAR_FIELDS.map(snake);
const VALUE_FIELDS = BAR_FIELDS.filter((f) => f !== 'ts' && f !== 'gap');
const VALUE_COLUMNS = VALUE_FIELDS.map(snake);
const LIQ_COLUMNS = ['liq_long_btc', 'liq_long_usd', 'liq_long_count', 'liq_short_btc', 'liq_short_usd', 'liq_short_count'];
const KEY = 'venue, market, duration_ms, ts';

const num = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));

/** `fill` keeps what is stored: nullable fields only fill in, liquidation totals only when all stored ones are 0. */
function onConflict(mode: WriteMode): string {
  if (mode === 'replace') return `DO UPDATE SET ${[...VALUE_COLUMNS, 'gap'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`;
  const nullable = [...NULLABLE_FIELDS].map(snake).map((c) => `${c} = COALESCE(bars.${c}, EXCLUDED.${c})`);
  const noLiqs = LIQ_COLUMNS.map((c) => `bars.${c} = 0`).join(' AND ');
  const liqs = LIQ_COLUMNS.map((c) => `${c} = CASE WHEN ${noLiqs} THEN EXCLUDED.${c} ELSE bars.${c} END`);
  return `DO UPDATE SET ${[...nullable, ...liqs].join(', ')}`;
}

const INSERT_COLS = `venue, market, duration_ms, ts, ${VALUE_COLUMNS.join(', ')}, gap`;
const UNNEST = [
  '$1::text[]',
  '$2::text[]',
  '$3::integer[]',
  '$4::bigint[]',
  ...VALUE_COLUMNS.map((_c, i) => `$${i + 5}::float8[]`),
  `$${VALUE_COLUMNS.length + 5}::boolean[]`,
].join(', ');

export function insertBarsSql(mode: WriteMode): string {
  return `INSERT INTO bars (${INSERT_COLS}) SELECT * FROM unnest(${UNNEST}) ON CONFLICT (${KEY}) ${onConflict(mode)}`;
}

/** Parameters of insertBarsSql; of several bars with one key the last given wins (as in SQLite). */
export function insertBarsParams(bars: readonly Bar[]): unknown[] {
  const byKey = new Map<string, Bar>();
  for (const b of bars) byKey.set(`${b.venue}\u0000${b.market}\u0000${b.durationMs}\u0000${b.ts}`, b);
  const list = [...byKey.values()];
  const values = VALUE_FIELDS.map((f) =>
    list.map((b) => {
      const v = b[f];
      return v === null ? null : num(v as number);
    }),
  );
  return [list.map((b) => b.venue), list.map((b) => b.market), list.map((b) => b.durationMs), list.map((b) => String(b.ts)), ...values, list.map((b) => b.gap)];
}

export const SELECT_BAR_COLUMNS = `venue, market, duration_ms, ${BAR_COLUMNS.join(', ')}`;

export type BarRow = Record<string, unknown> & { venue: string; market: string; duration_ms: number; gap: boolean };

export function rowToBar(r: BarRow): Bar {
  const out: Record<string, unknown> = { venue: r.venue as VenueId, market: r.market, durationMs: r.duration_ms };
  BAR_FIELDS.forEach((f: BarField, i) => {
    const v = r[BAR_COLUMNS[i] as string];
    out[f] = f === 'gap' ? v === true : v === null ? null : Number(v);
  });
  return out as unknown as Bar;
}
