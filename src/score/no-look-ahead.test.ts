import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LiquidationEvent } from '../core/events.js';
import { DEFAULT_PARAMS } from '../model/defaults.js';
import { columnRequests, freezeTimes, windowsFor } from './events-score.js';
import { makeBars } from './fixtures/make-bars.js';
import { cohortModelPort, constantInflowAblation } from './model-adapter.js';

const M = 60_000;
const bars = makeBars(240, M);
const t0 = (bars[0] as { ts: number }).ts;
const setup = { params: { ...DEFAULT_PARAMS, inflow: { oi: 1, volume: 0, constant: 1 } }, mmr: null };

function liq(ts: number, price: number, side: 'long' | 'short'): LiquidationEvent {
  return { kind: 'liquidation', venue: 'binance-usdm', market: 'BTCUSDT', ts, recvTs: ts, price, qty: 1, notionalUsd: price, side };
}

describe('no look-ahead', () => {
  const t = t0 + 120 * M;
  const req = columnRequests(bars, [t], 10);
  const frozen = cohortModelPort.columns(bars, setup, req)[0];

  it('the column at t ignores every bar that closes after t', () => {
    const altered = bars.map((b, i) => (i >= 120 ? { ...b, low: b.low * 0.5, open: b.open, close: b.close, oiBtc: (b.oiBtc ?? 0) * 3 } : b));
    expect(cohortModelPort.columns(altered, setup, req)[0]).toEqual(frozen);
  });

  it('shuffling or deleting liquidations after t never changes the frozen map at t (property)', () =>
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 119 * M }), fc.integer({ min: 80_000, max: 100_000 }), fc.boolean()), { maxLength: 30 }),
        fc.integer(),
        (raw, seed) => {
          const after = raw.map(([dt, p, l]) => liq(t + dt, p, l ? 'long' : 'short'));
          const shuffled = [...after].sort((a, b) => ((a.ts * 7919 + seed) % 97) - ((b.ts * 7919 + seed) % 97));
          const kept = shuffled.filter((_, i) => i % 2 === 0);
          // Scoring reads the frozen column and only then the events of its window.
          const w1 = windowsFor(cohortModelPort.columns(bars, setup, req), after, 3_600_000);
          const w2 = windowsFor(cohortModelPort.columns(bars, setup, req), kept, 3_600_000);
          return JSON.stringify(w1[0]?.column) === JSON.stringify(frozen) && JSON.stringify(w2[0]?.column) === JSON.stringify(frozen);
        },
      ),
      { numRuns: 20 },
    ));

  it('windows hold only liquidations in (t, t + H]', () => {
    const ev = [liq(t, 90_000, 'long'), liq(t + 1, 90_000, 'long'), liq(t + 3_600_000, 90_000, 'long'), liq(t + 3_600_001, 90_000, 'long')];
    const w = windowsFor([frozen!], ev, 3_600_000)[0];
    expect(w?.events.map((e) => e.ts - t)).toEqual([1, 3_600_000]);
  });

  it('freeze instants start after the first bar closes and leave a full horizon', () => {
    const times = freezeTimes(bars, 3_600_000);
    expect(times[0]).toBe(t0 + M);
    expect((times[times.length - 1] as number) + 3_600_000).toBeLessThanOrEqual(t0 + 240 * M);
  });

  it('the ablation hides OI: its predictions do not move when OI changes', () => {
    const abl = constantInflowAblation(setup);
    const a = cohortModelPort.run(bars, abl);
    const b = cohortModelPort.run(bars.map((x) => ({ ...x, oiBtc: (x.oiBtc ?? 0) * 2, oiUsd: (x.oiUsd ?? 0) * 2 })), abl);
    expect(Array.from(b.long)).toEqual(Array.from(a.long));
  });
});
