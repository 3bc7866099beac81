// Event builders shared by the JSON.parse path (parse.ts) and the scanner path (fast.ts): both read
// and check the fields, then build the events here, so the two paths cannot build them differently.
import type { MarketEvent, MarkEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';

/** Inverse: USD amount → BTC at `price`. Linear (USDC) perpetuals quote amounts in BTC already (§4.1). */
export function btc(m: MarketSpec, amount: number, price: number): number {
  return m.kind === 'inverse' ? amount / price : amount;
}

/**
 * `liquidation` on a trade says WHO was liquidated (tardis-dev deribitLiquidationsMapper, deribit.md §2.1):
 * "T" the taker, "M" the maker, "MT" both. The liquidated party's order closed its position, so its
 * order side names the position: a SELL closed a LONG, a BUY closed a SHORT. The taker's side is
 * `direction`, the maker's the opposite. "MT" gives two events (one long, one short) — tardis-dev
 * emits only the maker's for MT; both positions were liquidated, so both are counted here.
 */
export function isLiquidationFlag(flag: string): flag is 'T' | 'M' | 'MT' {
  return flag === 'T' || flag === 'M' || flag === 'MT';
}

/** A trade (amount already in BTC) and, when `flag` is set, the liquidation(s) it was; pushed to `out`. */
export function pushTrade(out: MarketEvent[], m: MarketSpec, ts: number, recvTs: number, price: number, qty: number, takerSide: 'buy' | 'sell', id: string | undefined, flag: 'T' | 'M' | 'MT' | undefined): void {
  out.push(
    id === undefined
      ? { kind: 'trade', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, takerSide }
      : { kind: 'trade', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, takerSide, id },
  );
  if (flag === undefined) return;
  const taker = takerSide === 'sell' ? 'long' : 'short';
  const maker = takerSide === 'sell' ? 'short' : 'long';
  if (flag !== 'T') out.push({ kind: 'liquidation', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, notionalUsd: qty * price, side: maker });
  if (flag !== 'M') out.push({ kind: 'liquidation', venue: 'deribit', market: m.symbol, ts, recvTs, price, qty, notionalUsd: qty * price, side: taker });
}

/**
 * Ticker → OI + mark (checked by the caller: markPrice > 0, oi ≥ 0). `open_interest` is one-sided,
 * in USD for the inverse perpetual (BTC = USD / mark). fundingRate: `funding_8h`, the funding over
 * the last 8 h, so it compares with other venues' 8 h rates; `current_funding` is the instantaneous
 * rate of the continuously accruing perpetual.
 */
export function tickerEvents(m: MarketSpec, ts: number, recvTs: number, markPrice: number, oi: number, index: number | undefined, funding: number | undefined): MarketEvent[] {
  const oiBtc = btc(m, oi, markPrice);
  let mark: MarkEvent;
  if (index !== undefined && index > 0 && funding !== undefined) {
    mark = { kind: 'mark', venue: 'deribit', market: m.symbol, ts, recvTs, markPrice, indexPrice: index, fundingRate: funding };
  } else {
    mark = { kind: 'mark', venue: 'deribit', market: m.symbol, ts, recvTs, markPrice };
    if (index !== undefined && index > 0) Object.assign(mark, { indexPrice: index });
    if (funding !== undefined) Object.assign(mark, { fundingRate: funding });
  }
  return [{ kind: 'openInterest', venue: 'deribit', market: m.symbol, ts, recvTs, oiBtc, oiUsd: m.kind === 'inverse' ? oi : oiBtc * markPrice }, mark];
}
