import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spearman } from './spearman.js';
import { topDecileHit } from './top-decile.js';
import { countsOf, presort, spearmanCounts, topDecileCounts } from './weighted.js';

describe('resample statistics from counts', () => {
  it('equal the direct computation on the expanded resample (property)', () =>
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 9 })), { minLength: 4, maxLength: 40 }),
        fc.array(fc.nat(1000), { minLength: 4, maxLength: 60 }),
        (pairs, picks) => {
          const x = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const idx = picks.map((p) => p % x.length);
          const counts = countsOf(idx, x.length);
          const buf = () => new Float64Array(x.length);
          const direct = spearman(idx.map((i) => x[i] as number), idx.map((i) => y[i] as number));
          const fast = spearmanCounts(presort(x), presort(y), counts, buf(), buf());
          const sameRho = direct === null || fast === null ? direct === fast || Math.abs(direct ?? fast ?? 0) < 1e-9 : Math.abs(direct - fast) < 1e-9;
          const hitDirect = topDecileHit(idx.map((i) => x[i] as number), idx.map((i) => y[i] as number)).share;
          const hitFast = topDecileCounts(presort(x), presort(y), counts, buf(), buf()) ?? 0;
          return sameRho && Math.abs(hitDirect - hitFast) < 1e-9;
        },
      ),
    ));
  it('handles the identity resample', () => {
    const x = [5, 1, 4, 4, 2];
    expect(spearmanCounts(presort(x), presort(x), countsOf([0, 1, 2, 3, 4], 5), new Float64Array(5), new Float64Array(5))).toBeCloseTo(1, 12);
  });
});
