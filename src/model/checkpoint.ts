// The whole model state to bytes and back. Restoring then continuing gives the same state, predictions and
// bytes as never stopping (tested). Layout: magic, params JSON, counters JSON, then each venue-market.
// Version 2 adds the history levels' inflow entries; version 3 drops their cell buckets (worked out from the entry
// price), keeps the margin coefficients they expand with and each venue-market's outlier run. Versions 1 and 2
// still restore.
import { VenueIdSchema } from '../core/events.js';
import { SideBook } from './book.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { F64, I32 } from './growable.js';
import type { LevelHistory } from './history.js';
import { LiqModel, newCounters, YOUNG_BARS, type Counters } from './model.js';
import { validateParams } from './params.js';
import type { ModelParams, RulesLookup } from './types.js';
import { marginFor, newVm, type VmState } from './venue-market.js';

const MAGIC = 'liqmap-model/3';
const MAGIC_V2 = 'liqmap-model/2';
const MAGIC_V1 = 'liqmap-model/1';

export function checkpoint(model: LiqModel): Uint8Array {
  const w = new ByteWriter();
  w.str(MAGIC);
  w.str(JSON.stringify(model.params));
  w.str(JSON.stringify(model.counters));
  w.u32(model.vms.length);
  for (const vm of model.vms) writeVm(w, vm);
  return w.bytes();
}

/** Rebuild a model from checkpoint bytes; margin rules come from `rules` again (so refined tables apply). */
export function restoreModel(bytes: Uint8Array, rules: RulesLookup): LiqModel {
  const r = new ByteReader(bytes);
  const magic = r.str();
  const version = [MAGIC_V1, MAGIC_V2, MAGIC].indexOf(magic) + 1;
  if (version === 0) throw new RangeError('not a liqmap model checkpoint');
  const params = parseParams(r.str());
  const saved = JSON.parse(r.str()) as Counters;
  if (!Array.isArray(saved.vmUsd)) throw new RangeError('checkpoint counters lack per-market totals (older format)');
  // Reasons added since the checkpoint was written start at 0.
  const zero = newCounters();
  const counters: Counters = { ...saved, skipped: { ...zero.skipped, ...saved.skipped }, flagged: { ...zero.flagged, ...saved.flagged } };
  const model = new LiqModel(params, rules, counters);
  const n = r.u32();
  for (let i = 0; i < n; i++) model.adoptVm(readVm(r, params, rules, version));
  if (!r.done()) throw new RangeError('checkpoint has trailing bytes');
  return model;
}

function parseParams(json: string): ModelParams {
  const p = JSON.parse(json) as ModelParams;
  validateParams(p);
  return p;
}

function writeVm(w: ByteWriter, vm: VmState): void {
  w.str(vm.venue);
  w.str(vm.market);
  for (let s = 0; s < 2; s++) {
    w.f64(vm.scale[s]!);
    w.f64(vm.logS[s]!);
    const b = vm.books[s]!;
    w.f64(b.lo);
    w.f64(b.hi);
    w.f64(b.total);
    w.f64s(b.bucketMajor());
  }
  w.opt(vm.lastTs);
  w.f64(vm.lastDurationMs);
  w.opt(vm.lastOiBtc);
  w.f64(vm.lastClose);
  w.f64(vm.accepted);
  w.f64(vm.outlierRun);
  w.f64(vm.outlierClose);
  for (const l of vm.levels) writeLevel(w, l);
}

function readVm(r: ByteReader, params: ModelParams, rules: RulesLookup, version: number): VmState {
  const venue = VenueIdSchema.parse(r.str());
  const market = r.str();
  const vm = newVm(params, rules, venue, market);
  Object.assign(vm, marginFor(params, rules, venue, market));
  for (let s = 0; s < 2; s++) {
    vm.scale[s] = r.f64();
    vm.logS[s] = r.f64();
    const book = new SideBook(params.tiers.length);
    const lo = r.f64();
    const hi = r.f64();
    const total = r.f64();
    const data = r.f64s();
    if (lo <= hi) book.restore(lo, hi, total, data);
    vm.books[s] = book;
  }
  vm.lastTs = r.opt();
  vm.lastDurationMs = r.f64();
  vm.lastOiBtc = r.opt();
  vm.lastClose = r.f64();
  // Before version 3 a restored venue-market with bars counts as established.
  vm.accepted = version >= 3 ? r.f64() : vm.lastTs === null ? 0 : YOUNG_BARS;
  vm.outlierRun = version >= 3 ? r.f64() : 0;
  vm.outlierClose = version >= 3 ? r.f64() : NaN;
  for (const l of vm.levels) readLevel(r, l, vm, version);
  return vm;
}

function writeLevel(w: ByteWriter, l: LevelHistory): void {
  w.opt(l.q);
  w.f64(l.q0);
  for (const v of [...l.logStart0, ...l.pendingStart, l.pO, l.pH, l.pL, l.pC, l.dropped]) w.f64(v);
  for (const a of [...l.logEnd, ...l.candle, l.evV]) w.f64s(a.view());
  for (const a of [l.evQ, l.evSt, l.evB]) w.i32s(a.view());
  w.u32(l.keyframes.length);
  for (const k of l.keyframes) {
    w.f64(k.q);
    w.f64(k.eventIdx);
    w.f64(k.entryIdx);
    const cells = l.keyframeCells(k);
    w.i32s(cells.st);
    w.i32s(cells.b);
    w.f64s(cells.v);
  }
  w.i32s(l.pending.touched.view());
  w.f64s(Float64Array.from(l.pending.touched.view(), (key) => l.pending.get(key)));
  w.i32s(l.enQ.view());
  for (const a of [l.enP, l.enL, l.enS]) w.f64s(a.view());
  w.f64(l.enDropped);
  w.u32(l.entryMode ? 1 : 0);
  w.f64s(l.enMargin.tierWeight);
  w.f64s(l.enMargin.liqCoef[0]);
  w.f64s(l.enMargin.liqCoef[1]);
}

function readLevel(r: ByteReader, l: LevelHistory, vm: VmState, version: number): void {
  l.q = r.opt();
  l.q0 = r.f64();
  l.logStart0 = [r.f64(), r.f64()];
  l.pendingStart = [r.f64(), r.f64()];
  l.pO = r.f64();
  l.pH = r.f64();
  l.pL = r.f64();
  l.pC = r.f64();
  l.dropped = r.f64();
  const f = (): F64 => F64.from(r.f64s());
  const i = (): I32 => I32.from(r.i32s());
  const logEnd: [F64, F64] = [f(), f()];
  const candle: [F64, F64, F64, F64] = [f(), f(), f(), f()];
  const evV = f();
  const [evQ, evSt, evB] = [i(), i(), i()];
  Object.assign(l, { logEnd, candle, evV, evQ, evSt, evB });
  const nk = r.u32();
  l.keyframes = [];
  for (let k = 0; k < nk; k++) {
    const [q, eventIdx, entryIdx] = [r.f64(), r.f64(), version >= 2 ? r.f64() : 0];
    const [st, b, v] = [r.i32s(), r.i32s(), r.f64s()];
    if (b.length !== st.length || v.length !== st.length) throw new RangeError('checkpoint keyframe columns differ in length');
    l.keyframes.push({ q, eventIdx, entryIdx, cellIdx: l.kfSt.length, cells: st.length });
    l.kfSt.append(st);
    l.kfB.append(b);
    l.kfV.append(v);
  }
  const keys = r.i32s();
  const vals = r.f64s();
  if (keys.length !== vals.length) throw new RangeError('checkpoint pending keys and values differ in length');
  // Version 1 recorded every level bar by bar; a level now built from its source reads its open quantum from there.
  if (version >= 2 || l.source === null) keys.forEach((key, j) => l.pending.restore(key, vals[j]!));
  if (version < 2) return;
  const enQ = i();
  const [enP, enL, enS] = [f(), f(), f()];
  // Version 2 kept each entry's cell buckets; they are worked out from the price now (with today's rules: the same
  // buckets unless the venue's margin constants changed since).
  const enB = version === 2 ? r.i32s() : null;
  if (enP.length !== enQ.length || enL.length !== enQ.length || enS.length !== enQ.length || (enB && enB.length !== enQ.length * 2 * vm.tierWeight.length)) {
    throw new RangeError('checkpoint entry columns differ in length');
  }
  Object.assign(l, { enQ, enP, enL, enS, enDropped: r.f64() });
  l.entryMode = r.u32() === 1;
  const tierWeight = r.f64s();
  const liqCoef: [Float64Array, Float64Array] = version >= 3 ? [r.f64s(), r.f64s()] : vm.liqCoef;
  if (liqCoef[0].length !== tierWeight.length || liqCoef[1].length !== tierWeight.length) throw new RangeError('checkpoint entry margin columns differ in length');
  const saved = { tierWeight, liqCoef };
  // Margin changed since (rules with another maximum leverage or maintenance rate): kept entries expand with the
  // weights and coefficients they were recorded under; new inflow goes to cells until they age out.
  const equal = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, j) => Object.is(v, b[j]));
  const same = equal(tierWeight, vm.tierWeight) && equal(liqCoef[0], vm.liqCoef[0]) && equal(liqCoef[1], vm.liqCoef[1]);
  if (l.enQ.length > 0 && !same) {
    l.enMargin = saved;
    l.entryMode = false;
  }
}
