// Normalised events → Binance futures payloads (the mock's `encode`, the demo's wire format).
// Shapes follow the doc examples in ../shared/exchanges/binance.md §2.
import type { LiquidationEvent, MarkEvent, TradeEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';

/** Decimal places of a tick or step, e.g. 0.1 → 1, 1 → 0. */
export function decimalsOf(step: number): number {
  const s = String(step);
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

export function formatPrice(spec: MarketSpec, price: number): string {
  return price.toFixed(decimalsOf(spec.tickSize));
}

/** Venue size of a BTC quantity: BTC in steps of 0.001 (USDⓈ-M), whole contracts (COIN-M); never zero. */
export function venueSize(spec: MarketSpec, qtyBtc: number, price: number): string {
  if (spec.kind === 'inverse') return String(Math.max(1, Math.round((qtyBtc * price) / spec.contractSize)));
  return Math.max(0.001, Math.round(qtyBtc / spec.contractSize / 0.001) * 0.001).toFixed(3);
}

/** COIN-M symbols carry the pair (`ps`), e.g. BTCUSD_PERP → BTCUSD. */
function pairOf(spec: MarketSpec): Record<string, string> {
  return spec.kind === 'inverse' ? { ps: spec.symbol.split('_')[0] ?? spec.symbol } : {};
}

export function aggTradePayload(spec: MarketSpec, e: TradeEvent, aggId: number): string {
  return JSON.stringify({
    e: 'aggTrade',
    E: e.ts,
    s: spec.symbol,
    a: aggId,
    p: formatPrice(spec, e.price),
    q: venueSize(spec, e.qty, e.price),
    f: aggId,
    l: aggId,
    T: e.ts,
    m: e.takerSide === 'sell',
  });
}

export function tradePayload(spec: MarketSpec, e: TradeEvent, tradeId: number): string {
  return JSON.stringify({
    e: 'trade',
    E: e.ts,
    T: e.ts,
    s: spec.symbol,
    t: tradeId,
    p: formatPrice(spec, e.price),
    q: venueSize(spec, e.qty, e.price),
    X: 'MARKET',
    m: e.takerSide === 'sell',
  });
}

/** A long is closed by a SELL order: side long → S SELL. The bankruptcy price is unknown here, so p = ap. */
export function forceOrderPayload(spec: MarketSpec, e: LiquidationEvent): string {
  const size = venueSize(spec, e.qty, e.price);
  const price = formatPrice(spec, e.price);
  return JSON.stringify({
    e: 'forceOrder',
    E: e.ts,
    o: {
      s: spec.symbol,
      ...pairOf(spec),
      S: e.side === 'long' ? 'SELL' : 'BUY',
      o: 'LIMIT',
      f: 'IOC',
      q: size,
      p: price,
      ap: price,
      X: 'FILLED',
      l: size,
      z: size,
      T: e.ts,
    },
  });
}

const EIGHT_HOURS = 8 * 3600_000;

export function markPricePayload(spec: MarketSpec, e: MarkEvent): string {
  const index = e.indexPrice ?? e.markPrice;
  return JSON.stringify({
    e: 'markPriceUpdate',
    E: e.ts,
    s: spec.symbol,
    p: e.markPrice.toFixed(8),
    i: index.toFixed(8),
    P: index.toFixed(8),
    r: (e.fundingRate ?? 0).toFixed(8),
    // Funding every 8 h on BTC perpetuals; the next boundary when the event does not say.
    T: e.nextFundingTs ?? (Math.floor(e.ts / EIGHT_HOURS) + 1) * EIGHT_HOURS,
  });
}
