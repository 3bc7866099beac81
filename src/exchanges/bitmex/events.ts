// Event builders shared by the JSON.parse path (parse.ts) and the scanner path (fast.ts): both read
// and check the fields, then build the events here, so the two paths cannot build them differently.
import type { LiquidationEvent, TradeEvent } from '../../core/events.js';
import { inverseQtyBtc } from '../../core/fields.js';
import type { MarketSpec } from '../../core/venue.js';

/** An open liquidation order (the `liquidation` table's per-orderID state). */
export interface LiqOrder {
  readonly side: 'Buy' | 'Sell';
  price: number;
  leavesQty: number;
}

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** BTC quantity of `contracts` at `price`. */
export function btcQty(m: MarketSpec, contracts: number, price: number): number {
  return m.kind === 'inverse' ? inverseQtyBtc(contracts, m.contractSize, price) : contracts * m.contractSize;
}

/** A trade row: `side` is the taker's; `qty` already BTC. */
export function tradeEvent(m: MarketSpec, ts: number, recvTs: number, price: number, qty: number, side: 'Buy' | 'Sell', id: string | undefined): TradeEvent {
  const takerSide = side === 'Buy' ? 'buy' : 'sell';
  // The aggregated pool sends an all-zero GUID: not an id (§2.2).
  return id === undefined || id === ZERO_GUID
    ? { kind: 'trade', venue: 'bitmex', market: m.symbol, ts, recvTs, price, qty, takerSide }
    : { kind: 'trade', venue: 'bitmex', market: m.symbol, ts, recvTs, price, qty, takerSide, id };
}

/** An inserted liquidation order: a Sell closes a LONG, a Buy a SHORT; at the receive time. */
export function liquidationEvent(m: MarketSpec, recvTs: number, price: number, leavesQty: number, side: 'Buy' | 'Sell'): LiquidationEvent {
  const qty = btcQty(m, leavesQty, price);
  return { kind: 'liquidation', venue: 'bitmex', market: m.symbol, ts: recvTs, recvTs, price, qty, notionalUsd: qty * price, side: side === 'Sell' ? 'long' : 'short' };
}
