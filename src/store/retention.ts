// Retention and background upkeep: compaction and pruning in small steps that yield to the
// event loop between steps, so the live path never waits on more than one step.
import type { Store } from './store.js';

export const MIN_RETENTION_DAYS = 90;
export const DEFAULT_RETENTION_DAYS = 400;
const DAY_MS = 86_400_000;

/** Oldest ts kept for `retentionDays` at `nowMs`; refuses a retention below 90 days. */
export function retentionCutoff(nowMs: number, retentionDays: number = DEFAULT_RETENTION_DAYS): number {
  if (!Number.isInteger(retentionDays) || retentionDays < MIN_RETENTION_DAYS) {
    throw new RangeError(`retention must be a whole number of days >= ${MIN_RETENTION_DAYS}, got ${retentionDays}`);
  }
  return nowMs - retentionDays * DAY_MS;
}

export interface MaintenanceResult {
  readonly compacted: number;
  readonly pruned: number;
}

const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));

/** Run compaction and retention pruning to completion, one small step at a time. */
export async function runMaintenance(
  store: Store,
  opts: { readonly nowMs: number; readonly retentionDays?: number; readonly stepSize?: number; readonly signal?: AbortSignal },
): Promise<MaintenanceResult> {
  const cutoff = retentionCutoff(opts.nowMs, opts.retentionDays);
  let compacted = 0;
  let pruned = 0;
  for (let more = true; more && !opts.signal?.aborted; ) {
    const r = await store.compact(opts.nowMs, opts.stepSize ?? 4);
    compacted += r.done;
    more = r.more;
    await yieldToLoop();
  }
  for (let more = true; more && !opts.signal?.aborted; ) {
    const r = await store.prune(cutoff, opts.stepSize ?? 4);
    pruned += r.done;
    more = r.more;
    await yieldToLoop();
  }
  return { compacted, pruned };
}
