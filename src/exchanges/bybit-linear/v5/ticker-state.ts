// tickers.{symbol} is snapshot + partial deltas: "If a response param is not found in the message,
// then its value has not changed" (bybit.md §2.3, doc ticker.mdx). One TickerState per symbol keeps
// the merged fields we use; absent, null and "" fields leave the state unchanged (as tardis does).
import { checkMs, FrameError, toNum, type Json, type JsonObject } from '../../../core/fields.js';
import { quickNum } from '../../../core/numbers.js';

/** Bits of merge()'s result: which groups of fields a message changed. */
export const MARK_CHANGED = 1;
export const OI_CHANGED = 2;

/** The raw values merge() reads, from a JSON object (tickerFields) or the scanner path. */
export interface TickerFields {
  readonly markPrice: Json | undefined;
  readonly indexPrice: Json | undefined;
  readonly fundingRate: Json | undefined;
  readonly nextFundingTime: Json | undefined;
  readonly openInterest: Json | undefined;
  readonly singleOpenInterest: Json | undefined;
}

export function tickerFields(d: JsonObject): TickerFields {
  return {
    markPrice: d['markPrice'],
    indexPrice: d['indexPrice'],
    fundingRate: d['fundingRate'],
    nextFundingTime: d['nextFundingTime'],
    openInterest: d['openInterest'],
    singleOpenInterest: d['singleOpenInterest'],
  };
}

function field(v: Json | undefined, key: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  // quickNum is toNum's value or NaN, so the path string is built only when toNum is to throw.
  const n = quickNum(v);
  return n === n ? n : toNum(v, `data.${key}`);
}

function positiveField(v: Json | undefined, key: string): number | undefined {
  const n = field(v, key);
  if (n !== undefined && !(n > 0)) throw new FrameError(`data.${key}`, `expected > 0, got ${n}`);
  return n;
}

function nonNegativeField(v: Json | undefined, key: string): number | undefined {
  const n = field(v, key);
  if (n !== undefined && n < 0) throw new FrameError(`data.${key}`, `expected >= 0, got ${n}`);
  return n;
}

export class TickerState {
  markPrice: number | undefined;
  indexPrice: number | undefined;
  fundingRate: number | undefined;
  nextFundingTs: number | undefined;
  /** `openInterest`: both sides since Bybit's 2026-06 change, one side before it. */
  openInterest: number | undefined;
  /** `singleOpenInterest`: one side (added 2026-06-11, bybit.md §2.3). */
  singleOpenInterest: number | undefined;
  /** OI changed while no mark price was known to value it. */
  oiPending = false;

  /** Merge the fields present in `d`; all are validated before any is applied. */
  merge(d: TickerFields): number {
    const mark = positiveField(d.markPrice, 'markPrice');
    const index = positiveField(d.indexPrice, 'indexPrice');
    const funding = field(d.fundingRate, 'fundingRate');
    const nextRaw = field(d.nextFundingTime, 'nextFundingTime');
    // "0" (or "" on dated futures) means no funding schedule.
    const next = nextRaw === undefined || nextRaw === 0 ? undefined : checkMs(nextRaw, 'data.nextFundingTime');
    const oi = nonNegativeField(d.openInterest, 'openInterest');
    const single = nonNegativeField(d.singleOpenInterest, 'singleOpenInterest');
    if (mark !== undefined) this.markPrice = mark;
    if (index !== undefined) this.indexPrice = index;
    if (funding !== undefined) this.fundingRate = funding;
    if (next !== undefined) this.nextFundingTs = next;
    if (oi !== undefined) this.openInterest = oi;
    if (single !== undefined) this.singleOpenInterest = single;
    const markChanged = mark !== undefined || index !== undefined || funding !== undefined || next !== undefined;
    return (markChanged ? MARK_CHANGED : 0) | (oi !== undefined || single !== undefined ? OI_CHANGED : 0);
  }

  /**
   * One-sided open interest in venue size units. Rule: `singleOpenInterest` when Bybit sends it
   * (frames since 2026-06-11, where `openInterest` counts both sides: the real capture of
   * 2026-08-09 has openInterest 59891.732 = 2 × singleOpenInterest 29945.866); otherwise
   * `openInterest`, which was one-sided in every frame older than that change.
   */
  oneSidedOi(): number | undefined {
    return this.singleOpenInterest ?? this.openInterest;
  }
}
