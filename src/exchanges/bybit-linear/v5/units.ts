// Bybit v5 sizes → normalised units (bybit.md §2). Linear (BTCUSDT): sizes are base coin (BTC) ×
// contractSize. Inverse (BTCUSD): sizes are contracts of `contractSize` USD each, so BTC = USD / price.
import { inverseQtyBtc } from '../../../core/fields.js';
import type { MarketSpec } from '../../../core/venue.js';

/** BTC quantity of `size` (the venue's `v`, `openInterest`, …) at `price` USD/BTC. */
export function sizeToBtc(m: MarketSpec, size: number, price: number): number {
  return m.kind === 'inverse' ? inverseQtyBtc(size, m.contractSize, price) : size * m.contractSize;
}

/** USD notional of `size` at `price` (USDT counted as USD, as on every linear venue). */
export function sizeToUsd(m: MarketSpec, size: number, price: number): number {
  return m.kind === 'inverse' ? size * m.contractSize : size * m.contractSize * price;
}

/** The venue size that carries `qtyBtc` at `price` (the mock's inverse of sizeToBtc). */
export function btcToSize(m: MarketSpec, qtyBtc: number, price: number): number {
  return m.kind === 'inverse' ? (qtyBtc * price) / m.contractSize : qtyBtc / m.contractSize;
}
