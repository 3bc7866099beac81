// isoTime() (hand-parsed BitMEX times) gives Date.parse's value on any text, valid or not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFast, isoTime } from './iso.js';

const MIN = Date.UTC(2000, 0, 1);
const MAX = Date.UTC(2110, 0, 1);
const iso = fc.integer({ min: MIN, max: MAX }).map((t) => new Date(t).toISOString());
/** ISO-shaped text with any two-digit fields (Feb 30, hour 24, month 13, …) and stray characters. */
const two = fc.integer({ min: 0, max: 99 });
const near = fc
  .tuple(fc.integer({ min: 1990, max: 2120 }), two, two, two, two, two, fc.integer({ min: 0, max: 999 }))
  .map(([y, mo, d, h, mi, s, ms]) => `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}.${String(ms).padStart(3, '0')}Z`);
const noisy = fc.tuple(iso, fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([s, at, c]) => s.slice(0, at % s.length) + c + s.slice((at % s.length) + 1));

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function reference(s: string): number {
  const ms = Date.parse(s);
  return Number.isInteger(ms) && ms >= 1_230_000_000_000 && ms <= 4_102_444_800_000 ? ms : NaN;
}

describe('bitmex ISO times', () => {
  it('isoFast is Date.parse wherever it answers; isoTime is Date.parse within 2009..2100', () => {
    fc.assert(
      fc.property(fc.oneof(iso, near, noisy, fc.string({ maxLength: 30 })), (s) => {
        const fast = isoFast(s);
        if (fast === fast) expect(fast, s).toBe(Date.parse(s));
        expect(Object.is(isoTime(s), reference(s)), s).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
