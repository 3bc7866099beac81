// The book at one instant, as a list of (venue-market, side, tier, price range, USD): the live book after the
// latest bar, or rebuilt from the finest history level that reaches back to `at`.
import type { VenueId } from '../../core/events.js';
import { TIER_SLOTS, type LevelHistory } from '../history.js';
import { firstFrom, forEachEntryCell, forEachPending } from '../history-read.js';
import type { LiqModel } from '../model.js';
import type { Side, SnapshotQuery } from '../types.js';
import type { VmState } from '../venue-market.js';
import { selectedVms, sideTierMask } from './filter.js';
import { closeAt, covers } from './level.js';

export interface SnapshotEntry {
  readonly venue: VenueId;
  readonly market: string;
  readonly side: Side;
  readonly leverage: number;
  /** Liquidation prices in [priceLo, priceHi), USD. */
  readonly priceLo: number;
  readonly priceHi: number;
  readonly usd: number;
}

export interface Snapshot {
  /** Reference price (first selected venue-market's close), USD. */
  readonly price: number | null;
  readonly entries: readonly SnapshotEntry[];
}

const MIN_USD = 1e-6;

export function snapshot(model: LiqModel, q: SnapshotQuery): Snapshot {
  const vms = selectedVms(model, q);
  const mask = sideTierMask(model, q);
  const latest = model.latestTs();
  const entries: SnapshotEntry[] = [];
  if (q.at === undefined || latest === null || q.at >= latest) {
    for (const vm of vms) live(model, vm, mask, entries);
    const first = vms[0];
    return { price: first && !Number.isNaN(first.lastClose) ? first.lastClose : null, entries };
  }
  const at = q.at;
  const li = finestCovering(model, vms, at);
  for (const vm of vms) past(model, vm, vm.levels[li]!, at, mask, entries);
  const ref = vms[0]?.levels[li];
  const price = ref ? closeAt(ref, ref.quantum(at - 1)) : NaN;
  return { price: Number.isNaN(price) ? null : price, entries };
}

function finestCovering(model: LiqModel, vms: readonly VmState[], at: number): number {
  const n = model.params.history.length;
  for (let i = 0; i < n; i++) if (vms.every((vm) => covers(vm.levels[i]!, at))) return i;
  return n - 1;
}

function live(model: LiqModel, vm: VmState, mask: Uint8Array, out: SnapshotEntry[]): void {
  const P = model.params.bucketUsd;
  for (let s = 0; s < 2; s++) {
    const scale = vm.scale[s]!;
    vm.books[s]!.forEach((b, k, w) => {
      const usd = w * scale;
      if (mask[s * TIER_SLOTS + k] && usd > MIN_USD) out.push(entry(model, vm, s, k, b * P, (b + 1) * P, usd));
    });
  }
}

function past(model: LiqModel, vm: VmState, l: LevelHistory, at: number, mask: Uint8Array, out: SnapshotEntry[]): void {
  const Q = l.level.quantumMs;
  const qAt = l.quantum(at - 1);
  const logAt = [l.logEndOf(qAt, 0, vm.logS[0]), l.logEndOf(qAt, 1, vm.logS[1])];
  const acc = new Map<number, number>();
  const add = (st: number, b: number, usd: number): void => {
    if (!mask[st]) return;
    const key = b * 2 * TIER_SLOTS + st;
    acc.set(key, (acc.get(key) ?? 0) + usd);
  };
  const kf = l.keyframes[l.keyframeAt(qAt)]!;
  if (kf.q * Q < at) {
    const f = [Math.exp(logAt[0]! - l.logStartOf(kf.q, 0)), Math.exp(logAt[1]! - l.logStartOf(kf.q, 1))];
    const { st, b, v } = l.keyframeCells(kf);
    for (let i = 0; i < kf.cells; i++) add(st[i]!, b[i]!, v[i]! * f[st[i]! >= TIER_SLOTS ? 1 : 0]!);
    for (let i = kf.eventIdx - l.dropped; i < l.evQ.length; i++) {
      const qe = l.evQ.data[i]!;
      if (qe * Q >= at) break;
      const st = l.evSt.data[i]!;
      const s = st >= TIER_SLOTS ? 1 : 0;
      add(st, l.evB.data[i]!, l.evV.data[i]! * Math.exp(logAt[s]! - l.logStartOf(qe, s)));
    }
    const i0 = kf.entryIdx - l.enDropped;
    const i1 = firstFrom(l.enQ.data, l.enQ.length, Math.ceil(at / Q));
    forEachEntryCell(l, i0, i1, l.level.bucketMult, (qe, st, lb, v) => add(st, lb, v * Math.exp(logAt[st >= TIER_SLOTS ? 1 : 0]! - l.logStartOf(qe, st >= TIER_SLOTS ? 1 : 0))));
    if (l.q !== null && l.q * Q < at)
      forEachPending(l, (st, lb, v) => {
        const s = st >= TIER_SLOTS ? 1 : 0;
        add(st, lb, v * Math.exp(logAt[s]! - l.pendingStart[s]!));
      });
  }
  const P = model.params.bucketUsd * l.level.bucketMult;
  for (const [key, usd] of acc) {
    if (usd <= MIN_USD) continue;
    const st = key % (2 * TIER_SLOTS);
    const b = Math.floor(key / (2 * TIER_SLOTS));
    out.push(entry(model, vm, st >= TIER_SLOTS ? 1 : 0, st % TIER_SLOTS, b * P, (b + 1) * P, usd));
  }
}

function entry(model: LiqModel, vm: VmState, s: number, k: number, priceLo: number, priceHi: number, usd: number): SnapshotEntry {
  return { venue: vm.venue, market: vm.market, side: s === 0 ? 'long' : 'short', leverage: model.params.tiers[k]!.leverage, priceLo, priceHi, usd };
}
