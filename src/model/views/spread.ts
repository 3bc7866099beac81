// Rows a level bucket taller than a heatmap row covers, per bucket, precomputed once per query: first and last row
// in range and each row's share of the bucket.

export interface SpreadTable {
  /** Level bucket of entry 0; buckets outside [lb0, lb0 + n) reach no row. */
  readonly lb0: number;
  readonly n: number;
  /** First and last row a bucket deposits into (a > z: none); floats, as z may be far below row 0. */
  readonly a: Float64Array;
  readonly z: Float64Array;
  /** Offset of a bucket's first share in `share`; shares of rows a..z follow. */
  readonly off: Int32Array;
  readonly share: Float64Array;
}

/** The table for buckets rPer rows tall (rPer > 1) whose bucket lb starts at row rEdge + lb · rPer. */
export function spreadTable(rows: number, rEdge: number, rPer: number): SpreadTable {
  const lb0 = Math.floor(-rEdge / rPer) - 2;
  const n = Math.max(0, Math.ceil((rows - rEdge) / rPer) + 2 - lb0 + 1);
  const a = new Float64Array(n);
  const z = new Float64Array(n);
  const off = new Int32Array(n);
  const share: number[] = [];
  for (let j = 0; j < n; j++) {
    const lb = lb0 + j;
    const rLo = rEdge + lb * rPer;
    const rHi = rLo + rPer;
    a[j] = Math.max(0, Math.floor(rLo));
    z[j] = Math.min(rows - 1, Math.ceil(rHi) - 1);
    off[j] = share.length;
    for (let r = a[j]!; r <= z[j]!; r++) share.push(Math.min(rHi, r + 1) - Math.max(rLo, r));
  }
  return { lb0, n, a, z, off, share: Float64Array.from(share) };
}
