// Event builders shared by the JSON.parse path (parse.ts) and the scanner path (fast.ts): both read
// and check the fields, then build the events here, so the two paths cannot build them differently.
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';

/**
 * The HLP Liquidator vault, the backstop liquidator: when book liquidation fails, it takes over the
 * liquidated position, so a trade with it as a party is a backstop liquidation. Address: HLP child
 * vault "Liquidator" (vaultDetails of HLP 0xdfc24b07…; several public SDKs name it) [unverified against
 * a live backstop fill]. Ordinary liquidations go to the book as anonymous trades and stay unrecognised.
 */
export const HLP_LIQUIDATOR = '0x2e3d94f0562703b25c83308a05046ddaf9a8dd14';

/** `side` is the aggressor: B = buy (lifted the ask), A = sell (hit the bid) (hyperliquid.md §2.1). */
export function tradeEvent(coin: string, ts: number, recvTs: number, price: number, qty: number, side: 'B' | 'A', tid: number): TradeEvent {
  // tid alone is not unique: Hyperliquid says use (time, coin, tid).
  return { kind: 'trade', venue: 'hyperliquid', market: coin, ts, recvTs, price, qty, takerSide: side === 'B' ? 'buy' : 'sell', id: `${intStr(ts)}-${intStr(tid)}` };
}

/**
 * `users` = [buyer, seller]. The vault takes over the liquidated position: the vault buying means
 * the liquidated user sold, i.e. a LONG was liquidated; the vault selling means a SHORT was.
 */
export function backstopEvent(trade: TradeEvent, buyer: string, seller: string): LiquidationEvent | null {
  const vaultBuys = isLiquidator(buyer);
  if (!vaultBuys && !isLiquidator(seller)) return null;
  return {
    kind: 'liquidation',
    venue: 'hyperliquid',
    market: trade.market,
    ts: trade.ts,
    recvTs: trade.recvTs,
    price: trade.price,
    qty: trade.qty,
    notionalUsd: trade.price * trade.qty,
    side: vaultBuys ? 'long' : 'short',
  };
}

/** Open interest + mark of one asset context (checked by the caller: markPrice > 0, oiBtc ≥ 0). */
export function ctxEvents(coin: string, recvTs: number, markPrice: number, oiBtc: number, indexPrice: number | undefined, fundingRate: number | undefined): MarketEvent[] {
  let mark: MarkEvent;
  if (indexPrice !== undefined && indexPrice > 0 && fundingRate !== undefined) {
    // The usual full context: one object shape, no incremental property adds.
    mark = { kind: 'mark', venue: 'hyperliquid', market: coin, ts: recvTs, recvTs, markPrice, indexPrice, fundingRate };
  } else {
    mark = { kind: 'mark', venue: 'hyperliquid', market: coin, ts: recvTs, recvTs, markPrice };
    if (indexPrice !== undefined && indexPrice > 0) Object.assign(mark, { indexPrice });
    if (fundingRate !== undefined) Object.assign(mark, { fundingRate });
  }
  const oi: OpenInterestEvent = { kind: 'openInterest', venue: 'hyperliquid', market: coin, ts: recvTs, recvTs, oiBtc, oiUsd: oiBtc * markPrice };
  return [oi, mark];
}

/** `address` is HLP_LIQUIDATOR in any letter case (compared without allocating a lower-cased copy). */
export function isLiquidator(address: string): boolean {
  if (address.length !== HLP_LIQUIDATOR.length) return false;
  for (let i = 0; i < address.length; i++) {
    const c = address.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== HLP_LIQUIDATOR.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Decimal text of a non-negative integer below 2^53. Splitting it into two small integers keeps V8
 * on its fast small-integer path (about 5× quicker than formatting the whole double).
 */
export function intStr(n: number): string {
  if (n < 1e9 || !Number.isInteger(n)) return String(n);
  const hi = Math.floor(n / 1e9);
  return `${hi}${String(n - hi * 1e9).padStart(9, '0')}`;
}
