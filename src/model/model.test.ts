import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liquidationPrice } from '../core/margin.js';
import { rulesFor } from '../exchanges/rules.js';
import { barsArb, barsFrom, baseBar, stepArb, testParams } from './bars.fixture.js';
import { checkpoint, createModel, restoreModel, type ModelParams, type PredictedLiquidation } from './index.js';
import { NaiveModel } from './naive.js';
import type { Bar } from '../bars/bar.js';

const P = testParams();
const variants: ModelParams[] = [
  P,
  testParams({ ...P, inflow: { oi: 0.5, volume: 1, constant: 0.2 }, entry: 'range', sideSplit: 'symmetric', close: 'taker', halfLifeMs: 600_000 }),
  // History levels as shipped: entries at the finest, coarser levels built from finer ones.
  testParams({
    ...P,
    inflow: { oi: 0, volume: 0.5, constant: 1 },
    entry: 'range',
    history: [
      { quantumMs: 60_000, bucketMult: 1, retentionMs: 1_800_000, keyframeEvery: 7 },
      { quantumMs: 300_000, bucketMult: 5, retentionMs: null, keyframeEvery: 4 },
      { quantumMs: 900_000, bucketMult: 10, retentionMs: null, keyframeEvery: 3 },
    ],
  }),
];

/** Predictions summed per (ts, side, leverage, price): the naive model keeps one cohort per bar, the fast one aggregates. */
function byKey(ps: readonly PredictedLiquidation[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const p of ps) {
    const k = `${p.ts}|${p.side}|${p.leverage}|${p.price.toFixed(6)}`;
    m.set(k, (m.get(k) ?? 0) + p.notionalUsd);
  }
  return m;
}

describe('model invariants (property)', () => {
  it('notional is never negative and alive + liquidated + closed = entered', () => {
    fc.assert(
      fc.property(barsArb(), fc.constantFrom(...variants), (bars, params) => {
        const m = createModel(params, rulesFor);
        for (const b of bars) {
          for (const p of m.step(b)) expect(p.notionalUsd).toBeGreaterThan(0);
          const s = m.stats();
          expect(s.aliveUsd).toBeGreaterThanOrEqual(0);
          for (const vm of m.vms) for (const book of vm.books) book.forEach((_b, _k, w) => expect(w).toBeGreaterThan(0));
          expect(s.aliveUsd + s.liquidatedUsd + s.closedUsd).toBeLessThanOrEqual(s.enteredUsd * (1 + 1e-9) + 1e-6);
          expect(s.aliveUsd + s.liquidatedUsd + s.closedUsd).toBeCloseTo(s.enteredUsd, -1);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('agrees with the naive one-object-per-cohort reference', () => {
    fc.assert(
      fc.property(barsArb(), fc.constantFrom(...variants), (bars, params) => {
        const fast = createModel(params, rulesFor);
        const slow = new NaiveModel(params, rulesFor);
        for (const b of bars) {
          const a = byKey(fast.step(b));
          const z = byKey(slow.step(b));
          expect([...a.keys()].sort()).toEqual([...z.keys()].sort());
          for (const [k, v] of a) expect(v).toBeCloseTo(z.get(k)!, 3);
        }
        expect(fast.stats().aliveUsd).toBeCloseTo(slow.aliveUsd(), 0);
      }),
      { numRuns: 40 },
    );
  });

  it('a swept cohort never returns without new inflow into its bucket', () => {
    fc.assert(
      fc.property(barsArb(), (bars) => {
        const m = createModel(P, rulesFor);
        const rules = rulesFor('binance-usdm', 'BTCUSDT');
        const mmr = rules.tiers[0]!.mmr;
        // Keys (side|leverage|bucket) that received inflow since their last sweep.
        const fed = new Set<string>();
        for (const b of bars) {
          for (const p of m.step(b)) {
            const k = `${p.side}|${p.leverage}|${Math.floor(p.price / P.bucketUsd)}`;
            expect(fed.has(k)).toBe(true);
            fed.delete(k);
          }
          for (const side of ['long', 'short'] as const)
            for (const t of P.tiers) fed.add(`${side}|${t.leverage}|${Math.floor(liquidationPrice(rules.formula, side, b.vwap, t.leverage, mmr) / P.bucketUsd)}`);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('symmetric split mirrors: longs on inverse rules = shorts on entry-mm rules over log-reflected prices', () => {
    // Under p → M²/p an inverse long E/(1+1/L−m) maps to the entry-mm short (M²/E)(1+1/L−m).
    const M = 100;
    const base = { formula: 'inverse' as const, maxLeverage: 125, tiers: [{ maxNotionalUsd: Infinity, mmr: 0.004, maxLeverage: 125 }], source: 'test' };
    const params = testParams({ bucketUsd: 1e-4, sideSplit: 'symmetric', inflow: { oi: 0, volume: 0, constant: 1 }, history: P.history });
    const mirror = (b: Bar): Bar => ({ ...b, open: (M * M) / b.open, close: (M * M) / b.close, high: (M * M) / b.low, low: (M * M) / b.high, vwap: (M * M) / b.vwap });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 5, maxLength: 80 }), (draws) => {
        const bars = barsFrom(draws, { p0: M }).map((b) => ({ ...b, oiBtc: null, oiUsd: null }));
        const a = createModel(params, () => base);
        const z = createModel(params, () => ({ ...base, formula: 'entry-mm' }));
        for (const b of bars) {
          const la = a.step(b).filter((p) => p.side === 'long');
          const sz = z.step(mirror(b)).filter((p) => p.side === 'short');
          const sum = (ps: PredictedLiquidation[]): number => ps.reduce((s, p) => s + p.notionalUsd, 0);
          expect(sum(la)).toBeCloseTo(sum(sz), 3);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('checkpoints and determinism', () => {
  it('same bars give the same bytes', () => {
    fc.assert(
      fc.property(barsArb(), (bars) => {
        const run = (): Uint8Array => {
          const m = createModel(variants[1]!, rulesFor);
          for (const b of bars) m.step(b);
          return checkpoint(m);
        };
        expect(Buffer.from(run()).equals(Buffer.from(run()))).toBe(true);
      }),
      { numRuns: 20 },
    );
  });

  it('restore then continue equals never stopping', () => {
    fc.assert(
      fc.property(barsArb(10, 150), fc.nat(), fc.constantFrom(...variants), (bars, cut, params) => {
        const k = cut % bars.length;
        const whole = createModel(params, rulesFor);
        const wholePred = bars.map((b) => whole.step(b));
        const first = createModel(params, rulesFor);
        for (const b of bars.slice(0, k)) first.step(b);
        const resumed = restoreModel(checkpoint(first), rulesFor);
        const resumedPred = bars.slice(k).map((b) => resumed.step(b));
        expect(resumedPred).toEqual(wholePred.slice(k));
        expect(Buffer.from(checkpoint(resumed)).equals(Buffer.from(checkpoint(whole)))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('rejects a corrupt checkpoint', () => {
    const m = createModel(P, rulesFor);
    m.step(baseBar({ ts: 60_000 }));
    const bytes = checkpoint(m);
    expect(() => restoreModel(bytes.slice(0, bytes.length - 3), rulesFor)).toThrow(/truncated|trailing/);
    expect(() => restoreModel(new Uint8Array([1, 0, 0, 0, 65]), rulesFor)).toThrow(/checkpoint/);
  });
});

describe('bad input', () => {
  const good = barsFrom(Array.from({ length: 30 }, (_, i) => ({ ret: (i % 5) * 0.004 - 0.008, up: 0.003, down: 0.003, dOi: i % 3 === 0 ? -0.01 : 0.02, buy: 3, sell: 2 })));
  const bad: [string, Bar][] = [
    ['invalid', { ...good[5]!, ts: good[5]!.ts + 1, close: NaN }],
    ['invalid', { ...good[5]!, ts: good[5]!.ts + 1, oiBtc: -5 }],
    ['invalid', { ...good[5]!, ts: good[5]!.ts + 1, low: 0 }],
    ['invalid', { ...good[5]!, ts: good[5]!.ts + 1, high: good[5]!.low * 0.9 }],
    ['outOfOrder', { ...good[2]! }],
    ['duplicate', { ...good[5]! }],
    ['outlier', { ...good[5]!, ts: good[5]!.ts + 60_000, high: good[5]!.close * 1e4, open: good[5]!.close * 1e4, close: good[5]!.close * 1e4, vwap: good[5]!.close * 1e4 }],
    ['outlier', { ...good[5]!, ts: good[5]!.ts + 60_000, low: good[5]!.close / 5 }],
  ];
  it('skips each bad bar with a counted reason and leaves the state as if it never came', () => {
    for (const [reason, b] of bad) {
      const clean = createModel(P, rulesFor);
      const dirty = createModel(P, rulesFor);
      const a: PredictedLiquidation[][] = [];
      const z: PredictedLiquidation[][] = [];
      good.forEach((g, i) => {
        a.push(clean.step(g));
        z.push(dirty.step(g));
        if (i === 5) expect(dirty.step(b)).toEqual([]);
      });
      expect(z).toEqual(a);
      expect(dirty.stats().skipped[reason as 'invalid']).toBe(1);
      expect(dirty.stats().aliveUsd).toBe(clean.stats().aliveUsd);
    }
  });

  it('a time gap is flagged and ΔOI across it is not used', () => {
    const m = createModel(P, rulesFor);
    m.step(baseBar({ ts: 0, oiBtc: 100 }));
    const before = m.stats().enteredUsd;
    m.step(baseBar({ ts: 600_000, oiBtc: 200 }));
    expect(m.stats().flagged.gap).toBe(1);
    expect(m.stats().enteredUsd).toBe(before);
    m.step(baseBar({ ts: 660_000, oiBtc: 201 }));
    expect(m.stats().enteredUsd).toBeCloseTo(50_000, 6);
  });

  describe('a reference price that is itself the outlier', () => {
    const scaled = (b: Bar, f: number): Bar => ({ ...b, open: b.open * f, high: b.high * f, low: b.low * f, close: b.close * f, vwap: b.vwap * f, oiUsd: b.oiUsd === null ? null : b.oiUsd * f });
    const span = (m: ReturnType<typeof createModel>): number => Math.max(...m.vms[0]!.books.map((k) => (k.empty ? 0 : k.hi - k.lo)));

    it('a bad first bar is replaced after five bars that agree with each other, its cohorts closed', () => {
      // Constant inflow: the first bar enters cohorts too (ΔOI needs a previous bar).
      const PC = testParams({ inflow: { oi: 0, volume: 0, constant: 1 } });
      const m = createModel(PC, rulesFor);
      m.step(scaled(good[0]!, 1000));
      expect(m.stats().aliveUsd).toBeGreaterThan(0);
      const out = good.slice(1).map((b) => (m.step(b), m.lastSkip));
      expect(out.slice(0, 4)).toEqual(Array(4).fill('outlier'));
      expect(out.slice(4).every((r) => r === null)).toBe(true);
      const st = m.stats();
      expect(st.flagged.reanchored).toBe(1);
      expect(st.skipped.outlier).toBe(4);
      // The bad bar's cohorts are gone: the book spans what the good bars put there, not 1000× apart.
      const fresh = createModel(PC, rulesFor);
      for (const b of good.slice(5)) fresh.step(b);
      expect(span(m)).toBeLessThan(2 * span(fresh) + 10);
    });

    it('an established venue-market keeps skipping a run of outliers', () => {
      const m = createModel(P, rulesFor);
      for (const b of good.slice(0, 15)) m.step(b);
      for (const b of good.slice(15, 25)) m.step(scaled(b, 10));
      expect(m.stats().skipped.outlier).toBe(10);
      expect(m.stats().flagged.reanchored).toBe(0);
      m.step(good[25]!);
      expect(m.lastSkip).toBeNull();
    });

    it('after a week without bars a bar beyond ×4 replaces the reference, the book closed first', () => {
      const m = createModel(P, rulesFor);
      for (const b of good.slice(0, 20)) m.step(b);
      expect(m.stats().aliveUsd).toBeGreaterThan(0);
      m.step({ ...scaled(good[20]!, 5), ts: good[19]!.ts + 8 * 86_400_000 });
      expect(m.lastSkip).toBeNull();
      expect(m.stats().flagged.reanchored).toBe(1);
      const fresh = createModel(P, rulesFor);
      fresh.step(scaled(good[20]!, 5));
      expect(span(m)).toBeLessThan(2 * span(fresh) + 10);
    });

    it('a checkpoint inside a run of outliers continues as if never stopped', () => {
      const whole = createModel(P, rulesFor);
      let part = createModel(P, rulesFor);
      const bars = [scaled(good[0]!, 1000), ...good.slice(1)];
      bars.forEach((b, i) => {
        if (i === 3) part = restoreModel(checkpoint(part), rulesFor);
        expect(part.step(b)).toEqual(whole.step(b));
      });
      expect(Buffer.from(checkpoint(part)).equals(Buffer.from(checkpoint(whole)))).toBe(true);
      expect(part.stats().flagged.reanchored).toBe(1);
    });
  });

  it('an unknown venue-market is skipped', () => {
    const m = createModel(P, () => {
      throw new Error('no rules');
    });
    expect(m.step(baseBar())).toEqual([]);
    expect(m.stats().skipped.unknownVenue).toBe(1);
  });
});

describe('worked examples', () => {
  it('ΔOI inflow splits by taker flow over the default tiers and sweeps at the liquidation price', () => {
    const m = createModel(testParams({ bucketUsd: 1 }), rulesFor);
    m.step(baseBar({ ts: 0, oiBtc: 100 }));
    // +10 BTC at VWAP 50,000 = 500,000 USD; taker buy 3, sell 1 → longs 375,000, shorts 125,000.
    m.step(baseBar({ ts: 60_000, oiBtc: 110, buyVolume: 3, sellVolume: 1 }));
    expect(m.stats().enteredUsd).toBeCloseTo(500_000, 6);
    // Binance 100x long, m 0.4%: 50,000 × 0.99 / 0.996 = 49,698.79 → swept by a low of 49,698.
    const pred = m.step(baseBar({ ts: 120_000, oiBtc: 110, low: 49_698, open: 50_000, close: 50_000 }));
    const l100 = pred.find((p) => p.side === 'long' && p.leverage === 100)!;
    expect(l100.price).toBeCloseTo(49_698.5, 6);
    expect(l100.notionalUsd).toBeCloseTo(375_000 * 0.1, 6);
    expect(pred.filter((p) => p.side === 'long' && p.leverage === 50)).toEqual([]);
  });

  it('ΔOI < 0 closes proportionally, net of real liquidations', () => {
    const m = createModel(testParams({ bucketUsd: 1 }), rulesFor);
    m.step(baseBar({ ts: 0, oiBtc: 100 }));
    m.step(baseBar({ ts: 60_000, oiBtc: 200 }));
    const alive = m.stats().aliveUsd;
    // −30 BTC of which 10 BTC were real liquidations: f = 20 / 200.
    m.step(baseBar({ ts: 120_000, oiBtc: 170, liqLongBtc: 10, liqLongUsd: 500_000, liqLongCount: 3 }));
    expect(m.stats().aliveUsd).toBeCloseTo(alive * 0.9, 4);
  });

  it('tiers above the venue maximum get no weight (Hyperliquid 40x)', () => {
    const m = createModel(testParams({ bucketUsd: 1 }), rulesFor);
    m.step(baseBar({ venue: 'hyperliquid', market: 'BTC', ts: 0, oiBtc: 100 }));
    m.step(baseBar({ venue: 'hyperliquid', market: 'BTC', ts: 60_000, oiBtc: 101 }));
    const lev = new Set<number>();
    m.vms[0]!.books[0].forEach((_b, k) => lev.add(m.params.tiers[k]!.leverage));
    expect([...lev].sort((a, b) => a - b)).toEqual([5, 10, 25]);
    expect(m.stats().aliveUsd).toBeCloseTo(50_000, 6);
  });

  it('decay halves notional over one half-life', () => {
    const m = createModel(testParams({ halfLifeMs: 3_600_000, inflow: { oi: 0, volume: 0, constant: 1 }, constantUsdPerHour: 60_000 }), rulesFor);
    m.step(baseBar({ ts: 0 }));
    const a = m.stats().aliveUsd;
    m.step(baseBar({ ts: 3_600_000, oiBtc: null, oiUsd: null }));
    expect(a).toBeCloseTo(1000, 9);
    expect(m.stats().aliveUsd).toBeCloseTo(a / 2 + 1000, 6);
  });
});
