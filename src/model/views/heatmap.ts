// Heatmap grid (DESIGN §3): alive liquidation notional per (time column, price row), rasterised with difference
// arrays so the cost is O(events in the window + cols·rows), not O(cohorts·cols). Each venue-market side is
// accumulated in survival-normalised units, then prefix-summed along time and scaled by its survival per column.
// Deposits go to "units": rows when a level bucket is no taller than a row (a bucket goes whole to the row of its
// centre), else the level's buckets themselves, spread over the rows they overlap once, after every venue-market is
// summed (the time sum and the row spread are both linear, so their order does not change the result). Grids are
// column-major: a quantum's deposits all land in one column, so they stay in cache.
import { liqBucket, NO_BUCKET, TIER_SLOTS, type LevelHistory } from '../history.js';
import { forEachPending } from '../history-read.js';
import type { LiqModel } from '../model.js';
import type { Candle, HeatmapGrid, HeatmapQuery } from '../types.js';
import type { VmState } from '../venue-market.js';
import { selectedVms, sideTierMask } from './filter.js';
import { chooseLevel, closeAt } from './level.js';
import { spreadTable, type SpreadTable } from './spread.js';

/** Cells below this are float residue of cancelled cohorts, USD. */
const MIN_USD = 1e-6;

export function heatmap(model: LiqModel, q: HeatmapQuery): HeatmapGrid {
  const { from, to, priceLo, priceHi, cols, rows } = q;
  if (!(Number.isFinite(from) && Number.isFinite(to) && to > from)) throw new RangeError(`heatmap window must have to > from (got ${from}..${to})`);
  if (!(Number.isFinite(priceLo) && Number.isFinite(priceHi) && priceHi > priceLo && priceLo >= 0)) throw new RangeError(`heatmap price range must have priceHi > priceLo ≥ 0`);
  if (!(Number.isInteger(cols) && cols > 0 && Number.isInteger(rows) && rows > 0)) throw new RangeError('heatmap cols and rows must be positive integers');
  const dt = (to - from) / cols;
  const h = (priceHi - priceLo) / rows;
  const vms = selectedVms(model, q);
  const mask = sideTierMask(model, q);
  const li = vms.length > 0 ? chooseLevel(model, vms, from, dt, h) : 0;
  const level = model.params.history[li]!;
  const P = model.params.bucketUsd * level.bucketMult;
  const narrow = P <= h;
  const r0 = (0.5 * P - priceLo) / h;
  const rPer = P / h;
  const table = narrow ? null : spreadTable(rows, r0 - 0.5 * rPer, rPer);
  const units = table ? table.n : rows;
  const shared = model.params.close === 'proportional';
  const x: Raster = {
    from,
    to,
    dt,
    cols,
    mask,
    narrow,
    r0,
    rPer,
    lb0: table ? table.lb0 : 0,
    units,
    scratch: new Float64Array((shared ? 1 : 2) * units * cols),
    sideS: shared ? 0 : 1,
    lo: [units, units],
    hi: [-1, -1],
    acc: new Float64Array(units),
    filtered: model.params.tiers.some((_t, k) => !mask[k] || !mask[TIER_SLOTS + k]),
    sum: new Float64Array(units * cols),
    sumLo: units,
    sumHi: -1,
  };
  for (const vm of vms) rasterVm(vm, vm.levels[li]!, x);
  const out = table ? spreadRows(x, table, rows) : transpose(x.sum, cols, rows);

  const cells: Float64Array[] = [];
  for (let r = 0; r < rows; r++) cells.push(out.subarray(r * cols, (r + 1) * cols));
  const times = Array.from({ length: cols }, (_, c) => Math.round(from + c * dt));
  const prices = Array.from({ length: rows }, (_, r) => priceLo + (r + 0.5) * h);
  const ref = vms[0]?.levels[li];
  const candles = ref ? columnCandles(ref, from, to, dt, cols, times) : new Array<Candle | null>(cols).fill(null);
  const price = ref ? closeAt(ref, ref.quantum(to - 1)) : NaN;
  return {
    times,
    prices,
    cells,
    candles,
    price: Number.isNaN(price) ? null : price,
    resolution: { quantumMs: level.quantumMs, bucketUsd: P },
  };
}

interface Raster {
  readonly from: number;
  readonly to: number;
  readonly dt: number;
  readonly cols: number;
  readonly mask: Uint8Array;
  /** Units are rows (a level bucket is no taller than one) or else level buckets lb0 … lb0 + units − 1. */
  readonly narrow: boolean;
  /** Row of level bucket 0's centre, and rows per level bucket. */
  readonly r0: number;
  readonly rPer: number;
  readonly lb0: number;
  readonly units: number;
  /** Scratch grids (cols × units each) of the long side, then the short side's unless both share a survival. */
  readonly scratch: Float64Array;
  /** The short side's grid: 1 (its own) or 0 (the long side's). */
  readonly sideS: number;
  /** Units touched per scratch grid since its last drain. */
  readonly lo: [number, number];
  readonly hi: [number, number];
  /** The drain's running sum per unit. */
  readonly acc: Float64Array;
  /** Whether the filter leaves out any side·tier. */
  readonly filtered: boolean;
  /** Every venue-market's drained notional, cols × units, and the units it touched. */
  readonly sum: Float64Array;
  sumLo: number;
  sumHi: number;
}

/** Unit of level bucket lb, or -1 when it reaches no row. */
function unitOf(x: Raster, lb: number): number {
  const u = x.narrow ? Math.floor(x.r0 + lb * x.rPer) : lb - x.lb0;
  return u >= 0 && u < x.units ? u : -1;
}

/** Column of time t (times before the window go to column 0). */
function colOf(x: Raster, t: number): number {
  return t < x.from ? 0 : Math.min(x.cols - 1, Math.floor((t - x.from) / x.dt));
}

function rasterVm(vm: VmState, l: LevelHistory, x: Raster): void {
  if (l.q === null) return;
  const Q = l.level.quantumMs;
  const qLast = l.quantum(x.to - 1);
  const R0 = l.logEndOf(qLast, 0, vm.logS[0]);
  const R1 = l.logEndOf(qLast, 1, vm.logS[1]);
  const kf = l.keyframes[l.keyframeAt(l.quantum(x.from))]!;
  if (kf.q * Q < x.to) {
    const col = colOf(x, kf.q * Q);
    const f0 = Math.exp(R0 - l.logStartOf(kf.q, 0));
    const f1 = Math.exp(R1 - l.logStartOf(kf.q, 1));
    const cells = l.keyframeCells(kf);
    for (let i = 0; i < kf.cells; i++) {
      const st = cells.st[i]!;
      addCell(x, st, cells.b[i]!, col, cells.v[i]! * (st >= TIER_SLOTS ? f1 : f0));
    }
  }
  rasterEvents(x, l, R0, R1, Math.max(0, kf.eventIdx - l.dropped));
  rasterEntries(x, l, R0, R1, Math.max(0, kf.entryIdx - l.enDropped));
  if (l.q * Q < x.to) {
    const pc = colOf(x, l.q * Q);
    const p0 = Math.exp(R0 - l.pendingStart[0]);
    const p1 = Math.exp(R1 - l.pendingStart[1]);
    forEachPending(l, (st, lb, v) => addCell(x, st, lb, pc, v * (st >= TIER_SLOTS ? p1 : p0)));
  }
  drain(x, 0, columnFactors(l, x, 0, vm.logS[0], R0));
  if (x.sideS === 1) drain(x, 1, columnFactors(l, x, 1, vm.logS[1], R1));
}

/** One cell (side·tier st, level bucket lb) of USD w into column col of its side's scratch grid. */
function addCell(x: Raster, st: number, lb: number, col: number, w: number): void {
  if (!x.mask[st] || col >= x.cols) return;
  const u = unitOf(x, lb);
  if (u < 0) return;
  const g = st >= TIER_SLOTS ? x.sideS : 0;
  x.scratch[(g * x.cols + col) * x.units + u]! += w;
  touch(x, g, u, u);
}

// The event and entry passes are functions of their own so V8 optimises each on its own feedback.

/** The level's cell events from index i0 to the window's end (R0, R1: log-survival at the window's end). */
function rasterEvents(x: Raster, l: LevelHistory, R0: number, R1: number, i0: number): void {
  const { mask, units, narrow, r0, rPer, lb0, filtered } = x;
  const Q = l.level.quantumMs;
  const grid = x.scratch;
  const offS = x.sideS * units * x.cols;
  let any0 = false;
  let any1 = false;
  let base = 0;
  let curQ = -1;
  let f0 = 0;
  let f1 = 0;
  const evQ = l.evQ.data;
  const evSt = l.evSt.data;
  const evB = l.evB.data;
  const evV = l.evV.data;
  for (let i = i0, n = l.evQ.length; i < n; i++) {
    const qe = evQ[i]!;
    if (qe !== curQ) {
      if (qe * Q >= x.to) break;
      curQ = qe;
      f0 = Math.exp(R0 - l.logStartOf(qe, 0));
      f1 = Math.exp(R1 - l.logStartOf(qe, 1));
      base = colOf(x, qe * Q) * units;
    }
    const st = evSt[i]!;
    if (filtered && !mask[st]) continue;
    const lb = evB[i]!;
    const u = narrow ? Math.floor(r0 + lb * rPer) : lb - lb0;
    if (u < 0 || u >= units) continue;
    const long = st < TIER_SLOTS;
    grid[(long ? 0 : offS) + base + u]! += evV[i]! * (long ? f0 : f1);
    if (long) any0 = true;
    else any1 = true;
  }
  // Events reach most units over a window: the drain takes them all.
  if (any0) touch(x, 0, 0, units - 1);
  if (any1) touch(x, x.sideS, 0, units - 1);
}

/** The level's inflow entries from index i0 to the window's end, each expanded into its cells (side, tier). */
function rasterEntries(x: Raster, l: LevelHistory, R0: number, R1: number, i0: number): void {
  const { mask, units, narrow, r0, rPer, lb0 } = x;
  const Q = l.level.quantumMs;
  const enQ = l.enQ.data;
  const enL = l.enL.data;
  const enS = l.enS.data;
  const enP = l.enP.data;
  const { tierWeight, liqCoef } = l.enMargin;
  const invB = l.invBucket;
  const nT = tierWeight.length;
  const mult = l.level.bucketMult;
  const grid = x.scratch;
  let base = 0;
  let curQ = -1;
  let f0 = 0;
  let f1 = 0;
  for (let i = i0, ne = l.enQ.length; i < ne; i++) {
    const qe = enQ[i]!;
    if (qe !== curQ) {
      if (qe * Q >= x.to) break;
      curQ = qe;
      f0 = Math.exp(R0 - l.logStartOf(qe, 0));
      f1 = Math.exp(R1 - l.logStartOf(qe, 1));
      base = colOf(x, qe * Q) * units;
    }
    for (let s = 0; s < 2; s++) {
      const v = s === 0 ? enL[i]! * f0 : enS[i]! * f1;
      if (!(v > 0)) continue;
      const p = enP[i]!;
      const coef = liqCoef[s]!;
      const g = s === 0 ? 0 : x.sideS;
      const gBase = base + g * units * x.cols;
      let lo = units;
      let hi = -1;
      for (let k = 0, st = s * TIER_SLOTS; k < nT; k++, st++) {
        const tw = tierWeight[k]!;
        if (tw === 0 || !mask[st]) continue;
        const b = liqBucket(p * coef[k]!, invB);
        if (b === NO_BUCKET) continue;
        const lb = mult === 1 ? b : Math.floor(b / mult);
        const u = narrow ? Math.floor(r0 + lb * rPer) : lb - lb0;
        if (u < 0 || u >= units) continue;
        grid[gBase + u]! += v * tw;
        if (u < lo) lo = u;
        if (u > hi) hi = u;
      }
      if (lo <= hi) touch(x, g, lo, hi);
    }
  }
}

function touch(x: Raster, g: number, a: number, z: number): void {
  if (a < x.lo[g]!) x.lo[g] = a;
  if (z > x.hi[g]!) x.hi[g] = z;
}

/** Prefix-sum the touched units of scratch grid g along time into the sum, scaled per column; zero the scratch. */
function drain(x: Raster, g: number, factor: Float64Array): void {
  const grid = x.scratch;
  const { cols, units, acc, sum } = x;
  const g0 = g * units * cols;
  const lo = x.lo[g]!;
  const hi = x.hi[g]!;
  x.lo[g] = units;
  x.hi[g] = -1;
  if (lo > hi) return;
  if (lo < x.sumLo) x.sumLo = lo;
  if (hi > x.sumHi) x.sumHi = hi;
  acc.fill(0, lo, hi + 1);
  for (let c = 0; c < cols; c++) {
    const f = factor[c]!;
    for (let u = lo, i = c * units + lo, j = g0 + i; u <= hi; u++, i++, j++) {
      const a = acc[u]! + grid[j]!;
      acc[u] = a;
      grid[j] = 0;
      sum[i]! += a * f;
    }
  }
}

/** Row-major cells from a column-major sum whose units are rows; float residue below MIN_USD to 0. */
function transpose(sum: Float64Array, cols: number, rows: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let c = 0, j = 0; c < cols; c++)
    for (let r = 0, i = c; r < rows; r++, j++, i += cols) {
      const v = sum[j]!;
      out[i] = v < MIN_USD ? 0 : v;
    }
  return out;
}

/** Row-major cells from a sum over level buckets: each bucket spread over the rows it overlaps, in proportion. */
function spreadRows(x: Raster, t: SpreadTable, rows: number): Float64Array {
  const { cols, units, sum, rPer } = x;
  const out = new Float64Array(rows * cols);
  const col = new Float64Array(rows);
  const { a, z, off, share } = t;
  for (let c = 0; c < cols; c++) {
    col.fill(0);
    for (let j = x.sumLo; j <= x.sumHi; j++) {
      const v = sum[c * units + j]!;
      if (v === 0) continue;
      const per = v / rPer;
      for (let r = a[j]!, k = off[j]!; r <= z[j]!; r++, k++) col[r]! += per * share[k]!;
    }
    for (let r = 0, i = c; r < rows; r++, i += cols) {
      const v = col[r]!;
      out[i] = v < MIN_USD ? 0 : v;
    }
  }
  return out;
}

/** exp(logS at the end of each column − R). */
function columnFactors(l: LevelHistory, x: Raster, side: number, live: number, R: number): Float64Array {
  const f = new Float64Array(x.cols);
  let lastQ = NaN;
  let v = 1;
  for (let c = 0; c < x.cols; c++) {
    const qc = l.quantum(x.from + (c + 1) * x.dt - 1);
    if (qc !== lastQ) {
      lastQ = qc;
      v = Math.exp(l.logEndOf(qc, side, live) - R);
    }
    f[c] = v;
  }
  return f;
}

/** One candle per column from the reference level's per-quantum candles. */
function columnCandles(l: LevelHistory, from: number, to: number, dt: number, cols: number, times: readonly number[]): (Candle | null)[] {
  const o = new Float64Array(cols).fill(NaN);
  const hi = new Float64Array(cols).fill(NaN);
  const lo = new Float64Array(cols).fill(NaN);
  const cl = new Float64Array(cols).fill(NaN);
  const Q = l.level.quantumMs;
  const q1 = Math.min(l.quantum(to - 1), l.q ?? -Infinity);
  for (let qq = Math.max(l.q0, l.quantum(from)); qq <= q1; qq++) {
    const i = qq - l.q0;
    const pending = i >= l.candle[0].length;
    const co = pending ? l.pO : l.candle[0].data[i]!;
    if (Number.isNaN(co)) continue;
    const ch = pending ? l.pH : l.candle[1].data[i]!;
    const cL = pending ? l.pL : l.candle[2].data[i]!;
    const cc = pending ? l.pC : l.candle[3].data[i]!;
    const c = Math.min(cols - 1, Math.max(0, Math.floor((qq * Q - from) / dt)));
    if (Number.isNaN(o[c]!)) {
      o[c] = co;
      hi[c] = ch;
      lo[c] = cL;
    } else {
      hi[c] = Math.max(hi[c]!, ch);
      lo[c] = Math.min(lo[c]!, cL);
    }
    cl[c] = cc;
  }
  const candles: (Candle | null)[] = [];
  for (let c = 0; c < cols; c++) candles.push(Number.isNaN(o[c]!) ? null : [times[c]!, o[c]!, hi[c]!, lo[c]!, cl[c]!]);
  return candles;
}

export interface HeatmapJson {
  times: number[];
  prices: number[];
  /** One row per price, one column per time, USD (rounded to whole dollars). */
  cells: number[][];
  candles: [number, number, number, number, number][];
  price: number | null;
}

/** The API/CLI JSON shape of a grid. */
export function heatmapToJson(g: HeatmapGrid): HeatmapJson {
  return {
    times: [...g.times],
    prices: g.prices.map((p) => Math.round(p * 100) / 100),
    cells: g.cells.map((row) => Array.from(row, (v) => Math.round(v))),
    candles: g.candles.filter((c): c is Candle => c !== null).map((c) => [c[0], c[1], c[2], c[3], c[4]]),
    price: g.price,
  };
}
