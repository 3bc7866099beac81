// Bybit v5 trade and liquidation events, built alike by parse.ts and the scanner path (fast.ts).
import type { LiquidationEvent, TradeEvent, VenueId } from '../../../core/events.js';
import type { MarketSpec } from '../../../core/venue.js';
import { sizeToBtc, sizeToUsd } from './units.js';

export function tradeEvent(venue: VenueId, m: MarketSpec, ts: number, recvTs: number, price: number, size: number, takerSide: 'buy' | 'sell', id: string | undefined): TradeEvent {
  // Optional fields are written even when undefined: object spreads cost more than the parse.
  return { kind: 'trade', venue, market: m.symbol, ts, recvTs, price, qty: sizeToBtc(m, size, price), takerSide, id };
}

export function liquidationEvent(venue: VenueId, m: MarketSpec, ts: number, recvTs: number, price: number, size: number, side: 'long' | 'short'): LiquidationEvent {
  return { kind: 'liquidation', venue, market: m.symbol, ts, recvTs, price, qty: sizeToBtc(m, size, price), notionalUsd: sizeToUsd(m, size, price), side };
}
