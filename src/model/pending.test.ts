import { describe, expect, it } from 'vitest';
import { F64, I32 } from './growable.js';
import { TIER_SLOTS } from './history-key.js';
import { rangeEntries, rangeEntriesInto } from './model.js';
import { Pending } from './pending.js';

describe('Pending', () => {
  it('keeps first-touch order and sums per key like a Map, across table and value growth', () => {
    const p = new Pending(9);
    const ref = new Map<number, number>();
    let seed = 1;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let q = 0; q < 3; q++) {
      for (let i = 0; i < 5000; i++) {
        const lb = Math.floor(rnd() * 3000) + 2000;
        const s = rnd() < 0.5 ? 0 : 1;
        const k = Math.floor(rnd() * 9);
        const v = rnd() - 0.3;
        p.add(lb, s, k, v);
        const key = lb * 2 * TIER_SLOTS + s * TIER_SLOTS + k;
        ref.set(key, (ref.get(key) ?? 0) + v);
      }
      expect(p.size).toBe(ref.size);
      expect([...p.touched.view()]).toEqual([...ref.keys()]);
      for (const [key, v] of ref) expect(p.get(key)).toBe(v);
      const evQ = new I32();
      const evSt = new I32();
      const evB = new I32();
      const evV = new F64();
      p.drainInto(q, evQ, evSt, evB, evV, 0.01);
      const kept = [...ref].filter(([, v]) => Math.abs(v) >= 0.01);
      expect([...evSt.view()]).toEqual(kept.map(([key]) => key % (2 * TIER_SLOTS)));
      expect([...evB.view()]).toEqual(kept.map(([key]) => Math.floor(key / (2 * TIER_SLOTS))));
      expect([...evV.view()]).toEqual(kept.map(([, v]) => v));
      expect(p.size).toBe(0);
      ref.clear();
    }
  });

  it('after a clear, a grown table holds no key of the rounds before (only the used slots are freed)', () => {
    const p = new Pending(9);
    const key = (lb: number, s: number, k: number): number => lb * 2 * TIER_SLOTS + s * TIER_SLOTS + k;
    const sink = (): [I32, I32, I32, F64] => [new I32(), new I32(), new I32(), new F64()];
    for (let i = 0; i < 4000; i++) p.add(5000 + i, i % 2, i % 9, 1);
    p.drainInto(0, ...sink(), 0);
    let prev: number[] = [];
    for (let round = 1; round < 300; round++) {
      const ref = new Map<number, number>();
      for (let i = 0; i < (round % 40) + 1; i++) {
        const lb = 5000 + ((round * 37 + i * 11) % 4000);
        p.add(lb, i % 2, i % 9, i + 1);
        ref.set(key(lb, i % 2, i % 9), (ref.get(key(lb, i % 2, i % 9)) ?? 0) + i + 1);
      }
      for (const k of prev) if (!ref.has(k)) expect(p.get(k)).toBe(0);
      for (const [k, v] of ref) expect(p.get(k)).toBe(v);
      expect(p.size).toBe(ref.size);
      p.drainInto(round, ...sink(), 0);
      prev = [...ref.keys()];
    }
  });

  it('restores keys with their values in order', () => {
    const p = new Pending(3);
    const keys = Array.from({ length: 300 }, (_, i) => (1000 + i * 7) * 2 * TIER_SLOTS + (i % 2) * TIER_SLOTS + (i % 3));
    keys.forEach((key, i) => p.restore(key, i + 0.5));
    expect([...p.touched.view()]).toEqual(keys);
    keys.forEach((key, i) => expect(p.get(key)).toBe(i + 0.5));
  });
});

describe('rangeEntriesInto', () => {
  it('matches rangeEntries exactly', () => {
    const prices = new Float64Array(7);
    const weights = new Float64Array(7);
    for (const [lo, hi, vwap, n] of [[100, 110, 103.3, 5], [100, 100, 100, 5], [59_990.1, 60_123.7, 60_001.9, 7], [1, 2, 2, 2]] as const) {
      const r = rangeEntries(lo, hi, vwap, n);
      const c = rangeEntriesInto(lo, hi, vwap, n, prices, weights);
      expect([...prices.subarray(0, c)]).toEqual(r.prices);
      expect([...weights.subarray(0, c)]).toEqual(r.weights);
    }
  });
});
