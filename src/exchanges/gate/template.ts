// The template path (core/scan-template.ts) for pushes written as Gate writes them:
// {"time",…,"channel","event",…,"result"} (or the docs' "channel","event","time",… order) with
// `result` last, an object, an array of rows or an array of arrays of rows (2021 tickers), and each
// channel's row keys in one of Gate's orders; compact, or with JSON whitespace when the frame's
// second char is one (the docs' examples). It hands parse.ts the message JSON.parse would give
// minus the keys parse.ts does not read; the same parser code then checks the rows and builds the
// events, so both paths give one outcome. Anything else (another key order, escapes, a repeated
// key, …) returns undefined and takes JSON.parse.
import type { JsonObject } from '../../core/fields.js';
import { bool, exact, num, object, open, rows, skip, value as v, WS } from '../../core/scan-template.js';

type Row = { readonly [k: string]: unknown };
type Result = Row | (Row | Row[])[];
interface RowTemplate {
  /** Compact rows, and rows with JSON whitespace (none: compact only). */
  readonly row: RegExp;
  readonly spaced?: RegExp;
  build(g: RegExpExecArray): Row;
}

/** The keys before `result` (values as sent, in one of Gate's two orders); `result` may not appear among them. */
const HEAD_KEYS = ['time', 'time_ms', 'channel', 'event', 'error'] as const;
const DOC_KEYS = ['channel', 'event', 'time', 'time_ms', 'error'] as const;
interface Head {
  readonly re: RegExp;
  /** Capture group of each of HEAD_KEYS. */
  readonly at: readonly number[];
}

function head(keys: readonly string[], spaced: boolean): Head {
  const fields = open(Object.fromEntries(keys.map((k) => [k, k === 'channel' ? 'string' : 'scalar'] as const)), ['result'], spaced);
  const w = spaced ? WS : '';
  return { re: new RegExp(`^${w}${fields},${w}"result"${w}:${w}`), at: HEAD_KEYS.map((k) => keys.indexOf(k) + 1) };
}

const COMPACT_HEADS = [head(HEAD_KEYS, false)];
const SPACED_HEADS = [head(HEAD_KEYS, true), head(DOC_KEYS, true)];

function row(keys: readonly string[], build: RowTemplate['build']): RowTemplate {
  const wanted = Object.fromEntries(keys.map((k) => [k, 'scalar' as const]));
  return { row: new RegExp(object(wanted), 'y'), spaced: new RegExp(object(wanted, [], true), 'y'), build };
}

const TRADE = { size: 'number', id: 'number', create_time: 'number', create_time_ms: 'number', price: 'string', contract: 'string', is_internal: 'boolean' } as const;

const ROWS: Readonly<Record<string, readonly RowTemplate[]>> = {
  'futures.trades': [
    // Gate's trade rows as written without the size-decimal header: exactly these keys, typed
    // (cheaper to match and build than the general row below).
    {
      row: new RegExp(exact(TRADE, ['create_time_ms', 'is_internal']), 'y'),
      build: (g) => ({ contract: g[6], is_internal: bool(g[7]), size: num(g[1]), create_time_ms: num(g[4]), create_time: num(g[3]), price: g[5], id: num(g[2]) }),
    },
    row(['size', 'id', 'create_time', 'create_time_ms', 'price', 'contract', 'is_internal'], (g) => ({
      contract: v(g[6]),
      is_internal: v(g[7]),
      size: v(g[1]),
      create_time_ms: v(g[4]),
      create_time: v(g[3]),
      price: v(g[5]),
      id: v(g[2]),
    })),
  ],
  'futures.tickers': [
    row(['contract', 'funding_rate', 'mark_price', 'index_price', 'total_size', 't'], (g) => ({
      contract: v(g[1]),
      t: v(g[6]),
      mark_price: v(g[3]),
      index_price: v(g[4]),
      funding_rate: v(g[2]),
      total_size: v(g[5]),
    })),
    row(['contract', 'total_size', 'mark_price', 'funding_rate', 'index_price', 't'], (g) => ({
      contract: v(g[1]),
      t: v(g[6]),
      mark_price: v(g[3]),
      index_price: v(g[5]),
      funding_rate: v(g[4]),
      total_size: v(g[2]),
    })),
  ],
  'futures.public_liquidates': [
    row(['contract', 'price', 'time', 'size'], (g) => ({ contract: v(g[1]), size: v(g[4]), price: v(g[2]), time: v(g[3]) })),
    row(['price', 'size', 'time', 'contract'], (g) => ({ contract: v(g[4]), size: v(g[2]), price: v(g[1]), time: v(g[3]) })),
  ],
  'futures.contract_stats': [
    row(
      ['time', 'contract', 'long_liq_size', 'short_liq_size', 'open_interest', 'short_liq_usd', 'mark_price', 'short_liq_amount', 'long_liq_amount', 'open_interest_usd', 'long_liq_usd'],
      (g) => ({
        contract: v(g[2]),
        time: v(g[1]),
        mark_price: v(g[7]),
        open_interest: v(g[5]),
        open_interest_usd: v(g[10]),
        long_liq_size: v(g[3]),
        long_liq_usd: v(g[11]),
        long_liq_amount: v(g[9]),
        short_liq_size: v(g[4]),
        short_liq_usd: v(g[6]),
        short_liq_amount: v(g[8]),
      }),
    ),
  ],
};

/**
 * `result` at `at`: a row, or an array of rows and arrays of rows, each matched by `re`; the
 * index after it, or -1.
 */
function result(frame: string, at: number, re: RegExp, build: RowTemplate['build'], out: { value?: Result }): number {
  if (frame.charCodeAt(at) === 123) {
    re.lastIndex = at;
    const g = re.exec(frame);
    if (g === null) return -1;
    out.value = build(g);
    return re.lastIndex;
  }
  if (frame.charCodeAt(at) !== 91) return -1;
  const items: (Row | Row[])[] = [];
  out.value = items;
  let i = skip(frame, at + 1);
  if (frame.charCodeAt(i) === 93) return i + 1;
  for (;;) {
    if (frame.charCodeAt(i) === 91) {
      const inner: Row[] = [];
      i = rows(frame, i, re, build, inner);
      if (i < 0) return -1;
      items.push(inner);
    } else {
      re.lastIndex = i;
      const g = re.exec(frame);
      if (g === null) return -1;
      items.push(build(g));
      i = re.lastIndex;
    }
    i = skip(frame, i);
    const c = frame.charCodeAt(i);
    if (c === 93) return i + 1;
    if (c !== 44) return -1;
    i = skip(frame, i + 1);
  }
}

/** `{time, time_ms, channel, event, error, result}` with the rows' read keys, or undefined (JSON.parse path). */
export function templateMessage(frame: string): JsonObject | undefined {
  const spaced = frame.charCodeAt(1) !== 34;
  for (const h of spaced ? SPACED_HEADS : COMPACT_HEADS) {
    const g = h.re.exec(frame);
    if (g === null) continue;
    const [time, timeMs, channel, event, error] = h.at.map((k) => g[k]);
    const templates = ROWS[channel ?? ''];
    if (templates === undefined) return undefined;
    const at = g[0].length;
    const out: { value?: Result } = {};
    for (const t of templates) {
      const re = spaced ? t.spaced : t.row;
      if (re === undefined) continue;
      const end = skip(frame, result(frame, at, re, t.build, out));
      if (end > 0 && frame.charCodeAt(end) === 125 && skip(frame, end + 1) === frame.length) {
        return { time: v(time), time_ms: v(timeMs), channel, event: v(event), error: v(error), result: out.value } as JsonObject;
      }
    }
    return undefined;
  }
  return undefined;
}
