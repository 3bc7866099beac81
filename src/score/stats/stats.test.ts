import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wilson } from './wilson.js';
import { averageRanks, spearman } from './spearman.js';
import { topDecileHit, topKMembership } from './top-decile.js';
import { blockBootstrap, blockResample, quantile } from './bootstrap.js';
import { mulberry32 } from './rng.js';

describe('wilson', () => {
  // Reference values: Wilson (1927) / Newcombe (1998) table, z = 1.96.
  it.each([
    [8, 10, 0.4902, 0.9433],
    [0, 10, 0, 0.2775],
    [10, 10, 0.7225, 1],
    [5, 10, 0.2366, 0.7634],
    [81, 263, 0.2553, 0.3662],
  ])('%i of %i → [%f, %f]', (x, n, lo, hi) => {
    const ci = wilson(x, n);
    expect(ci?.lo).toBeCloseTo(lo, 4);
    expect(ci?.hi).toBeCloseTo(hi, 4);
  });
  it('is null without trials', () => expect(wilson(0, 0)).toBeNull());
  it('always contains the point estimate', () =>
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.round(f * n);
        const ci = wilson(x, n);
        return ci !== null && ci.lo <= x / n + 1e-12 && ci.hi >= x / n - 1e-12;
      }),
    ));
});

describe('spearman', () => {
  it('averages tied ranks', () => expect(averageRanks([10, 20, 10, 30])).toEqual([1.5, 3, 1.5, 4]));
  it('is 1 for a monotone map, −1 for a reversed one', () => {
    const xs = [3, 1, 4, 1.5, 9, 2.6];
    expect(spearman(xs, xs.map((x) => Math.exp(x)))).toBeCloseTo(1, 12);
    expect(spearman(xs, xs.map((x) => -x))).toBeCloseTo(-1, 12);
  });
  it('matches a hand-computed value with ties', () => {
    // ranks x = [1, 2.5, 2.5, 4], y = [2, 1, 3, 4] → r = 0.7/sqrt(4.5*5)*... computed below
    const r = spearman([1, 2, 2, 3], [20, 10, 30, 40]);
    // Σdxdy = (−1.5)(−0.5)+0+0+(1.5)(1.5) = 3; Σdx² = 4.5; Σdy² = 5
    expect(r).toBeCloseTo(3 / Math.sqrt(4.5 * 5), 12);
  });
  it('is null for a constant series', () => expect(spearman([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull());
  it('is about 0 for independent noise', () => {
    const rnd = mulberry32(7);
    const a = Array.from({ length: 4000 }, () => rnd());
    const b = Array.from({ length: 4000 }, () => rnd());
    expect(Math.abs(spearman(a, b) ?? 1)).toBeLessThan(0.05);
  });
  it('is invariant under monotone transforms (property)', () =>
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })), { minLength: 3, maxLength: 60 }), (pairs) => {
        const x = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const a = spearman(x, y);
        const b = spearman(x.map((v) => v * v * v + 1), y.map((v) => Math.log1p(v)));
        return a === null ? b === null : b !== null && Math.abs(a - b) < 1e-9;
      }),
    ));
});

describe('top decile', () => {
  it('shares a straddling tie fractionally', () => {
    expect(topKMembership([5, 3, 3, 3, 1], 2)).toEqual([1, 1 / 3, 1 / 3, 1 / 3, 0]);
  });
  it('scores a perfect predictor 1, a constant one exactly chance, a reversed one 0', () => {
    const real = Array.from({ length: 100 }, (_, i) => i);
    expect(topDecileHit(real.map((x) => 2 * x), real).share).toBe(1);
    expect(topDecileHit(real.map(() => 7), real).share).toBeCloseTo(0.1, 12);
    expect(topDecileHit(real.map((x) => -x), real).share).toBe(0);
  });
  it('is near chance for a random predictor', () => {
    const rnd = mulberry32(3);
    const real = Array.from({ length: 20000 }, () => rnd());
    const hit = topDecileHit(real.map(() => rnd()), real);
    expect(hit.n).toBe(2000);
    expect(Math.abs(hit.share - 0.1)).toBeLessThan(0.02);
  });
});

describe('block bootstrap', () => {
  it('resamples n indices in contiguous circular blocks', () => {
    const idx = blockResample(10, 4, mulberry32(1));
    expect(idx).toHaveLength(10);
    for (let i = 1; i < 4; i++) expect(idx[i]).toBe(((idx[0] as number) + i) % 10);
  });
  it('interpolates quantiles', () => expect(quantile([0, 10], 0.25)).toBe(2.5));
  it('covers the sample mean of a stationary series and is reproducible', () => {
    const rnd = mulberry32(11);
    const xs = Array.from({ length: 500 }, () => rnd());
    const mean = (ix: readonly number[]) => ix.reduce((s, i) => s + (xs[i] as number), 0) / ix.length;
    const ci = blockBootstrap(xs.length, mean, { replicates: 400, seed: 5 });
    expect(ci).not.toBeNull();
    const all = mean(xs.map((_, i) => i));
    expect(ci!.lo).toBeLessThan(all);
    expect(ci!.hi).toBeGreaterThan(all);
    expect(ci!.hi - ci!.lo).toBeLessThan(0.1);
    expect(blockBootstrap(xs.length, mean, { replicates: 400, seed: 5 })).toEqual(ci);
  });
});
