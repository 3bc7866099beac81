// One side of one venue-market's live book: notional weights per (liquidation-price bucket, leverage tier),
// stored densely over the span of alive buckets. Weights are normalised: notional = weight × the side's scale.
// Tier-major (one tier's buckets adjacent): a bar's entries of one tier land in a few adjacent buckets, so they
// share cache lines. Sums and visits still go bucket by bucket, tier by tier.

export class SideBook {
  /** Bucket index of column 0. */
  base = 0;
  /** tiers × rows: weight of (bucket b, tier k) at k · rows + (b − base). */
  data: Float64Array;
  /** Inclusive bucket bounds that may hold non-zero weight (lo > hi when empty). */
  lo = 1;
  hi = 0;
  /** Sum of all weights. */
  total = 0;
  /** Allocated buckets per tier (data.length / tiers). */
  rows = 0;

  constructor(readonly tiers: number) {
    this.data = new Float64Array(0);
  }

  get empty(): boolean {
    return this.lo > this.hi;
  }

  /** Index of (bucket, tier) in data (bucket within the allocation). */
  at(bucket: number, tier: number): number {
    return tier * this.rows + (bucket - this.base);
  }

  /**
   * Add one bar's cells of side `side`: for entries i < n and tiers k, x[(i·2 + side)·tiers + k] × f at bucket
   * b[same] (x = 0: nothing), whose buckets lie in lo..hi (lo ≤ hi). The allocation and bounds are settled once.
   */
  addCells(n: number, side: number, b: Int32Array, x: Float64Array, f: number, lo: number, hi: number): void {
    const T = this.tiers;
    if (lo < this.base || hi >= this.base + this.rows) this.ensure(lo, hi);
    const d = this.data;
    const rows = this.rows;
    const base = this.base;
    let sum = 0;
    for (let i = 0; i < n; i++)
      for (let k = 0, j = (i * 2 + side) * T, o = -base; k < T; k++, j++, o += rows) {
        const v = x[j]! * f;
        if (v === 0) continue;
        d[o + b[j]!]! += v;
        sum += v;
      }
    if (this.empty) {
      this.lo = lo;
      this.hi = hi;
    } else {
      if (lo < this.lo) this.lo = lo;
      if (hi > this.hi) this.hi = hi;
    }
    this.total += sum;
  }

  /** Remove every bucket ≥ from (longs: the low reached them), calling out(bucket, tier, weight) for each non-zero. */
  takeFrom(from: number, out: (bucket: number, tier: number, w: number) => void): void {
    if (this.empty || from > this.hi) return;
    const stop = Math.max(from, this.lo);
    for (let b = this.hi; b >= stop; b--) this.takeRow(b, out);
    this.hi = stop - 1;
    this.trim();
  }

  /** Remove every bucket ≤ to (shorts: the high reached them). */
  takeTo(to: number, out: (bucket: number, tier: number, w: number) => void): void {
    if (this.empty || to < this.lo) return;
    const stop = Math.min(to, this.hi);
    for (let b = this.lo; b <= stop; b++) this.takeRow(b, out);
    this.lo = stop + 1;
    this.trim();
  }

  /** Multiply every weight by f (rebasing the side's scale); the total is summed bucket by bucket, tier by tier. */
  scale(f: number): void {
    if (this.empty) return;
    const d = this.data;
    const n = this.rows;
    let total = 0;
    for (let i = this.lo - this.base, z = this.hi - this.base; i <= z; i++)
      for (let j = i, k = 0; k < this.tiers; k++, j += n) {
        const v = d[j]! * f;
        d[j] = v;
        total += v;
      }
    this.total = total;
  }

  /** Visit non-zero cells in ascending bucket order. */
  forEach(visit: (bucket: number, tier: number, w: number) => void): void {
    const d = this.data;
    const n = this.rows;
    for (let b = this.lo; b <= this.hi; b++)
      for (let k = 0, j = b - this.base; k < this.tiers; k++, j += n) {
        const w = d[j]!;
        if (w !== 0) visit(b, k, w);
      }
  }

  /** Number of non-zero cells. */
  count(): number {
    let n = 0;
    this.forEach(() => n++);
    return n;
  }

  /** Weights of buckets lo..hi, bucket-major (bucket · tiers + tier), as checkpoints store them. */
  bucketMajor(): Float64Array {
    if (this.empty) return new Float64Array(0);
    const T = this.tiers;
    const out = new Float64Array((this.hi - this.lo + 1) * T);
    for (let k = 0; k < T; k++) for (let b = this.lo, o = k, j = this.at(b, k); b <= this.hi; b++, o += T, j++) out[o] = this.data[j]!;
    return out;
  }

  /** Set the book from bucket-major weights of buckets lo..hi (lo ≤ hi) and their total. */
  restore(lo: number, hi: number, total: number, cells: Float64Array): void {
    const T = this.tiers;
    const n = hi - lo + 1;
    this.base = lo;
    this.rows = n;
    this.data = new Float64Array(n * T);
    for (let k = 0; k < T; k++) for (let i = 0, o = k; i < n; i++, o += T) this.data[k * n + i] = cells[o]!;
    this.lo = lo;
    this.hi = hi;
    this.total = total;
  }

  private takeRow(b: number, out: (bucket: number, tier: number, w: number) => void): void {
    const d = this.data;
    for (let k = 0, j = b - this.base, n = this.rows; k < this.tiers; k++, j += n) {
      const w = d[j]!;
      if (w !== 0) {
        d[j] = 0;
        this.total -= w;
        out(b, k, w);
      }
    }
  }

  private trim(): void {
    if (this.empty) {
      this.total = 0;
      return;
    }
    // Shrink the bounds past empty rows so sweeps and views skip them.
    while (this.lo <= this.hi && this.rowEmpty(this.lo)) this.lo++;
    while (this.hi >= this.lo && this.rowEmpty(this.hi)) this.hi--;
    if (this.empty) this.total = 0;
  }

  private rowEmpty(b: number): boolean {
    for (let k = 0, j = b - this.base, n = this.rows; k < this.tiers; k++, j += n) if (this.data[j] !== 0) return false;
    return true;
  }

  private ensure(bLo: number, bHi: number): void {
    // Re-centre the allocation around the alive span plus the new buckets, with room to grow.
    const lo = this.empty ? bLo : Math.min(this.lo, bLo);
    const hi = this.empty ? bHi : Math.max(this.hi, bHi);
    const span = hi - lo + 1;
    const margin = Math.max(64, span);
    const base = lo - margin;
    const rows = span + 2 * margin;
    const next = new Float64Array(rows * this.tiers);
    if (!this.empty)
      for (let k = 0; k < this.tiers; k++) next.set(this.data.subarray(this.at(this.lo, k), this.at(this.hi, k) + 1), k * rows + (this.lo - base));
    this.base = base;
    this.data = next;
    this.rows = rows;
  }
}
