// Resume a model: restore the latest checkpoint at or before `untilMs`, then feed it every
// stored bar after the checkpoint in (ts, venue, market) order. The model stays opaque here.
import type { Bar } from '../bars/bar.js';
import type { VenueId } from '../core/events.js';
import type { Checkpoint, Store } from './store.js';

export interface WarmupOptions {
  readonly venues: readonly VenueId[];
  readonly paramsHash: string;
  /** Replay bars with ts < untilMs (default: all stored). */
  readonly untilMs?: number;
  /** Where to start when there is no checkpoint (e.g. now − 30 days); default: the oldest bar. */
  readonly coldStartMs?: number;
  readonly durationMs?: number;
  /** Bars are read in windows of this many ms (default 1 day) to bound memory. */
  readonly windowMs?: number;
  /** Load the checkpoint's state, or reset to an empty model when `null`. */
  restore(cp: Checkpoint | null): void | Promise<void>;
  /** Apply one bar. */
  step(bar: Bar): void | Promise<void>;
}

export interface WarmupResult {
  /** ts of the checkpoint restored, null for a cold start. */
  readonly checkpointTs: number | null;
  readonly replayed: number;
  /** ts of the last bar replayed (or the checkpoint's when none). */
  readonly lastTs: number | null;
}

export async function warmup(store: Store, o: WarmupOptions): Promise<WarmupResult> {
  const until = o.untilMs ?? Number.MAX_SAFE_INTEGER;
  const cp = await store.latestCheckpoint({ paramsHash: o.paramsHash, venues: o.venues, atOrBefore: until });
  await o.restore(cp);
  let from: number;
  if (cp) from = cp.ts + 1;
  else if (o.coldStartMs !== undefined) from = o.coldStartMs;
  else {
    const firsts = (await store.stats()).firstTs;
    from = firsts ?? until;
  }
  const last = await Promise.all(o.venues.map((v) => store.lastBarTs(v, undefined, o.durationMs)));
  const end = Math.min(until, Math.max(from, ...last.map((t) => (t ?? -1) + 1)));
  const windowMs = o.windowMs ?? 86_400_000;
  let replayed = 0;
  let lastTs: number | null = cp ? cp.ts : null;
  for (let t = from; t < end; t += windowMs) {
    const bars = await store.readBars({ fromMs: t, toMs: Math.min(end, t + windowMs), venues: o.venues, ...(o.durationMs ? { durationMs: o.durationMs } : {}) });
    for (const b of bars) {
      await o.step(b);
      lastTs = b.ts;
      replayed++;
    }
  }
  return { checkpointTs: cp ? cp.ts : null, replayed, lastTs };
}
