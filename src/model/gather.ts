// Building a level's closing quantum from its finer source level (sourceFor below): the source's cell events
// and its inflow entries over the quantum, renormalised to this quantum's start and summed into the pending map.
import { liqBucket, NO_BUCKET, TIER_SLOTS, wantsEntries, type LevelHistory } from './history.js';
import { firstFrom, forEachEntryCell } from './history-read.js';

/** Above this many (side, tier, bucket) cells an entry span is summed through the pending map, not a dense grid. */
const DENSE_MAX = 1 << 16;
let dense = new Float64Array(1024);
/** Per side·tier: first level bucket of its span, its offset in the grid (−1: no cells) and length. */
const spanLb = new Int32Array(2 * TIER_SLOTS);
const spanOff = new Int32Array(2 * TIER_SLOTS);
const spanLen = new Int32Array(2 * TIER_SLOTS);
/** Per entry of a span, long USD then short USD, normalised to the level's quantum start. */
let vSide = new Float64Array(256);

/**
 * The finer level a cell-mode level can be built from: an earlier (so flushed first) level whose quantum and bucket
 * divide this level's and whose retention keeps at least two of its quanta; the coarsest such, else null.
 */
export function sourceFor(levels: readonly LevelHistory[], i: number): LevelHistory | null {
  const me = levels[i]!.level;
  if (wantsEntries(me)) return null;
  let best: LevelHistory | null = null;
  for (let j = 0; j < i; j++) {
    const l = levels[j]!;
    const src = l.level;
    if (me.quantumMs % src.quantumMs !== 0 || me.bucketMult % src.bucketMult !== 0) continue;
    if (src.retentionMs !== null && src.retentionMs < 2 * me.quantumMs) continue;
    if (!best || src.quantumMs > best.level.quantumMs) best = l;
  }
  return best;
}

/** Sum the source's changes in quantum l.q into l.pending (the source has flushed every quantum before it). */
export function gather(l: LevelHistory, src: LevelHistory): void {
  const r = l.level.bucketMult / src.level.bucketMult;
  const per = l.level.quantumMs / src.level.quantumMs;
  const from = l.q! * per;
  const to = from + per;
  const evQ = src.evQ.data;
  const evSt = src.evSt.data;
  const evB = src.evB.data;
  const evV = src.evV.data;
  let curQ = NaN;
  let f0 = 0;
  let f1 = 0;
  for (let i = firstFrom(evQ, src.evQ.length, from); i < src.evQ.length; i++) {
    const qe = evQ[i]!;
    if (qe >= to) break;
    if (qe !== curQ) {
      curQ = qe;
      f0 = Math.exp(l.pendingStart[0] - src.logStartOf(qe, 0));
      f1 = Math.exp(l.pendingStart[1] - src.logStartOf(qe, 1));
    }
    const st = evSt[i]!;
    const s = st >= TIER_SLOTS ? 1 : 0;
    l.pending.add(r === 1 ? evB[i]! : Math.floor(evB[i]! / r), s, st - s * TIER_SLOTS, evV[i]! * (s === 0 ? f0 : f1));
  }
  const i0 = firstFrom(src.enQ.data, src.enQ.length, from);
  const i1 = firstFrom(src.enQ.data, src.enQ.length, to);
  if (i1 > i0) gatherEntries(l, src, i0, i1);
}

/**
 * Entries [i0, i1) of src into l.pending. A cell's bucket rises with its entry's price, so each (side, tier) spans the
 * buckets between those of the lowest- and highest-priced entries: sum into a dense grid over those spans, then add
 * each non-zero cell once.
 */
function gatherEntries(l: LevelHistory, src: LevelHistory, i0: number, i1: number): void {
  const tw = src.enMargin.tierWeight;
  const coef = src.enMargin.liqCoef;
  const invB = src.invBucket;
  const nT = tw.length;
  const mult = l.level.bucketMult;
  const enQ = src.enQ.data;
  const enP = src.enP.data;
  const enL = src.enL.data;
  const enS = src.enS.data;
  let iLo = i0;
  let iHi = i0;
  for (let i = i0; i < i1; i++) {
    if (enP[i]! < enP[iLo]!) iLo = i;
    if (enP[i]! > enP[iHi]!) iHi = i;
  }
  let cells = 0;
  for (let s = 0; s < 2; s++)
    for (let k = 0; k < nT; k++) {
      const c = s * TIER_SLOTS + k;
      const a = liqBucket(enP[iLo]! * coef[s]![k]!, invB);
      const z = liqBucket(enP[iHi]! * coef[s]![k]!, invB);
      spanOff[c] = -1;
      if (tw[k] === 0 || a === NO_BUCKET || z === NO_BUCKET) continue;
      spanLb[c] = Math.floor(a / mult);
      spanOff[c] = cells;
      spanLen[c] = Math.max(1, Math.floor(z / mult) - spanLb[c]! + 1);
      cells += spanLen[c]!;
    }
  if (cells > DENSE_MAX) {
    gatherSparse(l, src, i0, i1);
    return;
  }
  if (dense.length < cells) dense = new Float64Array(Math.max(cells, 2 * dense.length));
  const grid = dense;
  // Side USD per entry, normalised to this quantum's start.
  const n = i1 - i0;
  if (vSide.length < 2 * n) vSide = new Float64Array(Math.max(2 * n, 2 * vSide.length));
  const vs = vSide;
  let curQ = NaN;
  let f0 = 0;
  let f1 = 0;
  for (let i = i0; i < i1; i++) {
    const qe = enQ[i]!;
    if (qe !== curQ) {
      curQ = qe;
      f0 = Math.exp(l.pendingStart[0] - src.logStartOf(qe, 0));
      f1 = Math.exp(l.pendingStart[1] - src.logStartOf(qe, 1));
    }
    vs[i - i0] = enL[i]! * f0;
    vs[n + i - i0] = enS[i]! * f1;
  }
  // Tier by tier (each grid cell still sums its entries in entry order).
  let outside = false;
  for (let s = 0; s < 2; s++)
    for (let k = 0, c = s * TIER_SLOTS; k < nT; k++, c++) {
      const off = spanOff[c]!;
      if (off < 0) continue;
      const lb0 = spanLb[c]!;
      const len = spanLen[c]!;
      const w = tw[k]!;
      const ck = coef[s]![k]!;
      for (let i = 0, o = s * n; i < n; i++) {
        const v = vs[o + i]!;
        if (!(v > 0)) continue;
        const b = liqBucket(enP[i0 + i]! * ck, invB);
        if (b === NO_BUCKET) continue;
        const j = (mult === 1 ? b : Math.floor(b / mult)) - lb0;
        if (j >= 0 && j < len) grid[off + j]! += v * w;
        else outside = true;
      }
    }
  if (outside) {
    // Prices and buckets disagree in order (not seen): drop the grid, add cell by cell.
    grid.fill(0, 0, cells);
    gatherSparse(l, src, i0, i1);
    return;
  }
  for (let s = 0; s < 2; s++)
    for (let k = 0, c = s * TIER_SLOTS; k < nT; k++, c++) {
      const off = spanOff[c]!;
      if (off < 0) continue;
      for (let j = off, end = off + spanLen[c]!; j < end; j++) {
        const v = grid[j]!;
        if (v === 0) continue;
        l.pending.add(spanLb[c]! + j - off, s, k, v);
        grid[j] = 0;
      }
    }
}

/** gatherEntries through the pending map (entries spanning too many buckets for a dense grid). */
function gatherSparse(l: LevelHistory, src: LevelHistory, i0: number, i1: number): void {
  forEachEntryCell(src, i0, i1, l.level.bucketMult, (q, st, lb, v) => {
    const s = st >= TIER_SLOTS ? 1 : 0;
    l.pending.add(lb, s, st - s * TIER_SLOTS, v * Math.exp(l.pendingStart[s]! - src.logStartOf(q, s)));
  });
}
