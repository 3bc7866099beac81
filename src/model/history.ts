// Kept history of one venue-market at one resolution: net weight changes per (quantum, side·tier, price bucket),
// periodic keyframes of the whole book, the log-survival of each side and candles per quantum. Fine levels keep
// the bars' inflow as entries (price, long USD, short USD), expanded into cells by their readers, instead of one
// change per cell: one bar adds to entries × sides × tiers cells, which is the bulk of what history would write.
// A cell's bucket is worked out again from the entry price when read (liqBucket), the same arithmetic as the book's.
// Coarser levels may be built from a finer one as their quanta close (gather.ts).
// Event and entry values are USD normalised to the log-survival at the start of their quantum: the notional they
// stand for at time t is v · exp(logS(t) − logStart(q)).
import { F64, I32 } from './growable.js';
import { Pending } from './pending.js';
import type { HistoryLevel } from './types.js';

import { TIER_SLOTS } from './history-key.js';

export { TIER_SLOTS };

/** Levels with quanta up to this keep inflow as entries (one 1-min bar per quantum: merging cells gains nothing). */
export const ENTRY_QUANTUM_MAX_MS = 60_000;

/** What entries expand with: a cell's liquidation price is the entry price × liqCoef[side][tier], its USD the entry's side USD × its tier weight. */
export interface EntryMargin {
  readonly tierWeight: Float64Array;
  readonly liqCoef: readonly [Float64Array, Float64Array];
}

/** Bucket of a liquidation price that is not a positive finite number, or whose bucket is not below BUCKET_LIMIT. */
export const NO_BUCKET = -1;
/** Buckets are kept as int32: a liquidation price whose bucket reaches this has none. */
export const BUCKET_LIMIT = 2 ** 31 - 1;

/** Base bucket of a liquidation price given 1 / bucketUsd (NO_BUCKET: none). The book and every reader of entries use this one. */
export function liqBucket(liq: number, invBucket: number): number {
  const bf = liq * invBucket;
  return liq > 0 && bf < BUCKET_LIMIT ? Math.floor(bf) : NO_BUCKET;
}

export interface Keyframe {
  /** Quantum whose start the frame describes. */
  readonly q: number;
  /** Index of the first event at or after q (absolute, see LevelHistory.dropped). */
  readonly eventIdx: number;
  /** Index of the first entry at or after q (absolute, see LevelHistory.enDropped). */
  readonly entryIdx: number;
  /** Index of its first cell in the level's keyframe columns (absolute, see LevelHistory.kfDropped). */
  readonly cellIdx: number;
  /** Number of cells: the book's non-zero (side·tier, level bucket) at the start of q. */
  readonly cells: number;
}

/** A keyframe's cells: side·tier, level bucket and USD at the start of its quantum. */
export interface KeyframeCells {
  readonly st: Int32Array;
  readonly b: Int32Array;
  readonly v: Float64Array;
}

export class LevelHistory {
  /** Current (pending) quantum, or null before the first bar. */
  q: number | null = null;
  /** First quantum of the series below. */
  q0 = 0;
  /** Per quantum since q0: log-survival at the quantum's end, per side. */
  logEnd: [F64, F64] = [new F64(), new F64()];
  /** Per quantum since q0: candle of the reference prices (NaN when empty). */
  candle: [F64, F64, F64, F64] = [new F64(), new F64(), new F64(), new F64()];
  /** Log-survival at the start of q0, per side. */
  logStart0: [number, number] = [0, 0];
  /** Events, ordered by quantum. */
  evQ = new I32();
  evSt = new I32();
  evB = new I32();
  evV = new F64();
  /** Events dropped off the front by retention (keeps keyframe indices absolute). */
  dropped = 0;
  /** Inflow entries, ordered by quantum: each stands for one cell per side and tier. */
  enQ = new I32();
  enP = new F64();
  /** Long and short USD of the entry; a cell gets this × the tier weight. */
  enL = new F64();
  enS = new F64();
  /** Entries dropped off the front by retention. */
  enDropped = 0;
  /** True while new inflow is kept as entries (false: as cells, e.g. after tier weights changed on restore). */
  entryMode: boolean;
  /** The tier weights and liquidation coefficients the kept entries expand with. */
  enMargin: EntryMargin;
  /** 1 / params.bucketUsd: entries' cells are bucketed as the book buckets them (liqBucket). */
  readonly invBucket: number;
  /**
   * A finer level this one is built from when its quanta close (null: recorded bar by bar). Its pending stays
   * empty: the open quantum is read from the source (see forEachPending).
   */
  source: LevelHistory | null = null;
  keyframes: Keyframe[] = [];
  /**
   * Cells of the keyframes, one after another. Columns rather than arrays per keyframe: retention shifts them
   * in place, so new keyframes land in memory already in use instead of fresh allocations.
   */
  kfSt = new I32();
  kfB = new I32();
  kfV = new F64();
  /** Keyframe cells dropped off the front by retention. */
  kfDropped = 0;
  /** Net change of the pending quantum per (level bucket, side, tier), normalised to its start. */
  pending: Pending;
  /** Log-survival at the start of the pending quantum, per side. */
  pendingStart: [number, number] = [0, 0];
  /** Candle of the pending quantum. */
  pO = NaN;
  pH = NaN;
  pL = NaN;
  pC = NaN;

  /** Cached exp(pendingStart − logS) per side and the logS it was computed for. */
  factor: [number, number] = [1, 1];
  factorLogS: [number, number] = [NaN, NaN];

  constructor(
    readonly level: HistoryLevel,
    tiers: number,
    margin: EntryMargin,
    bucketUsd: number,
  ) {
    this.pending = new Pending(tiers);
    this.entryMode = wantsEntries(level);
    this.enMargin = margin;
    this.invBucket = 1 / bucketUsd;
  }

  /** Quantum index of a time. */
  quantum(ts: number): number {
    return Math.floor(ts / this.level.quantumMs);
  }

  /** Log-survival at the start of quantum q (q0 ≤ q ≤ current), per side. */
  logStartOf(q: number, side: number): number {
    if (q <= this.q0) return this.logStart0[side]!;
    const i = q - 1 - this.q0;
    const arr = this.logEnd[side]!;
    if (i < arr.length) return arr.data[i]!;
    return this.pendingStart[side]!;
  }

  /** Log-survival at the end of quantum q, given the live value for the pending quantum. */
  logEndOf(q: number, side: number, live: number): number {
    if (q < this.q0) return this.logStart0[side]!;
    const i = q - this.q0;
    const arr = this.logEnd[side]!;
    if (i < arr.length) return arr.data[i]!;
    return live;
  }

  /** The cells of keyframe k, as views of the columns (valid until the level next records). */
  keyframeCells(k: Keyframe): KeyframeCells {
    const o = k.cellIdx - this.kfDropped;
    const z = o + k.cells;
    return { st: this.kfSt.data.subarray(o, z), b: this.kfB.data.subarray(o, z), v: this.kfV.data.subarray(o, z) };
  }

  /** Index of the last keyframe at or before quantum q (0 if none so late). */
  keyframeAt(q: number): number {
    const k = this.keyframes;
    let lo = 0;
    let hi = k.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (k[mid]!.q <= q) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** First quantum this level can reconstruct. */
  firstQ(): number {
    return this.keyframes[0]?.q ?? this.q0;
  }

  candleBar(open: number, high: number, low: number, close: number): void {
    if (Number.isNaN(this.pO)) {
      this.pO = open;
      this.pH = high;
      this.pL = low;
    } else {
      if (high > this.pH) this.pH = high;
      if (low < this.pL) this.pL = low;
    }
    this.pC = close;
  }
}

/** Whether a level keeps inflow as entries when it can. */
export function wantsEntries(level: HistoryLevel): boolean {
  return level.quantumMs <= ENTRY_QUANTUM_MAX_MS;
}
