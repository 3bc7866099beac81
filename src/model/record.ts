// Writing the model's history as it steps: pending quantum deltas, quantum flushes, keyframes, retention.
import { gather } from './gather.js';
import { TIER_SLOTS, wantsEntries, type Keyframe, type LevelHistory } from './history.js';
import type { VmState } from './venue-market.js';

/** Below this |USD| a quantum's net change is dropped as float noise. */
const NOISE_USD = 1e-6;

/** Key of a (level bucket, side, tier) in a level's pending map. */
export function historyKey(lb: number, side: number, tier: number): number {
  return lb * (2 * TIER_SLOTS) + side * TIER_SLOTS + tier;
}

export function startHistory(vm: VmState, ts: number): void {
  for (const l of vm.levels) {
    const q = l.quantum(ts);
    l.q = q;
    l.q0 = q;
    l.logStart0 = [vm.logS[0], vm.logS[1]];
    l.pendingStart = [vm.logS[0], vm.logS[1]];
    l.keyframes = [{ q, eventIdx: 0, entryIdx: 0, cellIdx: l.kfDropped + l.kfSt.length, cells: 0 }];
  }
}

/** Record a change of `usd` (at the current survival) to bucket b of side s, tier k, in every level. */
export function recordHistory(vm: VmState, s: number, k: number, b: number, usd: number): void {
  const ls = vm.logS[s]!;
  const levels = vm.levels;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    if (l.source !== null) continue;
    if (l.factorLogS[s] !== ls) {
      l.factorLogS[s] = ls;
      l.factor[s] = Math.exp(l.pendingStart[s]! - ls);
    }
    const mult = l.level.bucketMult;
    l.pending.add(mult === 1 ? b : Math.floor(b / mult), s, k, usd * l.factor[s]!);
  }
}

/** Refresh a level's cached exp(pendingStart − logS) per side for the current survival. */
function refreshFactors(l: LevelHistory, ls0: number, ls1: number): void {
  if (l.factorLogS[0] !== ls0) {
    l.factorLogS[0] = ls0;
    l.factor[0] = Math.exp(l.pendingStart[0] - ls0);
  }
  if (l.factorLogS[1] !== ls1) {
    l.factorLogS[1] = ls1;
    l.factor[1] = Math.exp(l.pendingStart[1] - ls1);
  }
}

/**
 * History of one bar's inflow at the current survival: n entries (price, USD before the side split)
 * at entry-mode levels; elsewhere the cells, cellB/cellX[(i·2 + side)·tiers + tier] (bucket, USD; 0 = none), added
 * per run of equal level bucket. Built levels take theirs from their source when their quantum closes.
 */
export function recordInflow(vm: VmState, n: number, prices: Float64Array, usd: Float64Array, longShare: number, shortShare: number, cellB: Int32Array, cellX: Float64Array): void {
  const levels = vm.levels;
  const nT = vm.tierWeight.length;
  for (let li = 0; li < levels.length; li++) {
    const l = levels[li]!;
    if (l.source !== null) continue;
    refreshFactors(l, vm.logS[0], vm.logS[1]);
    const f0 = l.factor[0];
    const f1 = l.factor[1];
    if (!l.entryMode) {
      l.pending.addRuns(n, nT, cellB, cellX, l.level.bucketMult, f0, f1);
      continue;
    }
    pushEntries(l, n, prices, usd, longShare, shortShare, f0, f1);
  }
}

/** Append a bar's entries with positive USD to l's entry columns (side USD × the side's factor f0/f1). */
function pushEntries(l: LevelHistory, n: number, prices: Float64Array, usd: Float64Array, longShare: number, shortShare: number, f0: number, f1: number): void {
  const q = l.q!;
  l.enQ.reserve(n);
  l.enP.reserve(n);
  l.enL.reserve(n);
  l.enS.reserve(n);
  const eq = l.enQ.data;
  const ep = l.enP.data;
  const el = l.enL.data;
  const es = l.enS.data;
  let m = l.enQ.length;
  for (let i = 0; i < n; i++) {
    const u = usd[i]!;
    if (!(u > 0)) continue;
    eq[m] = q;
    ep[m] = prices[i]!;
    el[m] = u * longShare * f0;
    es[m] = u * shortShare * f1;
    m++;
  }
  l.enQ.length = l.enP.length = l.enL.length = l.enS.length = m;
}

/** Close every level's pending quantum that ends before ts (called before a bar at ts is applied). */
export function advanceHistory(vm: VmState, ts: number): void {
  const levels = vm.levels;
  for (let i = 0; i < levels.length; i++) {
    const l = levels[i]!;
    // Most bars stay in the open quantum: a multiplication tells, before the division that finds the new one.
    if (l.q === null || ts < (l.q + 1) * l.level.quantumMs) continue;
    const q = l.quantum(ts);
    if (q > l.q) flush(vm, l, q);
  }
}

function flush(vm: VmState, l: LevelHistory, next: number): void {
  const q = l.q!;
  if (l.source !== null) gather(l, l.source);
  l.pending.drainInto(q, l.evQ, l.evSt, l.evB, l.evV, NOISE_USD);
  pushQuantum(l, vm, l.pO, l.pH, l.pL, l.pC);
  // Quanta without bars: survival unchanged, no candle.
  for (let qq = q + 1; qq < next; qq++) pushQuantum(l, vm, NaN, NaN, NaN, NaN);
  l.pO = l.pH = l.pL = l.pC = NaN;
  l.pendingStart[0] = vm.logS[0];
  l.pendingStart[1] = vm.logS[1];
  l.factorLogS[0] = NaN;
  l.factorLogS[1] = NaN;
  l.q = next;
  const every = l.level.keyframeEvery;
  const kq = Math.floor(next / every) * every;
  if (kq > q) l.keyframes.push(keyframe(vm, l, kq));
  // Retention is checked when a keyframe may have come due (dropping needs one), not on every flush.
  if (kq > q) retain(l, next);
  // Back to entries once those kept under other margin constants (a restore with changed rules) are gone.
  if (!l.entryMode && l.enQ.length === 0 && wantsEntries(l.level)) {
    l.enMargin = vm;
    l.entryMode = true;
  }
}

function pushQuantum(l: LevelHistory, vm: VmState, o: number, h: number, lo: number, c: number): void {
  l.logEnd[0].push(vm.logS[0]);
  l.logEnd[1].push(vm.logS[1]);
  l.candle[0].push(o);
  l.candle[1].push(h);
  l.candle[2].push(lo);
  l.candle[3].push(c);
}

// Per-tier sums while merging buckets (reused: one keyframe is built at a time).
let kfAcc = new Float64Array(0);

/** The live book merged to the level's buckets, in USD now (= at the start of quantum kq: no bar since), appended to l's keyframe columns. */
function keyframe(vm: VmState, l: LevelHistory, kq: number): Keyframe {
  const mult = l.level.bucketMult;
  const { kfSt, kfB, kfV } = l;
  const start = kfSt.length;
  let n = start;
  for (let s = 0; s < 2; s++) {
    const book = vm.books[s]!;
    if (book.empty) continue;
    const nT = book.tiers;
    // At most one entry per cell (mult 1) or per level bucket and tier.
    kfSt.reserve((book.hi - book.lo + 1) * nT);
    kfB.reserve((book.hi - book.lo + 1) * nT);
    kfV.reserve((book.hi - book.lo + 1) * nT);
    const st = kfSt.data;
    const bs = kfB.data;
    const vs = kfV.data;
    const data = book.data;
    const scale = vm.scale[s]!;
    const st0 = s * TIER_SLOTS;
    const stride = book.rows;
    if (mult === 1) {
      // One cell per level bucket and tier: the merge is the cell itself.
      for (let b = book.lo; b <= book.hi; b++)
        for (let k = 0, i = b - book.base; k < nT; k++, i += stride) {
          const w = data[i]!;
          if (w !== 0) {
            st[n] = st0 + k;
            bs[n] = b;
            vs[n] = w * scale;
            n++;
          }
        }
    } else {
      const acc = kfAcc.length >= nT ? kfAcc : (kfAcc = new Float64Array(nT));
      // Per level bucket (its buckets are consecutive), each tier summed in ascending bucket order.
      let b = book.lo;
      while (b <= book.hi) {
        const lb = Math.floor(b / mult);
        const end = Math.min(book.hi, (lb + 1) * mult - 1);
        for (let k = 0; k < nT; k++) {
          let a = acc[k]!;
          for (let i = k * stride + b - book.base, z = k * stride + end - book.base; i <= z; i++) a += data[i]!;
          acc[k] = a;
        }
        for (let k = 0; k < nT; k++)
          if (acc[k] !== 0) {
            st[n] = st0 + k;
            bs[n] = lb;
            vs[n] = acc[k]! * scale;
            n++;
            acc[k] = 0;
          }
        b = end + 1;
      }
    }
    kfSt.length = kfB.length = kfV.length = n;
  }
  return { q: kq, eventIdx: l.dropped + l.evQ.length, entryIdx: l.enDropped + l.enQ.length, cellIdx: l.kfDropped + start, cells: n - start };
}

/** Drop history older than the level's retention, keeping the keyframe that starts the kept part. */
function retain(l: LevelHistory, now: number): void {
  const r = l.level.retentionMs;
  if (r === null) return;
  const cutoff = now - Math.ceil(r / l.level.quantumMs);
  const ki = l.keyframeAt(cutoff);
  const kf = l.keyframes[ki]!;
  if (ki === 0 || kf.q > cutoff) return;
  const drop = kf.eventIdx - l.dropped;
  const dropEn = kf.entryIdx - l.enDropped;
  // Amortise: compact only when a good share of the arrays goes.
  if (drop * 4 <= l.evQ.length && dropEn * 4 <= l.enQ.length && (kf.q - l.q0) * 4 <= l.logEnd[0].length) return;
  const logStart: [number, number] = [l.logStartOf(kf.q, 0), l.logStartOf(kf.q, 1)];
  for (const a of [l.evQ, l.evSt, l.evB]) a.shift(drop);
  l.evV.shift(drop);
  l.dropped += drop;
  l.enQ.shift(dropEn);
  for (const a of [l.enP, l.enL, l.enS]) a.shift(dropEn);
  l.enDropped += dropEn;
  const dropKf = kf.cellIdx - l.kfDropped;
  for (const a of [l.kfSt, l.kfB]) a.shift(dropKf);
  l.kfV.shift(dropKf);
  l.kfDropped += dropKf;
  const dq = kf.q - l.q0;
  for (const a of [...l.logEnd, ...l.candle]) a.shift(dq);
  l.q0 = kf.q;
  l.logStart0 = logStart;
  l.keyframes = l.keyframes.slice(ki);
}
