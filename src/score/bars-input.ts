// Price bars for scoring: the project's bars JSONL, or a CSV with at least ts, open, high, low,
// close and oiUsd/oiBtc (Coinglass aliases accepted). Duplicates, backwards time and off-grid
// bars are errors naming file, line and column; gaps are reported, never interpolated. A bars
// JSONL may hold several venue-markets when the caller allows it (simulated markets, all venues).
//
// Missing taker volume, the documented split: with `volume` but no `buyVolume`, the buy share is
// the candle's position, ½ + ½·(close − open)/(high − low) (½ for a flat bar); with no volume at
// all, buy = sell = 0 and the model splits new positions evenly. VWAP = (high + low + close)/3.
import { readFileSync } from 'node:fs';
import { BarSchema, NO_MARK_NO_LIQUIDATIONS, type Bar } from '../bars/bar.js';
import { isVenueId, type VenueId } from '../core/events.js';
import { columnIndex, numberCell, parseCsv, type CsvRow, type CsvTable } from './csv-table.js';
import { InputError } from './input-error.js';
import { checkTimeGrid, epochMs, inferBarLength, type Gap, type TimedRow } from './liquidations/time-grid.js';

export interface BarsInput {
  readonly file: string;
  readonly bars: readonly Bar[];
  readonly durationMs: number;
  readonly gaps: readonly Gap[];
  /** Line of each bar in the file. */
  readonly lines: readonly number[];
}

const ALIASES = {
  ts: ['ts', 'timestamp'],
  open: ['open', 'price_open'],
  high: ['high', 'price_high'],
  low: ['low', 'price_low'],
  close: ['close', 'price_close'],
  oiUsd: ['oiUsd', 'oi_close'],
  oiBtc: ['oiBtc'],
  volume: ['volume'],
  buyVolume: ['buyVolume'],
  venue: ['venue'],
  market: ['market'],
} as const;
/** Columns of the Coinglass exports that are known and not used for bars. */
const IGNORED = new Set([
  'datetime_utc',
  'datetime',
  'liquidation_long_usd',
  'liquidation_short_usd',
  'liquidation_total_usd',
  'longUsd',
  'shortUsd',
  'totalUsd',
  'oi_open',
  'oi_high',
  'oi_low',
  ...['funding', 'oi_weight', 'cvd'].flatMap((p) => ['open', 'high', 'low', 'close'].map((s) => `${p}_${s}`)),
]);

export function parseBarsCsv(table: CsvTable): BarsInput {
  const { file, header } = table;
  const known = new Set<string>([...Object.values(ALIASES).flat(), ...IGNORED]);
  header.forEach((name, i) => {
    if (!known.has(name)) throw new InputError(file, 1, name, `unknown column #${i + 1} in a bars file`);
  });
  const col = Object.fromEntries(Object.entries(ALIASES).map(([k, names]) => [k, columnIndex(table, names)])) as Record<keyof typeof ALIASES, number>;
  for (const k of ['ts', 'open', 'high', 'low', 'close'] as const) {
    if (col[k] < 0) throw new InputError(file, 1, k, 'missing column');
  }
  if (col.oiUsd < 0 && col.oiBtc < 0) throw new InputError(file, 1, 'oiUsd', 'missing column (one of oiUsd, oiBtc, oi_close)');
  const tsName = header[col.ts] as string;
  const rows = table.rows.map((row) => ({ ts: epochMs(file, row.line, tsName, row.cells[col.ts] ?? ''), line: row.line }));
  const durationMs = inferBarLength(file, rows, tsName);
  const gaps = checkTimeGrid(file, rows, durationMs, tsName);
  const bars = table.rows.map((row, i) => barFromRow(table, row, col, (rows[i] as { ts: number }).ts, durationMs));
  return { file, bars, durationMs, gaps, lines: rows.map((r) => r.line) };
}

function barFromRow(table: CsvTable, row: CsvRow, col: Record<keyof typeof ALIASES, number>, ts: number, durationMs: number): Bar {
  const num = (c: number): number | null => (c < 0 ? null : numberCell(table, row, c));
  const name = (c: number) => table.header[c] as string;
  const [open, high, low, close] = [col.open, col.high, col.low, col.close].map((c) => num(c) as number) as [number, number, number, number];
  for (const c of [col.open, col.high, col.low, col.close]) {
    if (!((num(c) as number) > 0)) throw new InputError(table.file, row.line, name(c), 'price must be positive');
  }
  if (high < Math.max(open, close, low) || low > Math.min(open, close)) {
    throw new InputError(table.file, row.line, name(col.high), `high ${high} / low ${low} do not contain open ${open} and close ${close}`);
  }
  const oiUsdRaw = num(col.oiUsd);
  const oiBtcRaw = num(col.oiBtc);
  for (const [v, c] of [
    [oiUsdRaw, col.oiUsd],
    [oiBtcRaw, col.oiBtc],
  ] as const) {
    if (v !== null && v < 0) throw new InputError(table.file, row.line, name(c), 'negative open interest');
  }
  const oiUsd = oiUsdRaw ?? (oiBtcRaw as number) * close;
  const oiBtc = oiBtcRaw ?? (oiUsdRaw as number) / close;
  const volume = num(col.volume) ?? 0;
  const buyRaw = num(col.buyVolume);
  if (volume < 0) throw new InputError(table.file, row.line, 'volume', 'negative volume');
  if (buyRaw !== null && (buyRaw < 0 || buyRaw > volume * (1 + 1e-9))) throw new InputError(table.file, row.line, 'buyVolume', `must be within 0..volume (${volume})`);
  const buyVolume = buyRaw ?? volume * candleBuyShare(open, high, low, close);
  const venueRaw = col.venue < 0 ? 'binance-usdm' : (row.cells[col.venue] ?? '');
  if (!isVenueId(venueRaw)) throw new InputError(table.file, row.line, 'venue', `unknown venue "${venueRaw}"`);
  const venue: VenueId = venueRaw;
  return {
    venue,
    market: col.market < 0 ? 'BTCUSDT' : row.cells[col.market] || 'BTCUSDT',
    ts,
    durationMs,
    open,
    high,
    low,
    close,
    vwap: (high + low + close) / 3,
    buyVolume,
    sellVolume: Math.max(0, volume - buyVolume),
    trades: 0,
    oiBtc,
    oiUsd,
    ...NO_MARK_NO_LIQUIDATIONS,
    gap: false,
  };
}

/** Taker-buy share guessed from the candle: ½ + ½·(close − open)/(high − low). */
export function candleBuyShare(open: number, high: number, low: number, close: number): number {
  return high > low ? 0.5 + (0.5 * (close - open)) / (high - low) : 0.5;
}

export interface BarsReadOptions {
  /** Accept several venue-markets in one bars JSONL (each on its own grid), merged in time order. */
  readonly multiMarket?: boolean;
}

export function parseBarsJsonl(file: string, text: string, opts: BarsReadOptions = {}): BarsInput {
  const bars: Bar[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      throw new InputError(file, i + 1, null, `not JSON: ${(e as Error).message}`);
    }
    const r = BarSchema.safeParse(obj);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new InputError(file, i + 1, issue?.path.join('.') || null, issue?.message ?? 'not a bar');
    }
    bars.push(r.data);
    lines.push(i + 1);
  });
  const first = bars[0];
  if (!first) throw new InputError(file, null, null, 'no bars');
  const series = new Map<string, TimedRow[]>();
  bars.forEach((b, i) => {
    if (!opts.multiMarket && (b.venue !== first.venue || b.market !== first.market)) {
      throw new InputError(file, lines[i] as number, 'market', `one venue-market per file: ${b.venue} ${b.market} after ${first.venue} ${first.market}`);
    }
    if (b.durationMs !== first.durationMs) throw new InputError(file, lines[i] as number, 'durationMs', `bar length ${b.durationMs} ≠ ${first.durationMs}`);
    const key = `${b.venue}|${b.market}`;
    const rows = series.get(key) ?? [];
    rows.push({ ts: b.ts, line: lines[i] as number });
    series.set(key, rows);
  });
  const gaps = [...series.values()].flatMap((rows) => checkTimeGrid(file, rows, first.durationMs, 'ts'));
  if (series.size === 1) return { file, bars, durationMs: first.durationMs, gaps, lines };
  // Several venue-markets: one time-ordered stream, as the live pipeline feeds the model.
  const order = bars.map((_, i) => i).sort((a, b) => byTimeThenMarket(bars[a] as Bar, bars[b] as Bar));
  return { file, bars: order.map((i) => bars[i] as Bar), durationMs: first.durationMs, gaps, lines: order.map((i) => lines[i] as number) };
}

function byTimeThenMarket(a: Bar, b: Bar): number {
  if (a.ts !== b.ts) return a.ts - b.ts;
  const ka = `${a.venue}|${a.market}`;
  const kb = `${b.venue}|${b.market}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function readBarsFile(file: string, opts: BarsReadOptions = {}): BarsInput {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, null, null, `cannot read: ${(e as Error).message}`);
  }
  const first = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  if (first === '') throw new InputError(file, null, null, 'empty file');
  if (first.startsWith('{')) return parseBarsJsonl(file, text, opts);
  return parseBarsCsv(parseCsv(file, text));
}
