// The template path (core/scan-template.ts) for Binance's hot events (aggTrade, trade,
// markPriceUpdate, forceOrder), bare or wrapped in {"stream","data"}: Binance writes each event's
// keys in one order, so one regex match reads a frame. It hands parse.ts the event JSON.parse
// would give minus the keys parse.ts does not read; the same parser code then checks it and builds
// the events, so both paths give one outcome. Anything else (another layout, whitespace, escapes,
// a repeated key, …) returns undefined and takes JSON.parse.
import type { JsonObject } from '../../core/fields.js';
import { bool, num, object, STRING, SCALAR } from '../../core/scan-template.js';

type Groups = readonly (string | undefined)[];
/** An event as parse.ts reads it: a key the frame lacks reads as undefined, as on JSON.parse's object. */
type Event = { readonly [k: string]: unknown };
interface Template {
  readonly name: string;
  readonly bare: RegExp;
  readonly wrapped: RegExp;
  /** The event from the match's groups (group 1: the first key's). */
  build(g: Groups): Event;
}

function template(name: string, payload: string, build: Template['build']): Template {
  return { name, bare: new RegExp(`^${payload}$`), wrapped: new RegExp(`^\\{"stream":${STRING},"data":${payload}\\}$`), build };
}

// Bare events may not carry `stream` or `data`: parse.ts would read such a frame as wrapped.
const NOT_WRAPPER = ['stream', 'data'];

/** aggTrade, with `a` as group `a` and `s` as group `s`: COIN-M writes a before s, the USDⓈ-M doc s before a. */
function aggTrade(order: readonly string[], a: number, s: number): Template {
  const kinds = { e: 'string', a: 'number', s: 'string', p: 'string', q: 'string', T: 'number', m: 'boolean', X: 'string' } as const;
  return template('aggTrade', object(Object.fromEntries(order.map((k) => [k, kinds[k as keyof typeof kinds]])), NOT_WRAPPER), (g) => ({
    e: 'aggTrade',
    X: g[8],
    s: g[s],
    p: g[4],
    q: g[5],
    m: bool(g[7]),
    a: num(g[a]),
    t: undefined,
    T: num(g[6]),
  }));
}

/** Per event type, its layouts. */
const TEMPLATES: readonly Template[] = [
  aggTrade(['e', 'a', 's', 'p', 'q', 'T', 'm', 'X'], 2, 3),
  aggTrade(['e', 's', 'a', 'p', 'q', 'T', 'm', 'X'], 3, 2),
  template('trade', object({ e: 'string', T: 'number', s: 'string', t: 'number', p: 'string', q: 'string', X: 'string', m: 'boolean' }, NOT_WRAPPER), (g) => ({
    e: 'trade',
    X: g[7],
    s: g[3],
    p: g[5],
    q: g[6],
    m: bool(g[8]),
    a: undefined,
    t: num(g[4]),
    T: num(g[2]),
  })),
  template('markPriceUpdate', object({ e: 'string', E: 'number', s: 'string', p: 'string', i: 'string', r: 'string', T: 'number' }, NOT_WRAPPER), (g) => ({
    e: 'markPriceUpdate',
    E: num(g[2]),
    s: g[3],
    p: g[4],
    i: g[5],
    r: g[6],
    T: num(g[7]),
  })),
  // {"e":"forceOrder","E":ms,"o":{order}}: parse.ts reads `e` and the order.
  template(
    'forceOrder',
    `\\{"e":"forceOrder"(?:,"E":${SCALAR})?,"o":${object({ s: 'string', S: 'string', p: 'string', ap: 'string', X: 'string', z: 'string', T: 'number' })}\\}`,
    (g) => ({ e: 'forceOrder', o: { s: g[1], S: g[2], p: g[3], ap: g[4], X: g[5], z: g[6], T: num(g[7]) } }),
  ),
];

const WRAPPED = '{"stream":"';
const DATA = '"data":{"e":"';

/** The event of a hot frame (the `data` of a wrapped one), or undefined (JSON.parse path). */
export function fastEvent(frame: string): JsonObject | undefined {
  const wrapped = frame.startsWith(WRAPPED);
  const data = wrapped ? frame.indexOf(DATA, WRAPPED.length) : -1;
  const at = data >= 0 ? data + DATA.length : !wrapped && frame.startsWith('{"e":"') ? 6 : -1;
  if (at < 0) return undefined;
  for (const t of TEMPLATES) {
    if (!frame.startsWith(t.name, at) || frame.charCodeAt(at + t.name.length) !== 34) continue;
    const g = (wrapped ? t.wrapped : t.bare).exec(frame);
    if (g !== null) return t.build(g) as JsonObject;
  }
  return undefined;
}
