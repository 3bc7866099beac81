// The whole model state to bytes and back. Restoring then continuing gives the same state, predictions and
// bytes as never stopping (tested). Layout: magic, params JSON, counters JSON, then each venue-market.
import { VenueIdSchema } from '../core/events.js';
import { SideBook } from './book.js';
import { ByteReader, ByteWriter } from './bytes.js';
import { F64, I32 } from './growable.js';
import type { LevelHistory } from './history.js';
import { LiqModel, type Counters } from './model.js';
import { validateParams } from './params.js';
import type { ModelParams, RulesLookup } from './types.js';
import { marginFor, newVm, type VmState } from './venue-market.js';

const MAGIC = 'liqmap-model/1';

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
  if (r.str() !== MAGIC) throw new RangeError('not a liqmap model checkpoint');
  const params = parseParams(r.str());
  const counters = JSON.parse(r.str()) as Counters;
  if (!Array.isArray(counters.vmUsd)) throw new RangeError('checkpoint counters lack per-market totals (older format)');
  const model = new LiqModel(params, rules, counters);
  const n = r.u32();
  for (let i = 0; i < n; i++) model.adoptVm(readVm(r, params, rules));
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
    w.f64s(b.empty ? new Float64Array(0) : b.data.subarray((b.lo - b.base) * b.tiers, (b.hi - b.base + 1) * b.tiers));
  }
  w.opt(vm.lastTs);
  w.f64(vm.lastDurationMs);
  w.opt(vm.lastOiBtc);
  w.f64(vm.lastClose);
  for (const l of vm.levels) writeLevel(w, l);
}

function readVm(r: ByteReader, params: ModelParams, rules: RulesLookup): VmState {
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
    if (lo <= hi) {
      book.base = lo;
      book.data = data;
      book.rows = hi - lo + 1;
      book.lo = lo;
      book.hi = hi;
      book.total = total;
    }
    vm.books[s] = book;
  }
  vm.lastTs = r.opt();
  vm.lastDurationMs = r.f64();
  vm.lastOiBtc = r.opt();
  vm.lastClose = r.f64();
  for (const l of vm.levels) readLevel(r, l);
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
    w.i32s(k.st);
    w.i32s(k.b);
    w.f64s(k.v);
  }
  w.i32s(l.pending.touched.view());
  w.f64s(Float64Array.from(l.pending.touched.view(), (key) => l.pending.get(key)));
}

function readLevel(r: ByteReader, l: LevelHistory): void {
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
  for (let k = 0; k < nk; k++) l.keyframes.push({ q: r.f64(), eventIdx: r.f64(), st: r.i32s(), b: r.i32s(), v: r.f64s() });
  const keys = r.i32s();
  const vals = r.f64s();
  if (keys.length !== vals.length) throw new RangeError('checkpoint pending keys and values differ in length');
  keys.forEach((key, j) => l.pending.restore(key, vals[j]!));
}
