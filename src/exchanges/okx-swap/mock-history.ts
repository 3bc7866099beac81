// History the mocks serve over REST, derived from the events they were fed: 1-minute bars from
// trades and open-interest points per period. Venue-neutral (the Bitget mock uses it too).
import type { MarketEvent } from '../../core/events.js';

export interface MockBar {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** BTC */
  readonly volume: number;
  /** USD: Σ qty × price */
  readonly quote: number;
}

/** Bars of `market` whose minute starts in [fromMs, toMs), oldest first. */
export function minuteBars(history: readonly MarketEvent[], market: string, fromMs: number, toMs: number): MockBar[] {
  const bars = new Map<number, { ts: number; open: number; high: number; low: number; close: number; volume: number; quote: number }>();
  for (const e of history) {
    if (e.kind !== 'trade' || e.market !== market) continue;
    const ts = Math.floor(e.ts / 60_000) * 60_000;
    if (ts < fromMs || ts >= toMs) continue;
    const b = bars.get(ts);
    if (!b) bars.set(ts, { ts, open: e.price, high: e.price, low: e.price, close: e.price, volume: e.qty, quote: e.qty * e.price });
    else {
      b.high = Math.max(b.high, e.price);
      b.low = Math.min(b.low, e.price);
      b.close = e.price;
      b.volume += e.qty;
      b.quote += e.qty * e.price;
    }
  }
  return [...bars.values()].sort((a, b) => a.ts - b.ts);
}

export interface MockOiPoint {
  readonly ts: number;
  readonly oiBtc: number;
  readonly oiUsd: number;
}

/** The last open interest of each `periodMs` bucket in [fromMs, toMs), stamped at the bucket start, oldest first. */
export function oiPoints(history: readonly MarketEvent[], market: string, periodMs: number, fromMs: number, toMs: number): MockOiPoint[] {
  const out = new Map<number, MockOiPoint>();
  for (const e of history) {
    if (e.kind !== 'openInterest' || e.market !== market) continue;
    const ts = Math.floor(e.ts / periodMs) * periodMs;
    if (ts >= fromMs && ts < toMs) out.set(ts, { ts, oiBtc: e.oiBtc, oiUsd: e.oiUsd });
  }
  return [...out.values()].sort((a, b) => a.ts - b.ts);
}

/** Decimal text the way venues print numbers (no exponent, no float noise). */
export function dec(n: number): string {
  const s = Number(n.toPrecision(12)).toString();
  if (!s.includes('e')) return s;
  return Number(n.toPrecision(12)).toFixed(12).replace(/\.?0+$/, '');
}
