// One side of one venue-market's live book: notional weights per (liquidation-price bucket, leverage tier),
// stored densely over the span of alive buckets. Weights are normalised: notional = weight × the side's scale.

export class SideBook {
  /** Bucket index of row 0. */
  base = 0;
  /** rows × tiers, row-major. */
  data: Float64Array;
  /** Inclusive bucket bounds that may hold non-zero weight (lo > hi when empty). */
  lo = 1;
  hi = 0;
  /** Sum of all weights. */
  total = 0;
  /** Allocated rows (data.length / tiers). */
  rows = 0;

  constructor(readonly tiers: number) {
    this.data = new Float64Array(0);
  }

  get empty(): boolean {
    return this.lo > this.hi;
  }

  add(bucket: number, tier: number, w: number): void {
    if (bucket < this.base || bucket >= this.base + this.rows) this.ensure(bucket);
    this.data[(bucket - this.base) * this.tiers + tier]! += w;
    if (this.empty) {
      this.lo = bucket;
      this.hi = bucket;
    } else if (bucket < this.lo) this.lo = bucket;
    else if (bucket > this.hi) this.hi = bucket;
    this.total += w;
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

  /** Multiply every weight by f (rebasing the side's scale). */
  scale(f: number): void {
    if (this.empty) return;
    const a = (this.lo - this.base) * this.tiers;
    const z = (this.hi - this.base + 1) * this.tiers;
    let total = 0;
    for (let i = a; i < z; i++) {
      const v = this.data[i]! * f;
      this.data[i] = v;
      total += v;
    }
    this.total = total;
  }

  /** Visit non-zero cells in ascending bucket order. */
  forEach(visit: (bucket: number, tier: number, w: number) => void): void {
    for (let b = this.lo; b <= this.hi; b++) {
      const row = (b - this.base) * this.tiers;
      for (let k = 0; k < this.tiers; k++) {
        const w = this.data[row + k]!;
        if (w !== 0) visit(b, k, w);
      }
    }
  }

  /** Number of non-zero cells. */
  count(): number {
    let n = 0;
    this.forEach(() => n++);
    return n;
  }

  private takeRow(b: number, out: (bucket: number, tier: number, w: number) => void): void {
    const row = (b - this.base) * this.tiers;
    for (let k = 0; k < this.tiers; k++) {
      const w = this.data[row + k]!;
      if (w !== 0) {
        this.data[row + k] = 0;
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
    const row = (b - this.base) * this.tiers;
    for (let k = 0; k < this.tiers; k++) if (this.data[row + k] !== 0) return false;
    return true;
  }

  private ensure(bucket: number): void {
    // Re-centre the allocation around the alive span plus the new bucket, with room to grow.
    const lo = this.empty ? bucket : Math.min(this.lo, bucket);
    const hi = this.empty ? bucket : Math.max(this.hi, bucket);
    const span = hi - lo + 1;
    const margin = Math.max(64, span);
    const base = lo - margin;
    const next = new Float64Array((span + 2 * margin) * this.tiers);
    if (!this.empty) {
      const a = (this.lo - this.base) * this.tiers;
      const z = (this.hi - this.base + 1) * this.tiers;
      next.set(this.data.subarray(a, z), (this.lo - base) * this.tiers);
    }
    this.base = base;
    this.data = next;
    this.rows = span + 2 * margin;
  }
}
