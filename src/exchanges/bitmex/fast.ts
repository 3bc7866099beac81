// The scanner path (core/scan.ts; on with parse.ts `scan: true`) for the hot tables: trade
// (insert) and liquidation pushes. It answers only frames whose every row is valid, and touches
// the liquidation-order state only after reading the whole frame; anything else (a bad, null or
// missing field, a number sent as text, escapes, duplicate keys, keys in another order than
// table → action → data, …) returns undefined, and the JSON.parse path gives the outcome.
// Checks mirror parse.ts; the events come from events.ts.
import type { MarketEvent } from '../../core/events.js';
import { keys, type Scan } from '../../core/scan.js';
import type { MarketSpec, ParseOutcome } from '../../core/venue.js';
import { btcQty, liquidationEvent, tradeEvent, type LiqOrder } from './events.js';
import { isoTime } from './iso.js';

const TOP = keys(['table', 'action', 'data']);
const TRADE = keys(['symbol', 'price', 'size', 'side', 'timestamp', 'trdMatchID']);
const LIQ = keys(['orderID', 'symbol', 'side', 'price', 'leavesQty']);

type Spec = ReadonlyMap<string, MarketSpec>;

/** A finite JSON number, else NaN. */
function finite(n: number): number {
  return n - n === 0 ? n : NaN;
}

export function fastFrame(sc: Scan, spec: Spec, orders: Map<string, LiqOrder>, frame: string, recvTs: number): ParseOutcome | undefined {
  // Other tables (and other spellings) go straight to JSON.parse rather than be scanned twice.
  if (!frame.startsWith('{"table":"trade","') && !frame.startsWith('{"table":"liquidation","')) return undefined;
  if (!sc.start(frame) || !sc.object() || sc.key(TOP) !== 0) return undefined;
  const table = sc.str();
  if (sc.key(TOP) !== 1) return undefined;
  const action = sc.str();
  if (sc.key(TOP) !== 2) return undefined;
  if (table === 'trade' && (action === 'insert' || action === 'update' || action === 'delete')) return trades(sc, spec, recvTs);
  if (table === 'liquidation' && (action === 'insert' || action === 'update' || action === 'delete' || action === 'partial')) return liquidations(sc, spec, orders, action, recvTs);
  return undefined;
}

/** After `data`: the object closes and nothing follows. */
function end(sc: Scan): boolean {
  return sc.key(TOP) === -1 && sc.done();
}

function trades(sc: Scan, spec: Spec, recvTs: number): ParseOutcome | undefined {
  if (!sc.array()) return undefined;
  const events: MarketEvent[] = [];
  while (sc.more()) {
    if (!sc.object()) return undefined;
    let symbol: string | undefined;
    let price = NaN;
    let size = NaN;
    let side: string | undefined;
    let time: string | undefined;
    let id: string | undefined;
    for (let k = sc.key(TRADE); k >= 0; k = sc.key(TRADE)) {
      if (k === 0) symbol = sc.str();
      else if (k === 1) price = finite(sc.num());
      else if (k === 2) size = finite(sc.num());
      else if (k === 3) side = sc.str();
      else if (k === 4) time = sc.str();
      else id = sc.str();
    }
    const m = symbol === undefined ? undefined : spec.get(symbol);
    if (sc.failed || !m || !(price > 0) || !(size > 0) || (side !== 'Buy' && side !== 'Sell') || time === undefined) return undefined;
    const ts = isoTime(time);
    if (ts !== ts) return undefined;
    events.push(tradeEvent(m, ts, recvTs, price, btcQty(m, size, price), side, id));
  }
  return events.length > 0 && end(sc) ? { kind: 'events', events } : undefined;
}

interface LiqRow {
  readonly id: string;
  readonly m: MarketSpec | undefined;
  readonly side: 'Buy' | 'Sell' | undefined;
  readonly price: number | undefined;
  readonly leavesQty: number | undefined;
}

/** Reads every row first, then applies them in order as parse.ts liquidationRow does. */
function liquidations(sc: Scan, spec: Spec, orders: Map<string, LiqOrder>, action: string, recvTs: number): ParseOutcome | undefined {
  if (!sc.array()) return undefined;
  const rows: LiqRow[] = [];
  while (sc.more()) {
    if (!sc.object()) return undefined;
    let id: string | undefined;
    let symbol: string | undefined;
    let side: string | undefined;
    let price: number | undefined;
    let leavesQty: number | undefined;
    for (let k = sc.key(LIQ); k >= 0; k = sc.key(LIQ)) {
      if (k === 0) id = sc.str();
      else if (k === 1) symbol = sc.str();
      else if (k === 2) side = sc.str();
      else if (k === 3) price = finite(sc.num());
      else leavesQty = finite(sc.num());
    }
    if (sc.failed || id === undefined || price !== price || leavesQty !== leavesQty) return undefined;
    if (action === 'delete' || action === 'update') {
      rows.push({ id, m: undefined, side: undefined, price, leavesQty });
      continue;
    }
    if (symbol === undefined) return undefined;
    const m = spec.get(symbol);
    if (m && ((side !== 'Buy' && side !== 'Sell') || !(price !== undefined && price > 0) || !(leavesQty !== undefined && leavesQty > 0))) return undefined;
    rows.push({ id, m, side: side === 'Buy' || side === 'Sell' ? side : undefined, price, leavesQty });
  }
  if (!end(sc)) return undefined;
  const events: MarketEvent[] = [];
  for (const r of rows) {
    if (action === 'delete') orders.delete(r.id);
    else if (action === 'update') {
      const o = orders.get(r.id);
      if (o) {
        o.price = r.price ?? o.price;
        o.leavesQty = r.leavesQty ?? o.leavesQty;
      }
    } else if (r.m && r.side && r.price !== undefined && r.leavesQty !== undefined) {
      orders.set(r.id, { side: r.side, price: r.price, leavesQty: r.leavesQty });
      if (action === 'insert') events.push(liquidationEvent(r.m, recvTs, r.price, r.leavesQty, r.side));
    }
  }
  return events.length > 0 ? { kind: 'events', events } : { kind: 'control', what: `liquidation ${action}` };
}
