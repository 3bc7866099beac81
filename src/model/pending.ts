// Net change of one history level's current quantum per (level bucket, side, tier): a dense window over the
// buckets touched, plus the keys in first-touch order (so flushes are deterministic and O(touched)).
import { F64, I32 } from './growable.js';
import { TIER_SLOTS } from './history-key.js';

export class Pending {
  /** Level bucket of row 0. */
  base = 0;
  rows = 0;
  data = new Float64Array(0);
  mark = new Uint8Array(0);
  /** Keys (lb · 2·TIER_SLOTS + side · TIER_SLOTS + tier) in first-touch order. */
  readonly touched = new I32();
  private readonly stride: number;

  constructor(readonly tiers: number) {
    this.stride = 2 * tiers;
  }

  get size(): number {
    return this.touched.length;
  }

  add(lb: number, s: number, k: number, v: number): void {
    if (lb < this.base || lb >= this.base + this.rows) this.regrow(lb);
    const i = (lb - this.base) * this.stride + s * this.tiers + k;
    if (this.mark[i] === 0) {
      this.mark[i] = 1;
      this.touched.push(lb * 2 * TIER_SLOTS + s * TIER_SLOTS + k);
    }
    this.data[i]! += v;
  }

  /** Value of a touched key. */
  get(key: number): number {
    return this.data[this.index(key)]!;
  }

  /** Visit touched keys in order with their value; `clear` zeroes them and empties the list. */
  forEach(visit: (st: number, lb: number, v: number) => void, clear = false): void {
    const t = this.touched.data;
    for (let j = 0; j < this.touched.length; j++) {
      const key = t[j]!;
      const i = this.index(key);
      const v = this.data[i]!;
      if (clear) {
        this.data[i] = 0;
        this.mark[i] = 0;
      }
      visit(key % (2 * TIER_SLOTS), Math.floor(key / (2 * TIER_SLOTS)), v);
    }
    if (clear) this.touched.length = 0;
  }

  /** Append every non-negligible touched value as an event of quantum q, then clear (the flush fast path). */
  drainInto(q: number, evQ: I32, evSt: I32, evB: I32, evV: F64, noise: number): void {
    const t = this.touched.data;
    const n = this.touched.length;
    const S2 = 2 * TIER_SLOTS;
    for (let j = 0; j < n; j++) {
      const key = t[j]!;
      const st = key % S2;
      const lb = (key - st) / S2;
      const s = st >= TIER_SLOTS ? 1 : 0;
      const i = (lb - this.base) * this.stride + s * this.tiers + (st - s * TIER_SLOTS);
      const v = this.data[i]!;
      this.data[i] = 0;
      this.mark[i] = 0;
      if (v >= noise || v <= -noise) {
        evQ.push(q);
        evSt.push(st);
        evB.push(lb);
        evV.push(v);
      }
    }
    this.touched.length = 0;
  }

  /** Re-insert a key with its value (checkpoint restore, in the saved order). */
  restore(key: number, v: number): void {
    const st = key % (2 * TIER_SLOTS);
    const lb = Math.floor(key / (2 * TIER_SLOTS));
    const s = st >= TIER_SLOTS ? 1 : 0;
    this.add(lb, s, st - s * TIER_SLOTS, 0);
    this.data[this.index(key)] = v;
  }

  private index(key: number): number {
    const st = key % (2 * TIER_SLOTS);
    const lb = Math.floor(key / (2 * TIER_SLOTS));
    const s = st >= TIER_SLOTS ? 1 : 0;
    return (lb - this.base) * this.stride + s * this.tiers + (st - s * TIER_SLOTS);
  }

  private regrow(lb: number): void {
    let lo = lb;
    let hi = lb;
    const t = this.touched.data;
    for (let j = 0; j < this.touched.length; j++) {
      const b = Math.floor(t[j]! / (2 * TIER_SLOTS));
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    const margin = Math.max(64, hi - lo + 1);
    const base = lo - margin;
    const rows = hi - lo + 1 + 2 * margin;
    const data = new Float64Array(rows * this.stride);
    const mark = new Uint8Array(rows * this.stride);
    for (let j = 0; j < this.touched.length; j++) {
      const key = t[j]!;
      const i = this.index(key);
      const st = key % (2 * TIER_SLOTS);
      const s = st >= TIER_SLOTS ? 1 : 0;
      const ni = (Math.floor(key / (2 * TIER_SLOTS)) - base) * this.stride + s * this.tiers + (st - s * TIER_SLOTS);
      data[ni] = this.data[i]!;
      mark[ni] = 1;
    }
    this.base = base;
    this.rows = rows;
    this.data = data;
    this.mark = mark;
  }
}
