// The template path (core/scan-template.ts) for table pushes written as BitMEX writes them:
// {"table","action","data":[rows]} with each table's row keys in BitMEX's column order. It hands
// parse.ts the message JSON.parse would give minus the keys parse.ts does not read; the same parser
// code then checks the rows and builds the events, so both paths give one outcome. Anything else
// (another key order, whitespace, escapes, a repeated key, …)
// returns undefined and takes JSON.parse.
import type { JsonObject } from '../../core/fields.js';
import { flat, num, object, rows, STRING, value } from '../../core/scan-template.js';

type Row = { readonly [k: string]: unknown };
type Build = (g: RegExpExecArray) => Row;

/** Table, action, then a partial's keys, types and filter (parse.ts does not read them), then data. */
const HEAD = new RegExp(
  `^\\{"table":"(trade|liquidation|instrument)","action":"(partial|insert|update|delete)"` +
    `(?:,"keys":\\[(?:${STRING}(?:,${STRING})*)?\\])?(?:,"types":${flat()})?(?:,"filter":${flat()})?,"data":`,
);

const ROWS: Readonly<Record<string, { readonly row: RegExp; readonly build: Build }>> = {
  trade: {
    row: new RegExp(object({ timestamp: 'string', symbol: 'string', side: 'string', size: 'number', price: 'number', trdMatchID: 'string' }), 'y'),
    build: (g) => ({ timestamp: g[1], symbol: g[2], side: g[3], size: num(g[4]), price: num(g[5]), trdMatchID: g[6] }),
  },
  liquidation: {
    row: new RegExp(object({ orderID: 'string', symbol: 'string', side: 'string', price: 'number', leavesQty: 'number' }), 'y'),
    build: (g) => ({ orderID: g[1], symbol: g[2], side: g[3], price: num(g[4]), leavesQty: num(g[5]) }),
  },
  instrument: {
    // Values may be null (fields BitMEX has not set): any scalar, as sent.
    row: new RegExp(
      object({
        symbol: 'string',
        fundingTimestamp: 'scalar',
        fundingRate: 'scalar',
        openInterest: 'scalar',
        markPrice: 'scalar',
        indicativeSettlePrice: 'scalar',
        timestamp: 'scalar',
      }),
      'y',
    ),
    build: (g) => ({
      symbol: g[1],
      fundingTimestamp: value(g[2]),
      fundingRate: value(g[3]),
      openInterest: value(g[4]),
      markPrice: value(g[5]),
      indicativeSettlePrice: value(g[6]),
      timestamp: value(g[7]),
    }),
  },
};

/** `{table, action, data}` with the rows' read keys, or undefined (JSON.parse path). */
export function templateMessage(frame: string): JsonObject | undefined {
  const head = HEAD.exec(frame);
  const table = head?.[1];
  const t = table === undefined ? undefined : ROWS[table];
  if (head === null || t === undefined) return undefined;
  const data: Row[] = [];
  const end = rows(frame, head[0].length, t.row, t.build, data);
  if (end !== frame.length - 1 || frame.charCodeAt(end) !== 125) return undefined;
  return { table, action: head[2], data } as JsonObject;
}
