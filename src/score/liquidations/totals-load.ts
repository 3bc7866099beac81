// Realised liquidation TOTALS per bar: CSV `ts,longUsd,shortUsd` (any bar length), also the
// Coinglass export layouts (`timestamp,…,longUsd,shortUsd,totalUsd` and the "regime" files
// whose liquidation_long_usd/liquidation_short_usd columns sit beside price and OI).
import { columnIndex, numberCell, type CsvTable } from '../csv-table.js';
import { InputError } from '../input-error.js';
import { checkTimeGrid, epochMs, inferBarLength, type Gap } from './time-grid.js';

export interface TotalsBar {
  /** Bar open, ms. */
  readonly ts: number;
  readonly longUsd: number;
  readonly shortUsd: number;
  readonly line: number;
}

export interface LiquidationTotals {
  readonly kind: 'totals';
  readonly file: string;
  readonly durationMs: number;
  readonly bars: readonly TotalsBar[];
  readonly gaps: readonly Gap[];
}

const TS = ['ts', 'timestamp'];
const LONG = ['longUsd', 'liquidation_long_usd'];
const SHORT = ['shortUsd', 'liquidation_short_usd'];
const TOTAL = ['totalUsd', 'liquidation_total_usd'];
/** Columns that may sit beside the totals and are ignored (timestamps as text, price/OI of the same export). */
const IGNORED = new Set([
  'datetime_utc',
  'datetime',
  'venue',
  'market',
  'open',
  'high',
  'low',
  'close',
  'volume',
  'buyVolume',
  'oiUsd',
  'oiBtc',
  ...['price', 'funding', 'oi', 'oi_weight', 'cvd'].flatMap((p) => ['open', 'high', 'low', 'close'].map((s) => `${p}_${s}`)),
]);

export function isTotalsHeader(header: readonly string[]): boolean {
  return LONG.some((c) => header.includes(c)) && SHORT.some((c) => header.includes(c));
}

export function loadTotals(table: CsvTable): LiquidationTotals {
  const { file, header } = table;
  const known = new Set([...TS, ...LONG, ...SHORT, ...TOTAL, ...IGNORED]);
  header.forEach((name, i) => {
    if (!known.has(name)) {
      throw new InputError(file, 1, name, `unknown column #${i + 1} in a liquidation totals file (expected ts,longUsd,shortUsd[,totalUsd])`);
    }
  });
  const cTs = columnIndex(table, TS);
  const cLong = columnIndex(table, LONG);
  const cShort = columnIndex(table, SHORT);
  const cTotal = columnIndex(table, TOTAL);
  if (cTs < 0) throw new InputError(file, 1, 'ts', 'missing column (ts or timestamp, bar open in ms)');
  if (cLong < 0 || cShort < 0) throw new InputError(file, 1, cLong < 0 ? 'longUsd' : 'shortUsd', 'missing column');
  const tsName = header[cTs] as string;
  const bars: TotalsBar[] = table.rows.map((row) => {
    const ts = epochMs(file, row.line, tsName, row.cells[cTs] ?? '');
    const longUsd = numberCell(table, row, cLong);
    const shortUsd = numberCell(table, row, cShort);
    for (const [v, c] of [
      [longUsd, cLong],
      [shortUsd, cShort],
    ] as const) {
      if (v < 0) throw new InputError(file, row.line, header[c] as string, `negative liquidation total ${v}`);
    }
    if (cTotal >= 0) {
      const total = numberCell(table, row, cTotal);
      if (Math.abs(total - longUsd - shortUsd) > 1 + 1e-6 * Math.abs(total)) {
        throw new InputError(file, row.line, header[cTotal] as string, `${total} is not long + short (${longUsd + shortUsd})`);
      }
    }
    return { ts, longUsd, shortUsd, line: row.line };
  });
  const timed = bars.map((b) => ({ ts: b.ts, line: b.line }));
  const durationMs = inferBarLength(file, timed, tsName);
  const gaps = checkTimeGrid(file, timed, durationMs, tsName);
  return { kind: 'totals', file, durationMs, bars, gaps };
}
