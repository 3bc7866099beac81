// The template path (core/scan-template.ts) for pushes written as Gate writes them:
// {"time",…,"channel","event",…,"result"} (or the docs' "channel","event","time",… order) with
// `result` last, an object, an array of rows or an array of arrays of rows (2021 tickers), and each
// channel's row keys in one of Gate's orders; compact, or with JSON whitespace when the frame's
// second char is one (the docs' examples). It hands parse.ts the message JSON.parse would give
// minus the keys parse.ts does not read (nor `time`/`time_ms` outside tickers, nor a trade's
// `create_time` next to its `create_time_ms`), with `result` flattened to its rows; the same parser
// code then checks the rows and builds the events, so both paths give one outcome. Anything else
// (another key order, escapes, a repeated key, another channel or event, …) returns undefined and
// takes JSON.parse. No string captured is compared: the channel and event are regex alternatives.
import type { JsonObject } from '../../core/fields.js';
import { bool, either, exact, num, object, open, rows, skip, value as v, WS, type Want } from '../../core/scan-template.js';

type Row = { readonly [k: string]: string | number | boolean | null | undefined };
interface RowTemplate {
  /** The first char of the rows' first key (not tried on rows starting with another). */
  readonly first: number;
  /** Compact rows, and rows with JSON whitespace (null: compact only). */
  readonly row: RegExp;
  readonly spaced: RegExp | null;
  build(g: RegExpExecArray): Row;
}

/** The message parse.ts reads, `result` being its rows (what resultRows gives). */
export type TemplateMessage = JsonObject & { readonly result: readonly JsonObject[] };

/** A key's first char. */
const code = (key: string | undefined): number => key?.charCodeAt(0) ?? -1;

/** The channels with row templates (CHANNEL_TEMPLATES in this order). */
const CHANNELS = ['futures.trades', 'futures.tickers', 'futures.public_liquidates', 'futures.contract_stats'] as const;

/** The keys before `result` (values as sent, in one of Gate's two orders); `result` may not appear among them. */
const HEAD_KEYS = ['time', 'time_ms', 'channel', 'event', 'error'] as const;
const DOC_KEYS = ['channel', 'event', 'time', 'time_ms', 'error'] as const;
interface Head {
  /** The first char of the first key. */
  readonly first: number;
  readonly re: RegExp;
  /** Capture groups; `channel` is the one of CHANNELS[0], those of the other channels follow it. */
  readonly time: number;
  readonly timeMs: number;
  readonly channel: number;
  readonly event: number;
  readonly error: number;
}

/** The head keys' kinds: the channel one of CHANNELS, the event "update", a group for each value. */
const HEAD_KINDS: Readonly<Record<string, Want>> = { time: 'scalar', time_ms: 'scalar', channel: CHANNELS, event: ['update'], error: 'scalar' };

/** The head up to `result`'s value. */
function head(keys: readonly string[], spaced: boolean): Head {
  const kinds = keys.map((k) => [k, HEAD_KINDS[k] ?? 'scalar'] as const);
  const group: Record<string, number> = {};
  let n = 1;
  for (const [k, kind] of kinds) {
    group[k] = n;
    n += Array.isArray(kind) ? kind.length : 1;
  }
  const w = spaced ? WS : '';
  const re = new RegExp(`^${w}${open(Object.fromEntries(kinds), ['result'], spaced)},${w}"result"${w}:${w}`);
  const at = (k: string) => group[k] ?? 0;
  return { first: code(keys[0]), re, time: at('time'), timeMs: at('time_ms'), channel: at('channel'), event: at('event'), error: at('error') };
}

const COMPACT_HEADS = [head(HEAD_KEYS, false)];
const SPACED_HEADS = [head(HEAD_KEYS, true), head(DOC_KEYS, true)];

/** Rows of these keys (any scalars) in this order, other keys between them. */
function row(keys: readonly string[], build: RowTemplate['build']): RowTemplate {
  const wanted = Object.fromEntries(keys.map((k) => [k, 'scalar' as const]));
  return { first: code(keys[0]), row: new RegExp(object(wanted), 'y'), spaced: new RegExp(object(wanted, [], true), 'y'), build };
}

/** Rows of `first` then the other keys in one of `orders` (see core either()), all in one regex. */
function rowEither(first: string, orders: readonly (readonly string[])[], kind: (key: string) => Want, build: RowTemplate['build']): RowTemplate {
  const kinds = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, kind(k)]));
  const f = kinds([first]);
  const o = orders.map(kinds);
  return { first: code(first), row: new RegExp(either(f, o), 'y'), spaced: new RegExp(either(f, o, true), 'y'), build };
}

const TRADE = { size: 'number', id: 'number', create_time: 'number', create_time_ms: 'number', price: 'string', contract: 'string', is_internal: 'boolean' } as const;

/** Gate's two ticker key orders after `contract`: the docs' (funding_rate first) and 2022 on (total_size first). */
const TICKER_ORDERS = [
  ['funding_rate', 'mark_price', 'index_price', 'total_size', 't'],
  ['total_size', 'mark_price', 'funding_rate', 'index_price', 't'],
] as const;

type Value = Row[string];

/** A ticker row (the keys parse.ts reads). */
function ticker(contract: Value, funding: Value, mark: Value, index: Value, total: Value, t: Value): Row {
  return { contract, t, mark_price: mark, index_price: index, funding_rate: funding, total_size: total };
}

/** Each channel's row templates, tried in turn. */
const CHANNEL_TEMPLATES: readonly (readonly RowTemplate[])[] = [
  // futures.trades
  [
    // Gate's trade rows as written without the size-decimal header: exactly these keys, typed
    // (cheaper to match and build than the general row below).
    {
      first: code('size'),
      row: new RegExp(exact(TRADE, ['create_time_ms', 'is_internal']), 'y'),
      spaced: null,
      build: (g) => ({ contract: g[6], is_internal: bool(g[7]), size: num(g[1]), create_time_ms: num(g[4]), create_time: g[4] === undefined ? num(g[3]) : undefined, price: g[5], id: num(g[2]) }),
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
  // futures.tickers: both of Gate's key orders in one regex (groups: contract 1, the docs' order
  // 2-6, the other 7-11); typed as Gate sends them (strings, `t` a number), then any scalars.
  [
    rowEither(
      'contract',
      TICKER_ORDERS,
      (k) => (k === 't' ? 'number' : 'string'),
      (g) => (g[2] !== undefined ? ticker(g[1], g[2], g[3], g[4], g[5], num(g[6])) : ticker(g[1], g[9], g[8], g[10], g[7], num(g[11]))),
    ),
    rowEither(
      'contract',
      TICKER_ORDERS,
      () => 'scalar',
      (g) => (g[2] !== undefined ? ticker(v(g[1]), v(g[2]), v(g[3]), v(g[4]), v(g[5]), v(g[6])) : ticker(v(g[1]), v(g[9]), v(g[8]), v(g[10]), v(g[7]), v(g[11]))),
    ),
  ],
  // futures.public_liquidates
  [
    row(['contract', 'price', 'time', 'size'], (g) => ({ contract: v(g[1]), size: v(g[4]), price: v(g[2]), time: v(g[3]) })),
    row(['price', 'size', 'time', 'contract'], (g) => ({ contract: v(g[4]), size: v(g[2]), price: v(g[1]), time: v(g[3]) })),
  ],
  // futures.contract_stats
  [
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
];

/** The row at `at` matched by `re` pushed to `out`: the index after it, or -1. */
function one(frame: string, at: number, re: RegExp, build: RowTemplate['build'], out: Row[]): number {
  re.lastIndex = at;
  const g = re.exec(frame);
  if (g === null) return -1;
  out.push(build(g));
  return re.lastIndex;
}

/**
 * `result` at `at`: a row, or an array of rows and arrays of rows, each matched by `re`, pushed
 * flattened to `out`; the index after it, or -1.
 */
function result(frame: string, at: number, re: RegExp, build: RowTemplate['build'], out: Row[]): number {
  const c0 = frame.charCodeAt(at);
  if (c0 === 123) return one(frame, at, re, build, out);
  if (c0 !== 91) return -1;
  let i = skip(frame, at + 1);
  if (frame.charCodeAt(i) === 93) return i + 1;
  for (;;) {
    i = frame.charCodeAt(i) === 91 ? rows(frame, i, re, build, out) : one(frame, i, re, build, out);
    if (i < 0) return -1;
    i = skip(frame, i);
    const c = frame.charCodeAt(i);
    if (c === 93) return i + 1;
    if (c !== 44) return -1;
    i = skip(frame, i + 1);
  }
}

/** The first char of the first key of the object at `i` or in the arrays there (whitespace skipped), or -1. */
function firstKey(frame: string, i: number): number {
  for (let c = frame.charCodeAt(i); c === 91 || c === 32 || c === 10 || c === 13 || c === 9; c = frame.charCodeAt(++i));
  if (frame.charCodeAt(i) !== 123) return -1;
  i = skip(frame, i + 1);
  return frame.charCodeAt(i) === 34 ? frame.charCodeAt(i + 1) : -1;
}

/** `{time, time_ms, channel, event, error, result}`, `result` the rows with their read keys, or undefined (JSON.parse path). */
export function templateMessage(frame: string): TemplateMessage | undefined {
  const spaced = frame.charCodeAt(1) !== 34;
  const heads = spaced ? SPACED_HEADS : COMPACT_HEADS;
  const key = firstKey(frame, 0);
  for (let k = 0; k < heads.length; k++) {
    const h = heads[k] as Head;
    if (h.first !== key) continue;
    const g = h.re.exec(frame);
    if (g === null) continue;
    let c = 0;
    while (g[h.channel + c] === undefined) if (++c === CHANNELS.length) return undefined;
    const channel = CHANNELS[c];
    const templates = CHANNEL_TEMPLATES[c] as readonly RowTemplate[];
    const at = (g[0] as string).length;
    const rowKey = firstKey(frame, at);
    for (let t = 0; t < templates.length; t++) {
      const tpl = templates[t] as RowTemplate;
      const re = spaced ? tpl.spaced : tpl.row;
      if (re === null || (rowKey >= 0 && tpl.first !== rowKey)) continue;
      const out: Row[] = [];
      const end = skip(frame, result(frame, at, re, tpl.build, out));
      if (end > 0 && frame.charCodeAt(end) === 125 && skip(frame, end + 1) === frame.length) {
        const tickers = channel === 'futures.tickers';
        const event = g[h.event] === undefined ? undefined : 'update';
        return { time: tickers ? v(g[h.time]) : undefined, time_ms: tickers ? v(g[h.timeMs]) : undefined, channel, event, error: v(g[h.error]), result: out } as TemplateMessage;
      }
    }
    return undefined;
  }
  return undefined;
}
