// Reading kept history: searching quantum-ordered columns, expanding inflow entries into cells, and the open
// quantum of a level (its pending map, or for a built level, what its source holds since the quantum began).
import { liqBucket, NO_BUCKET, TIER_SLOTS, type LevelHistory } from './history.js';

/** Index of the first value ≥ q in the first n of an ascending column (n when none). */
export function firstFrom(col: Int32Array, n: number, q: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (col[mid]! < q) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Visit the cells of entries [i0, i1) of l: (quantum, st, bucket at multiple `mult` of the base bucket, USD as stored). */
export function forEachEntryCell(l: LevelHistory, i0: number, i1: number, mult: number, visit: (q: number, st: number, lb: number, v: number) => void): void {
  const tw = l.enMargin.tierWeight;
  const coef = l.enMargin.liqCoef;
  const nT = tw.length;
  for (let i = i0; i < i1; i++)
    for (let s = 0; s < 2; s++) {
      const v = s === 0 ? l.enL.data[i]! : l.enS.data[i]!;
      if (!(v > 0)) continue;
      for (let k = 0; k < nT; k++) {
        if (tw[k] === 0) continue;
        const b = liqBucket(l.enP.data[i]! * coef[s]![k]!, l.invBucket);
        if (b !== NO_BUCKET) visit(l.enQ.data[i]!, s * TIER_SLOTS + k, mult === 1 ? b : Math.floor(b / mult), v * tw[k]!);
      }
    }
}

/**
 * Visit the open quantum's net changes (st, level bucket, USD normalised to l.pendingStart): the level's pending, or
 * for a level built from a source, the source's events, entries and open quantum since this quantum's start.
 */
export function forEachPending(l: LevelHistory, visit: (st: number, lb: number, v: number) => void): void {
  const src = l.source;
  if (src === null || l.q === null) {
    l.pending.forEach(visit);
    return;
  }
  const r = l.level.bucketMult / src.level.bucketMult;
  const from = (l.q * l.level.quantumMs) / src.level.quantumMs;
  const lbOf = (lb: number): number => (r === 1 ? lb : Math.floor(lb / r));
  const norm = (q: number, s: number): number => Math.exp(l.pendingStart[s]! - src.logStartOf(q, s));
  for (let i = firstFrom(src.evQ.data, src.evQ.length, from); i < src.evQ.length; i++) {
    const st = src.evSt.data[i]!;
    visit(st, lbOf(src.evB.data[i]!), src.evV.data[i]! * norm(src.evQ.data[i]!, st >= TIER_SLOTS ? 1 : 0));
  }
  const i0 = firstFrom(src.enQ.data, src.enQ.length, from);
  forEachEntryCell(src, i0, src.enQ.length, l.level.bucketMult, (q, st, lb, v) => visit(st, lb, v * norm(q, st >= TIER_SLOTS ? 1 : 0)));
  const f0 = Math.exp(l.pendingStart[0] - src.pendingStart[0]);
  const f1 = Math.exp(l.pendingStart[1] - src.pendingStart[1]);
  forEachPending(src, (st, lb, v) => visit(st, lbOf(lb), v * (st >= TIER_SLOTS ? f1 : f0)));
}
