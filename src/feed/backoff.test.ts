import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Backoff } from './backoff.js';
import { RateLimiter } from './rate-limiter.js';

describe('Backoff', () => {
  it('grows exponentially, is capped, and resets', () => {
    const b = new Backoff({ initialMs: 100, maxMs: 1000, factor: 2, jitter: 0 });
    expect([b.next(), b.next(), b.next(), b.next(), b.next(), b.next()]).toEqual([100, 200, 400, 800, 1000, 1000]);
    b.reset();
    expect(b.next()).toBe(100);
  });

  it('jitter keeps every delay within [raw·(1−j), raw] and never above the cap', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 40 }), (r, n) => {
        const b = new Backoff({ initialMs: 50, maxMs: 5000, factor: 2, jitter: 0.5 }, () => r);
        let raw = 50;
        for (let i = 0; i < n; i++) {
          const d = b.next();
          expect(d).toBeLessThanOrEqual(Math.min(raw, 5000));
          expect(d).toBeGreaterThanOrEqual(Math.floor(Math.min(raw, 5000) * 0.5));
          raw *= 2;
        }
      }),
    );
  });
});

describe('RateLimiter', () => {
  it('spaces reservations at 1/perSec', () => {
    let t = 1000;
    const r = new RateLimiter(10, () => t);
    expect([r.reserve(), r.reserve(), r.reserve()]).toEqual([0, 100, 200]);
    t += 1000;
    expect(r.reserve()).toBe(0);
  });
});
