// The template path (core/scan-template.ts) for KuCoin's compact pushes, topic first and `data`
// last: execution `match` and instrument `mark.index.price` / `funding.rate`. Frames as tardis
// captures them (exactly KuCoin's keys in its order) are matched whole by one regex each; other
// key orders or extra keys by object() templates of the head and of `data`. It hands parse.ts the
// message JSON.parse would give minus the keys parse.ts does not read; the same parser code then
// checks the values and builds the events, so both paths give one outcome. Anything else
// (whitespace: only the doc examples have it, and JSON.parse reads them faster than a spaced
// template; `data` first, another type or subject, escapes, a repeated key, …) returns undefined
// and takes JSON.parse.
import type { JsonObject } from '../../core/fields.js';
import { exact, num, object, open, SCALAR, TEXT, value as v } from '../../core/scan-template.js';

/**
 * A whole compact frame: exactly these keys in this order (`sn` optional), the topic prefix and the
 * subject written into the regex (checking them as captured strings cost about as much as the regex).
 */
function whole(prefix: string, subject: string, data: string): RegExp {
  return new RegExp(`^\\{"topic":"(${prefix}${TEXT})","type":"message","subject":"${subject.replace(/\./g, '\\.')}",(?:"sn":${SCALAR},)?"data":${data}\\}$`);
}
const EXECUTION = '/contractMarket/execution:';
const INSTRUMENT = '/contract/instrument:';
const TRADE_WHOLE = whole(
  EXECUTION,
  'match',
  exact({ symbol: 'string', sequence: 'scalar', makerUserId: 'scalar', side: 'string', size: 'number', price: 'scalar', takerOrderId: 'scalar', takerUserId: 'scalar', makerOrderId: 'scalar', tradeId: 'scalar', ts: 'number' }),
);
const MARK_WHOLE = whole(INSTRUMENT, 'mark.index.price', exact({ markPrice: 'number', indexPrice: 'number', granularity: 'number', timestamp: 'number' }));
const FUNDING_WHOLE = whole(INSTRUMENT, 'funding.rate', exact({ granularity: 'number', fundingRate: 'number', timestamp: 'number' }));
/** Index of the char after `{"topic":"/contract`: M (execution) or / (instrument). */
const KIND_AT = '{"topic":"/contract'.length;

/** The message as parse.ts reads it (absent keys undefined, as reading JSON.parse's object gives). */
type Message = { readonly [k: string]: unknown };

function wholeMessage(frame: string): Message | undefined {
  if (frame.charCodeAt(KIND_AT) === 77) {
    const g = TRADE_WHOLE.exec(frame);
    return g === null ? undefined : { topic: g[1], type: 'message', subject: 'match', data: { symbol: g[2], side: g[5], size: num(g[6]), price: v(g[7]), tradeId: v(g[11]), ts: num(g[12]) } };
  }
  let g = MARK_WHOLE.exec(frame);
  if (g !== null) return { topic: g[1], type: 'message', subject: 'mark.index.price', data: { markPrice: num(g[2]), indexPrice: num(g[3]), timestamp: num(g[5]) } };
  g = FUNDING_WHOLE.exec(frame);
  return g === null ? undefined : { topic: g[1], type: 'message', subject: 'funding.rate', data: { fundingRate: num(g[3]), timestamp: num(g[4]) } };
}

type Build = (g: RegExpExecArray) => Message;
/** Per subject: its topic prefix, the `data` template (sticky) and its build. */
const DATA = new Map<string, readonly [string, RegExp, Build]>([
  // `time` (read when `ts` is absent) is not captured: frames with it take JSON.parse.
  [
    'match',
    [
      EXECUTION,
      new RegExp(object({ symbol: 'string', side: 'string', size: 'scalar', price: 'scalar', tradeId: 'scalar', ts: 'scalar' }, ['time']), 'y'),
      (g) => ({ symbol: g[1], side: g[2], size: v(g[3]), price: v(g[4]), tradeId: v(g[5]), ts: v(g[6]) }),
    ],
  ],
  ['mark.index.price', [INSTRUMENT, new RegExp(object({ markPrice: 'scalar', indexPrice: 'scalar', timestamp: 'scalar' }), 'y'), (g) => ({ markPrice: v(g[1]), indexPrice: v(g[2]), timestamp: v(g[3]) })]],
  ['funding.rate', [INSTRUMENT, new RegExp(object({ granularity: 'scalar', fundingRate: 'scalar', timestamp: 'scalar' }), 'y'), (g) => ({ fundingRate: v(g[2]), timestamp: v(g[3]) })]],
]);
/** `{"topic":…,"type":…,"subject":…,…,"data":` (type and subject optional, `data` not before). */
const HEAD = new RegExp(`^${open({ topic: 'string', type: 'string', subject: 'string' }, ['data'])},"data":`);

/** `{topic, type, subject, data}` with data's read keys, or undefined (JSON.parse path). */
export function templateMessage(frame: string): JsonObject | undefined {
  if (frame.charCodeAt(1) !== 34) return undefined;
  const w = wholeMessage(frame);
  if (w !== undefined) return w as JsonObject;
  const g = HEAD.exec(frame);
  if (g === null) return undefined;
  const topic = g[1];
  const type = g[2];
  const subject = g[3];
  if ((type !== undefined && type !== 'message') || subject === undefined || topic === undefined) return undefined;
  const t = DATA.get(subject);
  if (t === undefined || !topic.startsWith(t[0])) return undefined;
  const re = t[1];
  re.lastIndex = g[0].length;
  const d = re.exec(frame);
  return d !== null && frame.charCodeAt(re.lastIndex) === 125 && re.lastIndex === frame.length - 1 ? ({ topic, type, subject, data: t[2](d) } as JsonObject) : undefined;
}
