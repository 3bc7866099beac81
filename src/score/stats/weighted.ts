// Spearman's ρ and the top-decile hit rate of a bootstrap resample in O(n): a resample is a
// multiset of the original indices, so its ranks follow from the original sort order and
// each index's multiplicity (count). Equal values still share their average rank.

export interface Sorted {
  readonly values: readonly number[];
  /** Indices in ascending order of value. */
  readonly order: Int32Array;
}

export function presort(values: readonly number[]): Sorted {
  const order = Int32Array.from(values.keys()).sort((a, b) => (values[a] as number) - (values[b] as number));
  return { values, order };
}

/** Average ranks (1-based) of each index within the resample described by `counts`. */
function ranksWithCounts(s: Sorted, counts: Int32Array, out: Float64Array): void {
  const { values, order } = s;
  let below = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    let c = counts[order[i] as number] as number;
    const v = values[order[i] as number];
    while (j + 1 < order.length && values[order[j + 1] as number] === v) {
      j++;
      c += counts[order[j] as number] as number;
    }
    const r = below + (c + 1) / 2;
    for (let t = i; t <= j; t++) out[order[t] as number] = r;
    below += c;
    i = j + 1;
  }
}

/** Spearman's ρ of the resample; null when either side is constant within it. */
export function spearmanCounts(x: Sorted, y: Sorted, counts: Int32Array, rx: Float64Array, ry: Float64Array): number | null {
  ranksWithCounts(x, counts, rx);
  ranksWithCounts(y, counts, ry);
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    n += c;
    mx += c * (rx[i] as number);
    my += c * (ry[i] as number);
  }
  if (n < 3) return null;
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    const dx = (rx[i] as number) - mx;
    const dy = (ry[i] as number) - my;
    sxy += c * dx * dy;
    sxx += c * dx * dx;
    syy += c * dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Top-k membership (ties shared) of each index within the resample. */
function topMembershipCounts(s: Sorted, counts: Int32Array, k: number, out: Float64Array): void {
  out.fill(0);
  const { values, order } = s;
  let placed = 0;
  let j = order.length - 1;
  while (j >= 0 && placed < k) {
    let i = j;
    let c = counts[order[j] as number] as number;
    const v = values[order[j] as number];
    while (i - 1 >= 0 && values[order[i - 1] as number] === v) {
      i--;
      c += counts[order[i] as number] as number;
    }
    if (c > 0) {
      const w = Math.min(1, (k - placed) / c);
      for (let t = i; t <= j; t++) out[order[t] as number] = w;
      placed += c;
    }
    j = i - 1;
  }
}

/** Share of the resample's top-10% realised items that are in the predictor's top 10%. */
export function topDecileCounts(pred: Sorted, real: Sorted, counts: Int32Array, wp: Float64Array, wr: Float64Array, fraction = 0.1): number | null {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i] as number;
  if (n === 0) return null;
  const k = Math.max(1, Math.ceil(fraction * n));
  topMembershipCounts(pred, counts, k, wp);
  topMembershipCounts(real, counts, k, wr);
  let hits = 0;
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c === 0) continue;
    hits += c * (wr[i] as number) * (wp[i] as number);
    total += c * (wr[i] as number);
  }
  return total > 0 ? hits / total : null;
}

export function countsOf(indices: readonly number[], n: number): Int32Array {
  const c = new Int32Array(n);
  for (const i of indices) c[i] = (c[i] as number) + 1;
  return c;
}
