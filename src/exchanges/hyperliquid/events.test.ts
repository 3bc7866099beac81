// isLiquidator() is the lower-cased comparison it replaces, on any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HLP_LIQUIDATOR, isLiquidator } from './events.js';

describe('hyperliquid HLP liquidator address', () => {
  it('matches exactly when address.toLowerCase() === HLP_LIQUIDATOR', () => {
    const variants = fc.array(fc.boolean(), { minLength: 42, maxLength: 42 }).map((up) => [...HLP_LIQUIDATOR].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
    const near = fc.tuple(fc.nat(41), fc.constantFrom('a', 'A', 'K', '\u212A', '\u0130', '0', 'x', 'X')).map(([i, c]) => HLP_LIQUIDATOR.slice(0, i) + c + HLP_LIQUIDATOR.slice(i + 1));
    fc.assert(
      fc.property(fc.oneof(variants, near, fc.string({ maxLength: 44 })), (a) => {
        expect(isLiquidator(a), a).toBe(a.toLowerCase() === HLP_LIQUIDATOR);
      }),
      { numRuns: 10_000 },
    );
  });
});
