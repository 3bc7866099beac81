// Net change of one history level's current quantum per (level bucket, side, tier): the keys in first-touch order
// (so flushes are deterministic and O(touched)) with their values alongside, found through a small open-addressing
// hash table. Everything a quantum touches stays compact (cache-resident), however wide the book's price span.
import { F64, I32 } from './growable.js';
import { TIER_SLOTS } from './history-key.js';

const S2 = 2 * TIER_SLOTS;
/** Cached level buckets per side·tier (a power of two; a quantum's inflow spans few consecutive buckets). */
const CACHE_WAYS = 8;
/** Fibonacci hashing multiplier (2^32 / φ). */
const HASH_MUL = 0x9e3779b1;

export class Pending {
  /** Keys (lb · 2·TIER_SLOTS + side · TIER_SLOTS + tier) in first-touch order. */
  readonly touched = new I32();
  /** Value of touched[j], at index j. */
  private vals = new Float64Array(64);
  /** Where touched[j] sits in the hash table, at index j (a clear frees just those). */
  private at = new Int32Array(64);
  /** Hash table: slot + 1 of the key hashed there (0 = free), and that key. */
  private table = new Int32Array(256);
  private tableKey = new Int32Array(256);
  /** 32 − log2(table size). */
  private shift = 24;
  /** addRuns' cache: per side·tier, CACHE_WAYS (level bucket, slot) pairs by the bucket's low bits (NaN = empty). */
  private readonly cacheLb = new Float64Array(S2 * CACHE_WAYS).fill(NaN);
  private readonly cacheSlot = new Int32Array(S2 * CACHE_WAYS);
  /** Whether addRuns' cache holds anything since the last clear. */
  private cached = false;

  constructor(readonly tiers: number) {}

  get size(): number {
    return this.touched.length;
  }

  add(lb: number, s: number, k: number, v: number): void {
    const slot = this.slot(lb * S2 + s * TIER_SLOTS + k); // first: slot() may replace vals
    this.vals[slot]! += v;
  }

  /**
   * For each side s and tier k, over i < n: add x[(i·2 + s)·tiers + k] (skipping 0) at level bucket
   * ⌊b[same] / mult⌋, scaled by f0 or f1, summing runs of equal level bucket first (entries come in price order,
   * so a coarse level sees few runs).
   */
  addRuns(n: number, tiers: number, b: Int32Array, x: Float64Array, mult: number, f0: number, f1: number): void {
    const cacheLb = this.cacheLb;
    const cacheSlot = this.cacheSlot;
    const step = 2 * tiers;
    for (let s = 0; s < 2; s++) {
      const f = s === 0 ? f0 : f1;
      for (let k = 0; k < tiers; k++) {
        const c = s * TIER_SLOTS + k;
        let cur = -1;
        let acc = 0;
        for (let i = 0, idx = s * tiers + k; i < n; i++, idx += step) {
          const v = x[idx]!;
          if (v === 0) continue;
          const lb = mult === 1 ? b[idx]! : Math.floor(b[idx]! / mult);
          if (lb !== cur) {
            if (acc !== 0) {
              const e = c * CACHE_WAYS + (cur & (CACHE_WAYS - 1));
              const slot = cacheLb[e] === cur ? cacheSlot[e]! : this.cacheMiss(e, cur, c);
              this.vals[slot]! += acc * f;
            }
            cur = lb;
            acc = 0;
          }
          acc += v;
        }
        if (acc !== 0) {
          const e = c * CACHE_WAYS + (cur & (CACHE_WAYS - 1));
          const slot = cacheLb[e] === cur ? cacheSlot[e]! : this.cacheMiss(e, cur, c);
          this.vals[slot]! += acc * f;
        }
      }
    }
  }

  /** Slot of (lb, side·tier c), remembered in cache entry e. */
  private cacheMiss(e: number, lb: number, c: number): number {
    const slot = this.slot(lb * S2 + c);
    this.cached = true;
    this.cacheLb[e] = lb;
    this.cacheSlot[e] = slot;
    return slot;
  }

  /** Value of a touched key (0 when untouched). */
  get(key: number): number {
    const slot = this.find(key);
    return slot < 0 ? 0 : this.vals[slot]!;
  }

  /** Visit touched keys in order with their value; `clear` zeroes them and empties the list. */
  forEach(visit: (st: number, lb: number, v: number) => void, clear = false): void {
    const t = this.touched.data;
    const n = this.touched.length;
    for (let j = 0; j < n; j++) {
      const key = t[j]!;
      visit(key % S2, Math.floor(key / S2), this.vals[j]!);
    }
    if (clear) this.clear();
  }

  /** Append every non-negligible touched value as an event of quantum q, then clear (the flush fast path). */
  drainInto(q: number, evQ: I32, evSt: I32, evB: I32, evV: F64, noise: number): void {
    const t = this.touched.data;
    const vals = this.vals;
    const n = this.touched.length;
    evQ.reserve(n);
    evSt.reserve(n);
    evB.reserve(n);
    evV.reserve(n);
    const dq = evQ.data;
    const dst = evSt.data;
    const db = evB.data;
    const dv = evV.data;
    let e = evQ.length;
    for (let j = 0; j < n; j++) {
      const v = vals[j]!;
      if (v >= noise || v <= -noise) {
        const key = t[j]!;
        const st = key % S2;
        dq[e] = q;
        dst[e] = st;
        db[e] = (key - st) / S2;
        dv[e] = v;
        e++;
      }
    }
    evQ.length = evSt.length = evB.length = evV.length = e;
    this.clear();
  }

  /** Re-insert a key with its value (checkpoint restore, in the saved order). */
  restore(key: number, v: number): void {
    const slot = this.slot(key); // first: slot() may replace vals
    this.vals[slot] = v;
  }

  /** Empty the list, the values and the table. */
  private clear(): void {
    const n = this.touched.length;
    if (n === 0) return;
    if (this.cached) {
      this.cacheLb.fill(NaN);
      this.cached = false;
    }
    this.vals.fill(0, 0, n);
    const table = this.table;
    const at = this.at;
    for (let j = 0; j < n; j++) table[at[j]!] = 0;
    this.touched.length = 0;
  }

  /** Index of key in touched (−1 when absent). */
  private find(key: number): number {
    const mask = this.table.length - 1;
    for (let h = Math.imul(key, HASH_MUL) >>> this.shift; ; h = (h + 1) & mask) {
      const e = this.table[h]!;
      if (e === 0) return -1;
      if (this.tableKey[h] === key) return e - 1;
    }
  }

  /** Index of key in touched, appending it (value 0) on first touch. */
  private slot(key: number): number {
    const table = this.table;
    const mask = table.length - 1;
    let h = Math.imul(key, HASH_MUL) >>> this.shift;
    for (;;) {
      const e = table[h]!;
      if (e === 0) break;
      if (this.tableKey[h] === key) return e - 1;
      h = (h + 1) & mask;
    }
    const j = this.touched.length;
    this.touched.push(key);
    if (j >= this.vals.length) {
      const next = new Float64Array(this.vals.length * 2);
      next.set(this.vals);
      this.vals = next;
      const nextAt = new Int32Array(this.vals.length);
      nextAt.set(this.at);
      this.at = nextAt;
    }
    if (2 * (j + 1) > table.length) this.rehash(table.length * 2);
    else {
      table[h] = j + 1;
      this.tableKey[h] = key;
      this.at[j] = h;
    }
    return j;
  }

  /** Rebuild the table at a new (power-of-two) size from the touched list. */
  private rehash(size: number): void {
    const table = new Int32Array(size);
    const tableKey = new Int32Array(size);
    const shift = 32 - Math.log2(size);
    const mask = size - 1;
    const t = this.touched.data;
    for (let j = 0; j < this.touched.length; j++) {
      const key = t[j]!;
      let h = Math.imul(key, HASH_MUL) >>> shift;
      while (table[h] !== 0) h = (h + 1) & mask;
      table[h] = j + 1;
      tableKey[h] = key;
      this.at[j] = h;
    }
    this.table = table;
    this.tableKey = tableKey;
    this.shift = shift;
  }
}
