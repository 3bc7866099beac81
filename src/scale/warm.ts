// Bring a model up to date from the store: restore the latest checkpoint, then replay stored bars
// the checkpoint does not hold. Bars reach the scale-out model per venue-market, not in one global
// order, so the replay starts a margin before the checkpoint and each venue-market takes only bars
// newer than its own last one: nothing is applied twice, nothing skipped.
import type { Bar } from '../bars/bar.js';
import type { VenueId } from '../core/events.js';
import { rulesFor } from '../exchanges/rules.js';
import { createModel, restoreModel, type LiqModel, type ModelParams, type PredictedLiquidation } from '../model/index.js';
import type { Store } from '../store/store.js';

/** How far before the checkpoint the replay starts, ms of bar time. */
export const REPLAY_MARGIN_MS = 3_600_000;

export interface WarmOptions {
  readonly params: ModelParams;
  readonly paramsHash: string;
  readonly venues: readonly VenueId[];
  readonly barMs: number;
  /** Where to start without a checkpoint. */
  readonly coldStartMs: number;
  readonly windowMs?: number;
}

export interface Warmed {
  readonly model: LiqModel;
  readonly checkpointTs: number | null;
  readonly replayed: number;
}

/** Newest bar ts the model holds per venue-market. */
export function appliedTs(model: LiqModel): Map<string, number> {
  const m = new Map<string, number>();
  for (const vm of model.vms) if (vm.lastTs !== null) m.set(`${vm.venue}|${vm.market}`, vm.lastTs);
  return m;
}

/** Step `bar` unless the model already holds it (or a newer bar of its venue-market); swept cohorts go to `out`. */
export function stepOnce(model: LiqModel, applied: Map<string, number>, bar: Bar, out?: PredictedLiquidation[]): boolean {
  const k = `${bar.venue}|${bar.market}`;
  const last = applied.get(k);
  if (last !== undefined && bar.ts <= last) return false;
  const swept = model.step(bar);
  if (out) for (const p of swept) out.push(p);
  applied.set(k, bar.ts);
  return true;
}

/** The checkpoint ts of a model: every venue-market holds every bar up to the oldest of their last bars. */
export function checkpointTsOf(model: LiqModel): number | null {
  let t: number | null = null;
  for (const vm of model.vms) if (vm.lastTs !== null && (t === null || vm.lastTs < t)) t = vm.lastTs;
  return t;
}

export async function warmModel(store: Store, o: WarmOptions): Promise<Warmed> {
  const cp = await store.latestCheckpoint({ paramsHash: o.paramsHash, venues: o.venues });
  const model = cp ? restoreModel(cp.data, rulesFor) : createModel(o.params, rulesFor);
  const applied = appliedTs(model);
  const from = cp ? cp.ts - REPLAY_MARGIN_MS : o.coldStartMs;
  const last = await Promise.all(o.venues.map((v) => store.lastBarTs(v, undefined, o.barMs)));
  const end = Math.max(from, ...last.map((t) => (t ?? -1) + 1));
  const windowMs = o.windowMs ?? 86_400_000;
  let replayed = 0;
  for (let t = from; t < end; t += windowMs) {
    const bars = await store.readBars({ fromMs: t, toMs: Math.min(end, t + windowMs), venues: o.venues, durationMs: o.barMs });
    for (const b of bars) if (stepOnce(model, applied, b)) replayed++;
  }
  return { model, checkpointTs: cp?.ts ?? null, replayed };
}
