// fast-check generators for valid bars (every value the Bar schema admits, including -0 and nulls).
import fc from 'fast-check';
import type { Bar } from '../../bars/bar.js';
import { VENUE_IDS } from '../../core/events.js';

const pos = fc.double({ min: Number.MIN_VALUE, max: 1e12, noNaN: true, noDefaultInfinity: true });
const nonNeg = fc.oneof(fc.constantFrom(0, -0), fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }));
const real = fc.double({ noNaN: true, noDefaultInfinity: true });
const count = fc.nat({ max: 1_000_000 });

/** A valid bar at `ts` (the caller picks venue/market/ts so keys are controlled). */
export function barAt(venue: (typeof VENUE_IDS)[number], market: string, ts: number, durationMs: number): fc.Arbitrary<Bar> {
  return fc.record({
    venue: fc.constant(venue),
    market: fc.constant(market),
    ts: fc.constant(ts),
    durationMs: fc.constant(durationMs),
    open: pos,
    high: pos,
    low: pos,
    close: pos,
    vwap: pos,
    buyVolume: nonNeg,
    sellVolume: nonNeg,
    trades: count,
    oiBtc: fc.option(real, { nil: null }),
    oiUsd: fc.option(real, { nil: null }),
    markHigh: fc.option(real, { nil: null }),
    markLow: fc.option(real, { nil: null }),
    markClose: fc.option(real, { nil: null }),
    fundingRate: fc.option(real, { nil: null }),
    liqLongBtc: nonNeg,
    liqLongUsd: nonNeg,
    liqLongCount: count,
    liqShortBtc: nonNeg,
    liqShortUsd: nonNeg,
    liqShortCount: count,
    gap: fc.boolean(),
  });
}

/** Bars of a few series over a few days, unique per (venue, market, ts); ts as minute offsets from `t0`. */
export function barSet(t0: number): fc.Arbitrary<Bar[]> {
  const key = fc.tuple(fc.constantFrom(...VENUE_IDS.slice(0, 3)), fc.constantFrom('BTCUSDT', 'BTCUSD'), fc.integer({ min: 0, max: 3 * 1440 }));
  return fc
    .uniqueArray(key, { maxLength: 60, selector: ([v, m, k]) => `${v}/${m}/${k}` })
    .chain((keys) => (keys.length ? fc.tuple(...keys.map(([v, m, k]) => barAt(v, m, t0 + k * 60_000, 60_000))) : fc.constant([] as Bar[])));
}
