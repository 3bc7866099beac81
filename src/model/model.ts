// The cohort model (DESIGN §3): bars in, cohorts per venue-market × side × tier × liquidation bucket, swept
// cohorts out as predicted liquidations. Pure and deterministic: same bars + params ⇒ same state and bytes.
import type { Bar } from '../bars/bar.js';
import { recordHistory, recordInflow, startHistory, advanceHistory } from './record.js';
import { BUCKET_LIMIT, liqBucket, NO_BUCKET, TIER_SLOTS } from './history.js';
import { newVm, type VmState } from './venue-market.js';
import type { FlagReason, ModelParams, ModelStats, PredictedLiquidation, RulesLookup, SkipReason } from './types.js';
import { validateParams } from './params.js';

const LN2 = Math.log(2);
/** Rebase a side's weights when its scale falls below this (keeps weights in range). */
const REBASE_BELOW = 1e-60;
/** A bar whose high or low is beyond this factor of the venue-market's previous close, within the window, is an outlier. */
const OUTLIER_RATIO = 4;
const OUTLIER_WINDOW_MS = 7 * 86_400_000;
/** A venue-market with fewer accepted bars than this has a young reference price: outliers can replace it. */
export const YOUNG_BARS = 10;
/** Outliers in a row, each within OUTLIER_RATIO of the one before, that replace a young reference. */
const REANCHOR_RUN = 5;
/** Largest fraction of a book one close may remove (keeps log-survival finite). */
const MAX_CLOSE = 1 - 1e-9;

export interface Counters {
  barsAccepted: number;
  skipped: Record<SkipReason, number>;
  flagged: Record<FlagReason, number>;
  /**
   * USD entered, liquidated and closed per venue-market ([3·i, 3·i+1, 3·i+2] for vms[i]). Kept per
   * venue-market and summed in a fixed order so that float totals, and so checkpoint bytes, do not
   * depend on how the bars of different venue-markets interleave.
   */
  vmUsd: number[];
}

const ENTERED = 0;
const LIQUIDATED = 1;
const CLOSED = 2;

export function newCounters(): Counters {
  return {
    barsAccepted: 0,
    skipped: { invalid: 0, duplicate: 0, outOfOrder: 0, unknownVenue: 0, outlier: 0 },
    flagged: { gap: 0, gapFlag: 0, oiMissing: 0, reanchored: 0 },
    vmUsd: [],
  };
}

const finitePos = (p: number): boolean => p > 0 && p < Infinity;
const finiteNonNeg = (v: number): boolean => v >= 0 && v < Infinity;
const optNonNeg = (v: number | null): boolean => v === null || finiteNonNeg(v);
const optPos = (v: number | null): boolean => v === null || finitePos(v);
/** Whether the bar's high or low is beyond ×OUTLIER_RATIO or ÷OUTLIER_RATIO of ref. */
const outside = (b: Bar, ref: number): boolean => b.high > OUTLIER_RATIO * ref || b.low * OUTLIER_RATIO < ref;

/** True when a bar cannot enter the model (NaN, non-positive price, inconsistent OHLC, negative OI or volume). */
export function invalidBar(b: Bar): boolean {
  if (!(finitePos(b.open) && finitePos(b.high) && finitePos(b.low) && finitePos(b.close) && finitePos(b.vwap))) return true;
  if (b.high < b.low || b.open > b.high || b.open < b.low || b.close > b.high || b.close < b.low) return true;
  if (!(Number.isFinite(b.ts) && finitePos(b.durationMs))) return true;
  if (!(finiteNonNeg(b.buyVolume) && finiteNonNeg(b.sellVolume))) return true;
  if (!(optNonNeg(b.oiBtc) && optNonNeg(b.oiUsd) && optPos(b.markHigh) && optPos(b.markLow))) return true;
  if (b.markHigh !== null && b.markLow !== null && b.markHigh < b.markLow) return true;
  return !(finiteNonNeg(b.liqLongBtc) && finiteNonNeg(b.liqLongUsd) && finiteNonNeg(b.liqShortBtc) && finiteNonNeg(b.liqShortUsd));
}

export class LiqModel {
  readonly vms: VmState[] = [];
  /** venue → market → index into vms. */
  private readonly index = new Map<string, Map<string, number>>();
  readonly counters: Counters;
  /** Skip reason of the last step, or null when it was accepted. */
  lastSkip: SkipReason | null = null;

  constructor(
    readonly params: ModelParams,
    readonly rules: RulesLookup,
    counters?: Counters,
  ) {
    validateParams(params);
    this.counters = counters ?? newCounters();
    const slices = Math.max(1, params.rangeSlices);
    const cap = slices * 2 * params.tiers.length;
    this.rangePrices = new Float64Array(slices);
    this.rangeWeights = new Float64Array(slices);
    this.entryUsd = new Float64Array(slices);
    this.cellB = new Int32Array(cap);
    this.cellX = new Float64Array(cap);
  }

  /** Feed one closed bar; returns the cohorts it swept. Bad bars are skipped and counted, never applied. */
  step(bar: Bar): PredictedLiquidation[] {
    const out: PredictedLiquidation[] = [];
    this.lastSkip = this.check(bar);
    if (this.lastSkip) {
      this.counters.skipped[this.lastSkip]++;
      return out;
    }
    const vm = this.checkedVm!;
    const c = this.counters;
    c.barsAccepted++;
    let oiUsable = true;
    if (vm.lastTs === null) startHistory(vm, bar.ts);
    else {
      if (bar.ts > vm.lastTs + vm.lastDurationMs) {
        c.flagged.gap++;
        oiUsable = false;
      }
      advanceHistory(vm, bar.ts);
      this.decay(vm, bar.ts - vm.lastTs);
    }
    if (this.reanchor) {
      c.flagged.reanchored++;
      oiUsable = false;
      this.closeAll(vm);
      vm.accepted = 0;
    }
    vm.outlierRun = 0;
    vm.outlierClose = NaN;
    if (vm.accepted < YOUNG_BARS) vm.accepted++;
    if (bar.gap) {
      c.flagged.gapFlag++;
      oiUsable = false;
    }

    const predictedBtc = this.sweep(vm, bar, out);

    const oiBtc = bar.oiBtc ?? (bar.oiUsd !== null ? bar.oiUsd / bar.close : null);
    if (oiBtc === null) c.flagged.oiMissing++;
    const prevOi = oiUsable ? vm.lastOiBtc : null;
    const dOi = oiBtc !== null && prevOi !== null ? oiBtc - prevOi : 0;
    if (dOi < 0 && prevOi !== null && prevOi > 0) {
      const realBtc = bar.liqLongUsd + bar.liqShortUsd > 0 ? bar.liqLongBtc + bar.liqShortBtc : predictedBtc;
      const closedBtc = Math.max(0, -dOi - realBtc);
      if (closedBtc > 0) this.close(vm, bar, closedBtc / prevOi);
    }
    this.inflow(vm, bar, Math.max(0, dOi));

    for (const l of vm.levels) l.candleBar(bar.open, bar.high, bar.low, bar.close);
    vm.lastTs = bar.ts;
    vm.lastDurationMs = bar.durationMs;
    vm.lastOiBtc = oiBtc;
    vm.lastClose = bar.close;
    return out;
  }

  stats(): ModelStats {
    let alive = 0;
    let cohorts = 0;
    for (const vm of this.vms)
      for (let s = 0; s < 2; s++) {
        const book = vm.books[s]!;
        let w = 0;
        book.forEach((_b, _k, v) => {
          w += v;
          cohorts++;
        });
        alive += w * vm.scale[s]!;
      }
    const c = this.counters;
    const sum = (k: number): number => {
      let t = 0;
      for (let i = k; i < c.vmUsd.length; i += 3) t += c.vmUsd[i]!;
      return t;
    };
    return {
      barsAccepted: c.barsAccepted,
      skipped: { ...c.skipped },
      flagged: { ...c.flagged },
      enteredUsd: sum(ENTERED),
      liquidatedUsd: sum(LIQUIDATED),
      closedUsd: sum(CLOSED),
      aliveUsd: alive,
      cohorts,
    };
  }

  /** Time of the newest accepted bar's end, ms (null before any). */
  latestTs(): number | null {
    let t: number | null = null;
    for (const vm of this.vms) if (vm.lastTs !== null && (t === null || vm.lastTs + vm.lastDurationMs > t)) t = vm.lastTs + vm.lastDurationMs;
    return t;
  }

  /** Register a venue-market in restore order (used by checkpoints). */
  adoptVm(vm: VmState): void {
    let byMarket = this.index.get(vm.venue);
    if (!byMarket) this.index.set(vm.venue, (byMarket = new Map()));
    byMarket.set(vm.market, this.vms.length);
    this.vms.push(vm);
  }

  /** The venue-market of the bar check() last accepted. */
  private checkedVm: VmState | null = null;
  /** Whether the bar check() last accepted replaces the reference price (the book is closed first). */
  private reanchor = false;

  /** Why a bar is skipped (null: accepted, its venue-market in checkedVm, reanchor set). Counts runs of outliers. */
  private check(bar: Bar): SkipReason | null {
    this.reanchor = false;
    if (invalidBar(bar)) return 'invalid';
    let vm: VmState | undefined;
    try {
      vm = this.vmFor(bar);
    } catch {
      return 'unknownVenue';
    }
    if (!vm) return 'unknownVenue';
    this.checkedVm = vm;
    if (vm.lastTs !== null) {
      if (bar.ts === vm.lastTs) return 'duplicate';
      if (bar.ts < vm.lastTs) return 'outOfOrder';
      if (outside(bar, vm.lastClose)) {
        // A week-old reference is replaced at once; a young one after a run of outliers that agree with each other.
        if (bar.ts - vm.lastTs >= OUTLIER_WINDOW_MS) this.reanchor = true;
        else {
          const run = vm.outlierRun > 0 && !outside(bar, vm.outlierClose) ? vm.outlierRun + 1 : 1;
          if (vm.accepted >= YOUNG_BARS || run < REANCHOR_RUN) {
            vm.outlierRun = run;
            vm.outlierClose = bar.close;
            return 'outlier';
          }
          this.reanchor = true;
        }
      }
    }
    return null;
  }

  /** Close every cohort of vm (its book was built on a price now replaced), recording the change in history. */
  private closeAll(vm: VmState): void {
    this.swVm = vm;
    for (let s = 0; s < 2; s++) {
      const book = vm.books[s]!;
      if (book.empty) continue;
      this.swSide = s;
      book.takeFrom(book.lo, this.onClosed);
    }
    this.swVm = null;
  }

  private readonly onClosed = (b: number, k: number, w: number): void => {
    const vm = this.swVm!;
    const usd = w * vm.scale[this.swSide]!;
    this.addUsd(vm, CLOSED, usd);
    recordHistory(vm, this.swSide, k, b, -usd);
  };

  private vmFor(bar: Bar): VmState | undefined {
    const i = this.index.get(bar.venue)?.get(bar.market);
    if (i !== undefined) return this.vms[i];
    const vm = newVm(this.params, this.rules, bar.venue, bar.market);
    this.adoptVm(vm);
    return vm;
  }

  private decay(vm: VmState, dtMs: number): void {
    const h = this.params.halfLifeMs;
    if (h === null || dtMs <= 0) return;
    const lf = (-LN2 * dtMs) / h;
    const f = Math.exp(lf);
    for (let s = 0; s < 2; s++) {
      this.addUsd(vm, CLOSED, vm.books[s]!.total * vm.scale[s]! * (1 - f));
      this.shrink(vm, s, f, lf);
    }
  }

  /** Multiply side s by f (log lf) in O(1). */
  private shrink(vm: VmState, s: number, f: number, lf: number): void {
    vm.scale[s]! *= f;
    vm.logS[s]! += lf;
    if (vm.scale[s]! < REBASE_BELOW) {
      vm.books[s]!.scale(vm.scale[s]!);
      vm.scale[s] = 1;
    }
  }

  // Sweep state for the callback below (kept in fields so a sweep allocates no closure).
  private swVm: VmState | null = null;
  private swBar: Bar | null = null;
  private swSide = 0;
  private swBtc = 0;
  private swOut: PredictedLiquidation[] = [];
  private readonly onSwept = (b: number, k: number, w: number): void => {
    const vm = this.swVm!;
    const s = this.swSide;
    const usd = w * vm.scale[s]!;
    const price = (b + 0.5) * this.params.bucketUsd;
    this.swBtc += usd / price;
    this.addUsd(vm, LIQUIDATED, usd);
    recordHistory(vm, s, k, b, -usd);
    this.swOut.push({ ts: this.swBar!.ts, venue: vm.venue, market: vm.market, side: s === 0 ? 'long' : 'short', leverage: this.params.tiers[k]!.leverage, price, notionalUsd: usd });
  };

  /** Remove swept cohorts of both sides; returns the swept BTC. */
  private sweep(vm: VmState, bar: Bar, out: PredictedLiquidation[]): number {
    const P = this.params.bucketUsd;
    const useMark = this.params.useMarkPrice;
    const low = useMark && bar.markLow !== null ? bar.markLow : bar.low;
    const high = useMark && bar.markHigh !== null ? bar.markHigh : bar.high;
    this.swVm = vm;
    this.swBar = bar;
    this.swOut = out;
    this.swBtc = 0;
    // A bucket is reached when the extreme crosses its centre.
    this.swSide = 0;
    vm.books[0].takeFrom(Math.ceil(low / P - 0.5), this.onSwept);
    this.swSide = 1;
    vm.books[1].takeTo(Math.floor(high / P - 0.5), this.onSwept);
    this.swVm = null;
    this.swBar = null;
    return this.swBtc;
  }

  private close(vm: VmState, bar: Bar, f: number): void {
    let fLong = f;
    let fShort = f;
    const B = bar.buyVolume;
    const S = bar.sellVolume;
    if (this.params.close === 'taker' && B + S > 0) {
      // Longs close by selling, shorts by buying: weight the close towards the side the taker flow shows.
      fLong = (2 * f * S) / (B + S);
      fShort = (2 * f * B) / (B + S);
    }
    for (let s = 0; s < 2; s++) {
      const fs = Math.min(MAX_CLOSE, s === 0 ? fLong : fShort);
      if (fs <= 0) continue;
      this.addUsd(vm, CLOSED, vm.books[s]!.total * vm.scale[s]! * fs);
      this.shrink(vm, s, 1 - fs, Math.log1p(-fs));
    }
  }

  private inflow(vm: VmState, bar: Bar, dOiBtc: number): void {
    const p = this.params;
    const B = bar.buyVolume;
    const S = bar.sellVolume;
    const n =
      p.inflow.oi * dOiBtc * bar.vwap +
      p.inflow.volume * p.volumeShare * (B + S) * bar.vwap +
      (p.inflow.constant * constantPerHour(p, bar) * bar.durationMs) / 3_600_000;
    if (!(n > 0)) return;
    let longShare = 1;
    let shortShare = 1;
    if (p.sideSplit === 'taker') {
      longShare = B + S > 0 ? B / (B + S) : 0.5;
      shortShare = 1 - longShare;
    }
    const vmi = this.vmIndex(vm);
    let cnt = 1;
    if (p.entry === 'vwap') {
      this.rangePrices[0] = bar.vwap;
      this.entryUsd[0] = n;
    } else {
      cnt = rangeEntriesInto(bar.low, bar.high, bar.vwap, p.rangeSlices, this.rangePrices, this.rangeWeights);
      for (let i = 0; i < cnt; i++) this.entryUsd[i] = n * this.rangeWeights[i]!;
    }
    this.enter(vm, vmi, cnt, longShare, shortShare);
    recordInflow(vm, cnt, this.rangePrices, this.entryUsd, longShare, shortShare, this.cellB, this.cellX);
  }

  // Scratch for one bar's entries: prices, weights and USD per entry, and their cells, indexed
  // (entry · 2 + side) · tiers + tier (bucket or NO_BUCKET; USD added, 0 where nothing was).
  private readonly rangePrices: Float64Array;
  private readonly rangeWeights: Float64Array;
  private readonly entryUsd: Float64Array;
  private readonly cellB: Int32Array;
  private readonly cellX: Float64Array;

  /** The bar's n entries (rangePrices, entryUsd) into cellB/cellX, then into both books. */
  private enter(vm: VmState, vmi: number, n: number, longShare: number, shortShare: number): void {
    const invP = 1 / this.params.bucketUsd;
    const nT = this.params.tiers.length;
    const tw = vm.tierWeight;
    const cellB = this.cellB;
    const cellX = this.cellX;
    let entered = 0;
    for (let s = 0; s < 2; s++) {
      const share = s === 0 ? longShare : shortShare;
      const coef = vm.liqCoef[s]!;
      // Bucket bounds of the cells this side adds to.
      let lo = BUCKET_LIMIT;
      let hi = -1;
      for (let i = 0; i < n; i++) {
        const entry = this.rangePrices[i]!;
        const sideUsd = this.entryUsd[i]! * share;
        const add = sideUsd > 0;
        const row = (i * 2 + s) * nT;
        // Every cell's bucket is kept (cell-mode history reads them), whether or not this bar adds to it.
        for (let k = 0; k < nT; k++) {
          const b = liqBucket(entry * coef[k]!, invP);
          cellB[row + k] = b;
          const x = add && b !== NO_BUCKET ? sideUsd * tw[k]! : 0;
          cellX[row + k] = x;
          if (x !== 0) {
            entered += x;
            if (b < lo) lo = b;
            if (b > hi) hi = b;
          }
        }
      }
      if (lo <= hi) vm.books[s]!.addCells(n, s, cellB, cellX, 1 / vm.scale[s]!, lo, hi);
    }
    this.addUsdAt(vmi, ENTERED, entered);
  }

  private addUsd(vm: VmState, what: number, usd: number): void {
    this.addUsdAt(this.vmIndex(vm), what, usd);
  }

  private addUsdAt(vmi: number, what: number, usd: number): void {
    const i = 3 * vmi + what;
    const a = this.counters.vmUsd;
    while (a.length <= i) a.push(0);
    a[i]! += usd;
  }

  /** Index of vm in vms (the last one looked up is cached: a step looks up the same vm repeatedly). */
  private vmIndex(vm: VmState): number {
    if (this.vms[this.lastVmi] !== vm) this.lastVmi = this.vms.indexOf(vm);
    return this.lastVmi;
  }
  private lastVmi = 0;
}

/** Entry prices spread over low..high with a triangular weight peaked at the VWAP (a stand-in for the volume profile). */
/** The `constant` inflow rate of a bar, USD per hour: a share of its OI when known, else fixed. */
export function constantPerHour(p: ModelParams, bar: Bar): number {
  return p.constantOiShare !== null && bar.oiUsd !== null && bar.oiUsd > 0 ? p.constantOiShare * bar.oiUsd : p.constantUsdPerHour;
}

export function rangeEntries(low: number, high: number, vwap: number, slices: number): { prices: number[]; weights: number[] } {
  if (!(high > low)) return { prices: [vwap], weights: [1] };
  const prices: number[] = [];
  const weights: number[] = [];
  const reach = Math.max(vwap - low, high - vwap);
  let sum = 0;
  for (let i = 0; i < slices; i++) {
    const price = low + ((high - low) * i) / (slices - 1);
    const w = Math.max(1 - Math.abs(price - vwap) / reach, 1 / slices);
    prices.push(price);
    weights.push(w);
    sum += w;
  }
  for (let i = 0; i < slices; i++) weights[i] = weights[i]! / sum;
  return { prices, weights };
}

/** rangeEntries into caller-owned arrays (same arithmetic, no allocation); returns the number of entries. */
export function rangeEntriesInto(low: number, high: number, vwap: number, slices: number, prices: Float64Array, weights: Float64Array): number {
  if (!(high > low)) {
    prices[0] = vwap;
    weights[0] = 1;
    return 1;
  }
  const reach = Math.max(vwap - low, high - vwap);
  let sum = 0;
  for (let i = 0; i < slices; i++) {
    const price = low + ((high - low) * i) / (slices - 1);
    const w = Math.max(1 - Math.abs(price - vwap) / reach, 1 / slices);
    prices[i] = price;
    weights[i] = w;
    sum += w;
  }
  for (let i = 0; i < slices; i++) weights[i] = weights[i]! / sum;
  return slices;
}

export { TIER_SLOTS };
