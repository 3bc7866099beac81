// "Top 10%" membership with ties shared fairly: when a run of equal values straddles the
// cut, each member gets the fraction of the remaining places, i.e. the expected membership
// under random tie-breaking. A constant predictor therefore scores exactly chance.

/** Membership weight in [0, 1] of each value in the top `k` (largest values first). */
export function topKMembership(values: readonly number[], k: number): number[] {
  const n = values.length;
  const out = new Array<number>(n).fill(0);
  if (k <= 0 || n === 0) return out;
  const order = values.map((_, i) => i).sort((a, b) => (values[b] as number) - (values[a] as number));
  let placed = 0;
  let i = 0;
  while (i < n && placed < k) {
    let j = i;
    const v = values[order[i] as number];
    while (j + 1 < n && values[order[j + 1] as number] === v) j++;
    const run = j - i + 1;
    const w = Math.min(1, (k - placed) / run);
    for (let t = i; t <= j; t++) out[order[t] as number] = w;
    placed += run;
    i = j + 1;
  }
  return out;
}

export interface TopDecileHit {
  /** Expected number of realised top-decile bars that the predictor also puts in its top decile. */
  readonly hits: number;
  /** Size of the realised top decile. */
  readonly n: number;
  readonly share: number;
}

/** Share of the top-`fraction` realised items that are also in the predictor's top `fraction`. */
export function topDecileHit(predicted: readonly number[], realised: readonly number[], fraction = 0.1): TopDecileHit {
  if (predicted.length !== realised.length) throw new Error('topDecileHit: length mismatch');
  const k = Math.max(1, Math.ceil(fraction * realised.length));
  if (realised.length === 0) return { hits: 0, n: 0, share: 0 };
  const wp = topKMembership(predicted, k);
  const wr = topKMembership(realised, k);
  let hits = 0;
  let total = 0;
  for (let i = 0; i < wr.length; i++) {
    hits += (wr[i] as number) * (wp[i] as number);
    total += wr[i] as number;
  }
  return { hits, n: total, share: total > 0 ? hits / total : 0 };
}
