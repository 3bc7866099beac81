// Reads a --liquidations file and decides what it holds: events or per-bar totals.
import { readFileSync } from 'node:fs';
import { parseCsv } from '../csv-table.js';
import { InputError } from '../input-error.js';
import { forEachLine, firstLine } from '../read-lines.js';
import { COINM_SNAPSHOT_COLUMNS, EventsJsonlParser, isCoinmSnapshotHeader, loadCoinmSnapshot, loadEventsJsonl, type LiquidationEvents } from './events-load.js';
import { isTotalsHeader, loadTotals, type LiquidationTotals } from './totals-load.js';

export type Liquidations = LiquidationEvents | LiquidationTotals;

export function parseLiquidations(file: string, text: string): Liquidations {
  const firstLine = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  if (firstLine === '') throw new InputError(file, null, null, 'empty file');
  if (firstLine.startsWith('{')) return loadEventsJsonl(file, text);
  const firstCell = firstLine.split(',')[0] ?? '';
  if (/^\d+$/.test(firstCell) && firstLine.split(',').length === COINM_SNAPSHOT_COLUMNS.length) {
    // Headerless liquidationSnapshot rows (some archive versions omit the header).
    const table = parseCsv(file, `${COINM_SNAPSHOT_COLUMNS.join(',')}\n${text}`);
    return loadCoinmSnapshot({ ...table, rows: table.rows.map((r) => ({ ...r, line: r.line - 1 })) });
  }
  const table = parseCsv(file, text);
  if (isCoinmSnapshotHeader(table.header)) return loadCoinmSnapshot(table);
  if (isTotalsHeader(table.header)) return loadTotals(table);
  throw new InputError(
    file,
    1,
    null,
    'not a liquidation file: expected JSONL liquidation events, a Binance liquidationSnapshot CSV, or totals CSV with ts,longUsd,shortUsd',
  );
}

export function readLiquidations(file: string): Liquidations {
  if (firstLine(file).startsWith('{')) {
    // JSONL event streams (e.g. `liqmap sim --events`) can be larger than one string: read by line.
    const p = new EventsJsonlParser(file);
    forEachLine(file, (l, n) => p.line(l, n));
    return p.end();
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, null, null, `cannot read: ${(e as Error).message}`);
  }
  return parseLiquidations(file, text);
}
