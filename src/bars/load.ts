// The shared bars-file loader (heatmap, score, import): the project's bars JSONL, or a CSV of OHLC + open interest.
// Bad values are errors naming file:line:column; time gaps, duplicates and out-of-order rows are reported as
// issues (duplicates and out-of-order rows are dropped), never interpolated.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../cli/errors.js';
import { isVenueId, type VenueId } from '../core/events.js';
import { BarSchema, type Bar } from './bar.js';

export type BarIssueKind = 'gap' | 'duplicate' | 'outOfOrder' | 'misaligned' | 'invalid';

export interface BarIssue {
  readonly kind: BarIssueKind;
  /** 1-based line in the file. */
  readonly line: number;
  readonly ts: number;
  readonly venue: string;
  readonly market: string;
  readonly message: string;
}

export interface LoadedBars {
  readonly file: string;
  readonly format: 'jsonl' | 'csv';
  /** Accepted bars in file order (per venue-market strictly increasing in time). */
  readonly bars: Bar[];
  /** Bar length, ms (inferred for CSV: the most common step between consecutive bars). */
  readonly durationMs: number;
  readonly issues: BarIssue[];
}

export interface LoadOptions {
  /** Venue and market for CSV rows without those columns (default binance-usdm / BTCUSDT). */
  readonly venue?: VenueId;
  readonly market?: string;
  /** Bar length when it cannot be inferred (a single-row CSV), ms. */
  readonly durationMs?: number;
  /** `throw` (default): a bad value is a UsageError; `skip`: the row is dropped and reported as an `invalid` issue. */
  readonly onInvalid?: 'throw' | 'skip';
}

export function loadBars(file: string, opts: LoadOptions = {}): LoadedBars {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseBars(text, file, opts);
}

/** Parse file contents; the format is JSONL when the first non-blank character is `{`, else CSV. */
export function parseBars(text: string, file: string, opts: LoadOptions = {}): LoadedBars {
  const first = text.trimStart()[0];
  const rows = first === '{' ? parseJsonl(text, file, opts) : parseCsv(text, file, opts);
  const format = first === '{' ? 'jsonl' : 'csv';
  const issues: BarIssue[] = [...rows.issues];
  const durationMs = format === 'jsonl' ? modeDuration(rows.bars.map((r) => r.bar.durationMs)) : inferDuration(rows.bars.map((r) => r.bar), opts, file);
  const bars = format === 'jsonl' ? rows.bars : rows.bars.map((r) => ({ ...r, bar: { ...r.bar, durationMs } }));
  return { file, format, bars: orderCheck(bars, durationMs, issues), durationMs, issues };
}

interface Row {
  readonly bar: Bar;
  readonly line: number;
}

function parseJsonl(text: string, file: string, opts: LoadOptions): { bars: Row[]; issues: BarIssue[] } {
  const bars: Row[] = [];
  const issues: BarIssue[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    const line = i + 1;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      throw new UsageError(`${file}:${line}: not valid JSON (${(e as Error).message})`);
    }
    const r = BarSchema.safeParse(obj);
    if (!r.success) {
      const iss = r.error.issues[0]!;
      const msg = `${file}:${line}: field ${iss.path.join('.') || '(bar)'}: ${iss.message}`;
      if (opts.onInvalid === 'skip') {
        const o = obj as Partial<Record<string, unknown>>;
        issues.push({ kind: 'invalid', line, ts: Number(o.ts), venue: String(o.venue), market: String(o.market), message: msg });
        continue;
      }
      throw new UsageError(msg);
    }
    bars.push({ bar: r.data, line });
  }
  return { bars, issues };
}

/** CSV header aliases: the first present wins. */
const COLS = {
  ts: ['ts', 'timestamp'],
  open: ['open', 'price_open'],
  high: ['high', 'price_high'],
  low: ['low', 'price_low'],
  close: ['close', 'price_close'],
  oiUsd: ['oiUsd', 'oi_close'],
  oiBtc: ['oiBtc'],
  volume: ['volume'],
  buyVolume: ['buyVolume'],
  vwap: ['vwap'],
  liqLongUsd: ['liqLongUsd', 'liquidation_long_usd'],
  liqShortUsd: ['liqShortUsd', 'liquidation_short_usd'],
  venue: ['venue'],
  market: ['market'],
} as const;
type Col = keyof typeof COLS;

function parseCsv(text: string, file: string, opts: LoadOptions): { bars: Row[]; issues: BarIssue[] } {
  let records: string[][];
  try {
    records = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  const header = records[0];
  if (!header) throw new UsageError(`${file}: empty file`);
  const at = {} as Record<Col, number>;
  for (const k of Object.keys(COLS) as Col[]) at[k] = COLS[k].map((n) => header.indexOf(n)).find((i) => i >= 0) ?? -1;
  for (const k of ['ts', 'open', 'high', 'low', 'close'] as const)
    if (at[k] < 0) throw new UsageError(`${file}:1: missing column ${COLS[k].join(' or ')}`);
  if (at.oiUsd < 0 && at.oiBtc < 0) throw new UsageError(`${file}:1: missing column oiUsd, oiBtc or oi_close`);

  const bars: Row[] = [];
  const issues: BarIssue[] = [];
  for (let i = 1; i < records.length; i++) {
    const rec = records[i]!;
    // csv-parse counts records, not lines; with no quoted newlines these agree (header = line 1).
    const line = i + 1;
    const cell = (k: Col): string | undefined => (at[k] >= 0 ? rec[at[k]] : undefined);
    const where = (k: Col): string => `${file}:${line}: column ${header[at[k]]} (${at[k] + 1})`;
    const num = (k: Col, required: boolean): number | null => {
      const s = cell(k);
      if (s === undefined || s === '') {
        if (required) throw new UsageError(`${where(k)}: empty`);
        return null;
      }
      const v = Number(s);
      if (!Number.isFinite(v)) throw new UsageError(`${where(k)}: not a number: ${JSON.stringify(s)}`);
      return v;
    };
    const venueCell = cell('venue');
    const venue = venueCell ? venueCell : (opts.venue ?? 'binance-usdm');
    if (!isVenueId(venue)) throw new UsageError(`${where('venue')}: unknown venue ${JSON.stringify(venue)}`);
    const market = cell('market') || opts.market || 'BTCUSDT';
    const ts = num('ts', true)!;
    const [open, high, low, close] = [num('open', true)!, num('high', true)!, num('low', true)!, num('close', true)!];
    const volume = num('volume', false) ?? 0;
    const buy = num('buyVolume', false) ?? volume / 2;
    const liqLongUsd = num('liqLongUsd', false) ?? 0;
    const liqShortUsd = num('liqShortUsd', false) ?? 0;
    const candidate = {
      venue,
      market,
      ts,
      durationMs: 1,
      open,
      high,
      low,
      close,
      // Without trade data the typical price stands in for the VWAP.
      vwap: num('vwap', false) ?? (high + low + close) / 3,
      buyVolume: buy,
      sellVolume: Math.max(0, volume - buy),
      trades: 0,
      oiBtc: num('oiBtc', false),
      oiUsd: num('oiUsd', false),
      markHigh: null,
      markLow: null,
      markClose: null,
      fundingRate: null,
      liqLongBtc: close > 0 ? liqLongUsd / close : 0,
      liqLongUsd,
      liqLongCount: 0,
      liqShortBtc: close > 0 ? liqShortUsd / close : 0,
      liqShortUsd,
      liqShortCount: 0,
      gap: false,
    };
    const r = BarSchema.safeParse(candidate);
    const bad = !r.success ? r.error.issues[0]! : semanticIssue(candidate, volume);
    if (bad || !r.success) {
      const field = String(bad?.path[0] ?? '');
      const col = (Object.keys(COLS) as Col[]).find((k) => k === field && at[k] >= 0);
      const msg = `${col ? where(col) : `${file}:${line}: ${field}`}: ${bad?.message ?? 'invalid'}`;
      if (opts.onInvalid === 'skip') {
        issues.push({ kind: 'invalid', line, ts, venue, market, message: msg });
        continue;
      }
      throw new UsageError(msg);
    }
    bars.push({ bar: r.data, line });
  }
  return { bars, issues };
}

/** Checks the bar schema leaves to the model: one-sided OI and volume are never negative, high ≥ low. */
function semanticIssue(b: { high: number; low: number; oiBtc: number | null; oiUsd: number | null }, volume: number): { path: string[]; message: string } | null {
  if (b.oiBtc !== null && b.oiBtc < 0) return { path: ['oiBtc'], message: `negative open interest ${b.oiBtc}` };
  if (b.oiUsd !== null && b.oiUsd < 0) return { path: ['oiUsd'], message: `negative open interest ${b.oiUsd}` };
  if (volume < 0) return { path: ['volume'], message: `negative volume ${volume}` };
  if (b.high < b.low) return { path: ['high'], message: `high ${b.high} < low ${b.low}` };
  return null;
}

/** The most common step between consecutive bars of each venue-market. */
function inferDuration(bars: readonly Bar[], opts: LoadOptions, file: string): number {
  const last = new Map<string, number>();
  const steps: number[] = [];
  for (const b of bars) {
    const k = `${b.venue}\u0000${b.market}`;
    const p = last.get(k);
    if (p !== undefined && b.ts > p) steps.push(b.ts - p);
    last.set(k, b.ts);
  }
  if (steps.length === 0) {
    if (opts.durationMs) return opts.durationMs;
    if (bars.length === 0) return 60_000;
    throw new UsageError(`${file}: cannot infer the bar length from one bar; give it explicitly`);
  }
  return modeDuration(steps);
}

function modeDuration(steps: readonly number[]): number {
  const count = new Map<number, number>();
  let best = 60_000;
  let bestN = 0;
  for (const s of steps) {
    const n = (count.get(s) ?? 0) + 1;
    count.set(s, n);
    if (n > bestN || (n === bestN && s < best)) {
      best = s;
      bestN = n;
    }
  }
  return best;
}

/** Drop duplicates and out-of-order rows, report gaps and misaligned steps, per venue-market. */
function orderCheck(rows: readonly Row[], durationMs: number, issues: BarIssue[]): Bar[] {
  const last = new Map<string, Bar>();
  const out: Bar[] = [];
  for (const { bar, line } of rows) {
    const k = `${bar.venue}\u0000${bar.market}`;
    const prev = last.get(k);
    const issue = (kind: BarIssueKind, message: string): void => {
      issues.push({ kind, line, ts: bar.ts, venue: bar.venue, market: bar.market, message });
    };
    if (prev) {
      if (bar.ts === prev.ts) {
        issue('duplicate', `duplicate bar at ${iso(bar.ts)} (dropped)`);
        continue;
      }
      if (bar.ts < prev.ts) {
        issue('outOfOrder', `bar at ${iso(bar.ts)} after ${iso(prev.ts)} (dropped)`);
        continue;
      }
      const step = bar.ts - prev.ts;
      const dur = prev.durationMs || durationMs;
      if (step > dur) {
        if (step % dur === 0) issue('gap', `${step / dur - 1} missing bar(s) between ${iso(prev.ts)} and ${iso(bar.ts)}`);
        else issue('misaligned', `step of ${step} ms between ${iso(prev.ts)} and ${iso(bar.ts)} is not a multiple of ${dur} ms`);
      } else if (step < dur) issue('misaligned', `bar at ${iso(bar.ts)} starts ${step} ms after the previous, shorter than ${dur} ms`);
    }
    last.set(k, bar);
    out.push(bar);
  }
  return out;
}

function iso(ts: number): string {
  return Number.isFinite(ts) ? new Date(ts).toISOString() : String(ts);
}
