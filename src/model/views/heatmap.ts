// Heatmap grid (DESIGN §3): alive liquidation notional per (time column, price row), rasterised with difference
// arrays so the cost is O(events in the window + cols·rows), not O(cohorts·cols). Each venue-market side is
// accumulated in survival-normalised units, then prefix-summed along time and scaled by its survival per column.
import { NO_BUCKET, TIER_SLOTS, type LevelHistory } from '../history.js';
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
  const out = new Float64Array(rows * cols);
  const shared = model.params.close === 'proportional';
  const scratchL = new Float64Array(rows * cols);
  const scratch = [scratchL, shared ? scratchL : new Float64Array(rows * cols)] as const;
  const ctx: Raster = { from, to, dt, h, priceLo, cols, rows, mask, scratch, rowLo: [rows, rows], rowHi: [-1, -1] };
  for (const vm of vms) rasterVm(model, vm, vm.levels[li]!, ctx, out, shared);
  for (let i = 0; i < out.length; i++) if (out[i]! < MIN_USD) out[i] = 0;

  const cells: Float64Array[] = [];
  for (let r = 0; r < rows; r++) cells.push(out.subarray(r * cols, (r + 1) * cols));
  const times = Array.from({ length: cols }, (_, c) => Math.round(from + c * dt));
  const prices = Array.from({ length: rows }, (_, r) => priceLo + (r + 0.5) * h);
  const ref = vms[0]?.levels[li];
  const candles = ref ? columnCandles(ref, from, to, dt, cols, times) : new Array<Candle | null>(cols).fill(null);
  const price = ref ? closeAt(ref, ref.quantum(to - 1)) : NaN;
  const level = model.params.history[li]!;
  return {
    times,
    prices,
    cells,
    candles,
    price: Number.isNaN(price) ? null : price,
    resolution: { quantumMs: level.quantumMs, bucketUsd: level.bucketMult * model.params.bucketUsd },
  };
}

const NO_TABLE = spreadTable(0, 0, 2);

interface Raster {
  readonly from: number;
  readonly to: number;
  readonly dt: number;
  readonly h: number;
  readonly priceLo: number;
  readonly cols: number;
  readonly rows: number;
  readonly mask: Uint8Array;
  readonly scratch: readonly [Float64Array, Float64Array];
  /** Spread table of the query's level (one level serves every venue-market), built on first use. */
  table?: SpreadTable;
  /** Rows touched per scratch grid since its last drain. */
  rowLo: [number, number];
  rowHi: [number, number];
}

function rasterVm(model: LiqModel, vm: VmState, l: LevelHistory, x: Raster, out: Float64Array, shared: boolean): void {
  if (l.q === null) return;
  const Q = l.level.quantumMs;
  const P = model.params.bucketUsd * l.level.bucketMult;
  const qLast = l.quantum(x.to - 1);
  const R = [l.logEndOf(qLast, 0, vm.logS[0]), l.logEndOf(qLast, 1, vm.logS[1])] as const;
  const { mask, cols } = x;
  const colOf = (t: number): number => (t < x.from ? 0 : Math.min(cols - 1, Math.floor((t - x.from) / x.dt)));
  const add = (st: number, lb: number, col: number, w: number): void => {
    if (!mask[st] || col >= cols) return;
    const s = st >= TIER_SLOTS ? 1 : 0;
    const g = s === 1 && !shared ? 1 : 0;
    depositRows(x, g, lb * P, (lb + 1) * P, col, w);
  };

  const kf = l.keyframes[l.keyframeAt(l.quantum(x.from))]!;
  if (kf.q * Q < x.to) {
    const col = colOf(kf.q * Q);
    const f = [Math.exp(R[0] - l.logStartOf(kf.q, 0)), Math.exp(R[1] - l.logStartOf(kf.q, 1))] as const;
    for (let i = 0; i < kf.st.length; i++) {
      const st = kf.st[i]!;
      add(st, kf.b[i]!, col, kf.v[i]! * f[st >= TIER_SLOTS ? 1 : 0]);
    }
  }
  // A level bucket no taller than a row goes whole to the row of its centre; a taller one is spread over the rows
  // it overlaps, in proportion. Rows touched are tracked per side (lo/hi) so the drain skips the rest.
  const narrow = P <= x.h;
  const rows = x.rows;
  const gL = x.scratch[0];
  const gS = x.scratch[shared ? 0 : 1];
  const r0 = (0.5 * P - x.priceLo) / x.h;
  const rPer = P / x.h;
  const rEdge = r0 - 0.5 * rPer;
  const t = narrow ? NO_TABLE : (x.table ??= spreadTable(rows, rEdge, rPer));
  let lo0 = rows;
  let hi0 = -1;
  let lo1 = rows;
  let hi1 = -1;
  let col = 0;
  let curQ = -1;
  let f0 = 0;
  let f1 = 0;

  const evQ = l.evQ.data;
  const evSt = l.evSt.data;
  const evB = l.evB.data;
  const evV = l.evV.data;
  for (let i = Math.max(0, kf.eventIdx - l.dropped), n = l.evQ.length; i < n; i++) {
    const qe = evQ[i]!;
    if (qe !== curQ) {
      if (qe * Q >= x.to) break;
      curQ = qe;
      f0 = Math.exp(R[0] - l.logStartOf(qe, 0));
      f1 = Math.exp(R[1] - l.logStartOf(qe, 1));
      col = colOf(qe * Q);
    }
    const st = evSt[i]!;
    if (!mask[st]) continue;
    const lb = evB[i]!;
    if (st < TIER_SLOTS) {
      const w = evV[i]! * f0;
      if (narrow) {
        const r = Math.floor(r0 + lb * rPer);
        if (r < 0 || r >= rows) continue;
        gL[r * cols + col]! += w;
        if (r < lo0) lo0 = r;
        if (r > hi0) hi0 = r;
      } else {
        const j = spreadAt(gL, t, lb, cols, col, w / rPer);
        if (j < 0) continue;
        if (t.a[j]! < lo0) lo0 = t.a[j]!;
        if (t.hi[j]! > hi0) hi0 = t.hi[j]!;
      }
    } else {
      const w = evV[i]! * f1;
      if (narrow) {
        const r = Math.floor(r0 + lb * rPer);
        if (r < 0 || r >= rows) continue;
        gS[r * cols + col]! += w;
        if (r < lo1) lo1 = r;
        if (r > hi1) hi1 = r;
      } else {
        const j = spreadAt(gS, t, lb, cols, col, w / rPer);
        if (j < 0) continue;
        if (t.a[j]! < lo1) lo1 = t.a[j]!;
        if (t.hi[j]! > hi1) hi1 = t.hi[j]!;
      }
    }
  }

  // Entries: each expands into its cells (side, tier) at the level's bucket.
  const enQ = l.enQ.data;
  const enL = l.enL.data;
  const enS = l.enS.data;
  const enB = l.enB.data;
  const tierWeight = l.enMargin.tierWeight;
  const nT = tierWeight.length;
  const mult = l.level.bucketMult;
  curQ = -1;
  for (let i = Math.max(0, kf.entryIdx - l.enDropped), ne = l.enQ.length; i < ne; i++) {
    const qe = enQ[i]!;
    if (qe !== curQ) {
      if (qe * Q >= x.to) break;
      curQ = qe;
      f0 = Math.exp(R[0] - l.logStartOf(qe, 0));
      f1 = Math.exp(R[1] - l.logStartOf(qe, 1));
      col = colOf(qe * Q);
    }
    for (let s = 0; s < 2; s++) {
      const v = s === 0 ? enL[i]! * f0 : enS[i]! * f1;
      if (!(v > 0)) continue;
      const cell0 = (2 * i + s) * nT;
      const g = s === 0 ? gL : gS;
      let lo = rows;
      let hi = -1;
      for (let k = 0, st = s * TIER_SLOTS; k < nT; k++, st++) {
        const tw = tierWeight[k]!;
        const b = enB[cell0 + k]!;
        if (tw === 0 || !mask[st] || b === NO_BUCKET) continue;
        const lb = mult === 1 ? b : Math.floor(b / mult);
        if (narrow) {
          const r = Math.floor(r0 + lb * rPer);
          if (r < 0 || r >= rows) continue;
          g[r * cols + col]! += v * tw;
          if (r < lo) lo = r;
          if (r > hi) hi = r;
        } else {
          const j = spreadAt(g, t, lb, cols, col, (v * tw) / rPer);
          if (j < 0) continue;
          if (t.a[j]! < lo) lo = t.a[j]!;
          if (t.hi[j]! > hi) hi = t.hi[j]!;
        }
      }
      if (s === 0) {
        if (lo < lo0) lo0 = lo;
        if (hi > hi0) hi0 = hi;
      } else {
        if (lo < lo1) lo1 = lo;
        if (hi > hi1) hi1 = hi;
      }
    }
  }
  if (lo0 <= hi0) touch(x, 0, lo0, hi0);
  if (lo1 <= hi1) touch(x, shared ? 0 : 1, lo1, hi1);
  if (l.q * Q < x.to) {
    const pc = colOf(l.q * Q);
    const p0 = Math.exp(R[0] - l.pendingStart[0]);
    const p1 = Math.exp(R[1] - l.pendingStart[1]);
    forEachPending(l, (st, lb, v) => add(st, lb, pc, v * (st >= TIER_SLOTS ? p1 : p0)));
  }
  const grids = shared ? [0] : [0, 1];
  for (const g of grids) drain(x, g, out, columnFactors(l, x, g, vm.logS[g]!, R[g]!));
}

/** Add `per` × each row's share of level bucket lb to the rows it covers, in column col: its table index, or -1 when it covers none. */
function spreadAt(g: Float64Array, t: SpreadTable, lb: number, cols: number, col: number, per: number): number {
  const j = lb - t.lb0;
  if (j < 0 || j >= t.n || t.a[j]! > t.z[j]!) return -1;
  const share = t.share;
  for (let r = t.a[j]!, z = t.z[j]!, k = t.off[j]!, i = r * cols + col; r <= z; r++, k++, i += cols) g[i]! += per * share[k]!;
  return j;
}

/** Spread w over the rows that [lo, hi) overlaps, in proportion to the overlap. */
function depositRows(x: Raster, g: number, lo: number, hi: number, col: number, w: number): void {
  const grid = x.scratch[g]!;
  const rLo = (lo - x.priceLo) / x.h;
  const rHi = (hi - x.priceLo) / x.h;
  if (rHi - rLo <= 1) {
    const r = Math.floor((rLo + rHi) / 2);
    if (r < 0 || r >= x.rows) return;
    grid[r * x.cols + col]! += w;
    touch(x, g, r, r);
    return;
  }
  const a = Math.max(0, Math.floor(rLo));
  const z = Math.min(x.rows - 1, Math.ceil(rHi) - 1);
  const per = w / (rHi - rLo);
  for (let r = a; r <= z; r++) grid[r * x.cols + col]! += per * (Math.min(rHi, r + 1) - Math.max(rLo, r));
  if (a <= z) touch(x, g, a, z);
}

function touch(x: Raster, g: number, a: number, z: number): void {
  if (a < x.rowLo[g]!) x.rowLo[g] = a;
  if (z > x.rowHi[g]!) x.rowHi[g] = z;
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

/** Prefix-sum the touched rows of scratch grid g along time into out, scaled per column; zero the scratch. */
function drain(x: Raster, g: number, out: Float64Array, factor: Float64Array): void {
  const grid = x.scratch[g]!;
  const cols = x.cols;
  for (let r = x.rowLo[g]!; r <= x.rowHi[g]!; r++) {
    let acc = 0;
    const base = r * cols;
    for (let c = 0; c < cols; c++) {
      const i = base + c;
      acc += grid[i]!;
      grid[i] = 0;
      out[i]! += acc * factor[c]!;
    }
  }
  x.rowLo[g] = x.rows;
  x.rowHi[g] = -1;
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
