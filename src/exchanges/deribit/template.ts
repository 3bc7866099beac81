// The template path (core/scan-template.ts) for subscription notifications written as Deribit
// writes them: {"jsonrpc","method":"subscription","params":{"channel","data"}} with the trade rows'
// and the ticker's keys in Deribit's order. It hands parse.ts the message JSON.parse would give
// minus the keys parse.ts does not read; the same parser code then checks it and builds the events,
// so both paths give one outcome. Anything else (another key order, whitespace, escapes, a
// repeated key, …) returns undefined and takes JSON.parse.
import type { JsonObject } from '../../core/fields.js';
import { object, rows, STRING, TEXT, value as v } from '../../core/scan-template.js';

type Row = { readonly [k: string]: unknown };

const HEAD = new RegExp(`^\\{"jsonrpc":${STRING},"method":"subscription","params":\\{"channel":"((trades|ticker)\\.${TEXT})","data":`);
const TAIL = '}}';

/** Trade rows in the order of live 100ms notifications (2026) and of raw ones (2019, tardis): values as sent. */
const TRADES: readonly { readonly row: RegExp; build(g: RegExpExecArray): Row }[] = [
  {
    row: new RegExp(object({ timestamp: 'scalar', price: 'scalar', amount: 'scalar', direction: 'scalar', instrument_name: 'scalar', trade_id: 'scalar', liquidation: 'scalar' }), 'y'),
    build: (g) => ({ instrument_name: v(g[5]), price: v(g[2]), amount: v(g[3]), timestamp: v(g[1]), direction: v(g[4]), trade_id: v(g[6]), liquidation: v(g[7]) }),
  },
  {
    // trade_seq is not read: listed as the first key, which the template needs.
    row: new RegExp(object({ trade_seq: 'scalar', trade_id: 'scalar', timestamp: 'scalar', price: 'scalar', liquidation: 'scalar', instrument_name: 'scalar', direction: 'scalar', amount: 'scalar' }), 'y'),
    build: (g) => ({ instrument_name: v(g[6]), price: v(g[4]), amount: v(g[8]), timestamp: v(g[3]), direction: v(g[7]), trade_id: v(g[2]), liquidation: v(g[5]) }),
  },
];

const TICKER = new RegExp(object({ timestamp: 'scalar', open_interest: 'scalar', mark_price: 'scalar', instrument_name: 'scalar', index_price: 'scalar', funding_8h: 'scalar' }), 'y');

/** `{method, params: {channel, data}}` with the read keys only, or undefined (JSON.parse path). */
export function templateMessage(frame: string): JsonObject | undefined {
  const head = HEAD.exec(frame);
  if (head === null) return undefined;
  const at = head[0].length;
  let data: Row | Row[] | undefined;
  let end = -1;
  if (head[2] === 'trades') {
    for (const t of TRADES) {
      const out: Row[] = [];
      end = rows(frame, at, t.row, t.build, out);
      if (end >= 0) {
        data = out;
        break;
      }
    }
  } else {
    TICKER.lastIndex = at;
    const g = TICKER.exec(frame);
    if (g !== null) {
      end = TICKER.lastIndex;
      data = { timestamp: v(g[1]), open_interest: v(g[2]), mark_price: v(g[3]), instrument_name: v(g[4]), index_price: v(g[5]), funding_8h: v(g[6]) };
    }
  }
  if (data === undefined || end !== frame.length - TAIL.length || !frame.endsWith(TAIL)) return undefined;
  return { method: 'subscription', params: { channel: head[1], data } } as JsonObject;
}
