// Liquidation map (DESIGN §3): at one instant, notional per price bucket per side, and cumulative from the
// current price outward (longs downward, shorts upward).
import type { LiqModel } from '../model.js';
import type { LiqMapBucket, LiqMapQuery, LiqMapView } from '../types.js';
import { snapshot } from './snapshot.js';

export function liqMap(model: LiqModel, q: LiqMapQuery): LiqMapView {
  const { priceLo, priceHi, buckets: n } = q;
  if (!(Number.isFinite(priceLo) && Number.isFinite(priceHi) && priceHi > priceLo)) throw new RangeError('liqmap price range must have priceHi > priceLo');
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError('liqmap buckets must be a positive integer');
  const snap = snapshot(model, q);
  const h = (priceHi - priceLo) / n;
  const long = new Float64Array(n);
  const short = new Float64Array(n);
  for (const e of snap.entries) {
    const grid = e.side === 'long' ? long : short;
    spread(grid, (e.priceLo - priceLo) / h, (e.priceHi - priceLo) / h, e.usd);
  }
  const price = snap.price;
  const cumLong = new Float64Array(n);
  const cumShort = new Float64Array(n);
  if (price !== null) {
    // Bucket index holding the price (may lie outside 0..n-1).
    const pi = Math.floor((price - priceLo) / h);
    let acc = 0;
    for (let i = Math.min(n - 1, pi); i >= 0; i--) {
      acc += long[i]!;
      cumLong[i] = acc;
    }
    acc = 0;
    for (let i = Math.max(0, pi); i < n; i++) {
      acc += short[i]!;
      cumShort[i] = acc;
    }
  }
  const buckets: LiqMapBucket[] = [];
  for (let i = 0; i < n; i++)
    buckets.push({ price: priceLo + (i + 0.5) * h, longUsd: long[i]!, shortUsd: short[i]!, cumLongUsd: cumLong[i]!, cumShortUsd: cumShort[i]! });
  return { price, buckets };
}

/** Add usd over fractional bucket span [a, b) in proportion to overlap (all of it to one bucket when narrower). */
export function spread(grid: Float64Array, a: number, b: number, usd: number): void {
  const n = grid.length;
  if (b - a <= 1) {
    const i = Math.floor((a + b) / 2);
    if (i >= 0 && i < n) grid[i]! += usd;
    return;
  }
  const per = usd / (b - a);
  for (let i = Math.max(0, Math.floor(a)); i <= Math.min(n - 1, Math.ceil(b) - 1); i++) grid[i]! += per * (Math.min(b, i + 1) - Math.max(a, i));
}
