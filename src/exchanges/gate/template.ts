// The template path (core/scan-template.ts) for pushes written as Gate writes them: no whitespace,
// {"time",…,"channel","event",…,"result"} with `result` last, an object or an array of rows, and
// each channel's row keys in one of Gate's orders. It hands parse.ts the message JSON.parse would
// give minus the keys parse.ts does not read; the same parser code then checks the rows and builds
// the events, so both paths give one outcome. Anything else (whitespace, nested rows, another key
// order, escapes, a repeated key, …) returns undefined and takes JSON.parse.
import type { JsonObject } from '../../core/fields.js';
import { object, open, rows, value as v } from '../../core/scan-template.js';

type Row = { readonly [k: string]: unknown };
interface RowTemplate {
  readonly row: RegExp;
  build(g: RegExpExecArray): Row;
}

/** The keys before `result` (values as sent); `result` may not appear among them. */
const HEAD = new RegExp(`^${open({ time: 'scalar', time_ms: 'scalar', channel: 'string', event: 'scalar', error: 'scalar' }, ['result'])},"result":`);

function row(keys: readonly string[], build: RowTemplate['build']): RowTemplate {
  return { row: new RegExp(object(Object.fromEntries(keys.map((k) => [k, 'scalar' as const]))), 'y'), build };
}

const ROWS: Readonly<Record<string, readonly RowTemplate[]>> = {
  'futures.trades': [
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
  'futures.public_liquidates': [row(['contract', 'price', 'time', 'size'], (g) => ({ contract: v(g[1]), size: v(g[4]), price: v(g[2]), time: v(g[3]) }))],
};

/** `{time, time_ms, channel, event, error, result}` with the rows' read keys, or undefined (JSON.parse path). */
export function templateMessage(frame: string): JsonObject | undefined {
  const head = HEAD.exec(frame);
  const templates = head === null ? undefined : ROWS[head[3] ?? ''];
  if (head === null || templates === undefined) return undefined;
  const at = head[0].length;
  for (const t of templates) {
    let result: Row | Row[] | undefined;
    let end = -1;
    if (frame.charCodeAt(at) === 123) {
      t.row.lastIndex = at;
      const g = t.row.exec(frame);
      if (g !== null) [result, end] = [t.build(g), t.row.lastIndex];
    } else {
      const out: Row[] = [];
      end = rows(frame, at, t.row, t.build, out);
      result = out;
    }
    if (end === frame.length - 1 && frame.charCodeAt(end) === 125) {
      return { time: v(head[1]), time_ms: v(head[2]), channel: head[3], event: v(head[4]), error: v(head[5]), result } as JsonObject;
    }
  }
  return undefined;
}
