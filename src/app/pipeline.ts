// The single-process pipeline: normalised events → bars → model → store, announced on the bus.
// Warm-up restores the latest checkpoint and replays stored bars; live bars that close meanwhile
// are queued, not lost. Store writes are serialised and retried, never dropped.
import { performance } from 'node:perf_hooks';
import type { Bar } from '../bars/bar.js';
import { BarBuilder } from '../bars/builder.js';
import type { LiquidationEvent, MarketEvent, VenueId } from '../core/events.js';
import type { Logger } from '../log.js';
import type { LiqModel, ModelParams, PredictedLiquidation } from '../model/index.js';
import type { Store } from '../store/store.js';
import { warmup, type WarmupResult } from '../store/warmup.js';
import type { Bus } from './bus.js';
import { ModelProgress } from './model-progress.js';
import { paramsHash } from './params-hash.js';

export interface PipelineOptions {
  readonly store: Store;
  readonly bus: Bus;
  readonly params: ModelParams;
  readonly venues: readonly VenueId[];
  readonly barMs: number;
  readonly graceMs: number;
  /** Bar time between checkpoints, ms. */
  readonly checkpointEveryMs?: number;
  /** Wall time between checkpoints at least, ms (a checkpoint of a long history costs seconds). */
  readonly checkpointMinWallMs?: number;
  /** Wall clock (tests pass a fake). */
  readonly wallNow?: () => number;
  readonly log?: Logger;
}

export interface PipelineStats {
  barsClosed: number;
  barsWritten: number;
  writeErrors: number;
  liquidations: number;
  predictedUsd: number;
  checkpoints: number;
}

export class Pipeline {
  readonly hash: string;
  readonly stats: PipelineStats = { barsClosed: 0, barsWritten: 0, writeErrors: 0, liquidations: 0, predictedUsd: 0, checkpoints: 0 };
  private readonly builder: BarBuilder;
  private warming = true;
  private readonly queued: Bar[] = [];
  private unwritten: Bar[] = [];
  private unwrittenLiqs: LiquidationEvent[] = [];
  private writing: Promise<void> = Promise.resolve();
  private lastCheckpointTs = -Infinity;
  private lastBarTs: number | null = null;
  /** The model and its last bar applied per venue-market (what checkpoints hold). */
  private progress: ModelProgress;
  private lastCheckpointQueuedAt = -Infinity;
  private lastCheckpointWall = -Infinity;
  /** Last trade price per venue-market. */
  readonly lastPrice = new Map<string, { ts: number; price: number }>();

  constructor(private readonly o: PipelineOptions) {
    this.progress = ModelProgress.fresh(o.params);
    this.hash = paramsHash(o.params);
    this.builder = new BarBuilder({ barMs: o.barMs, graceMs: o.graceMs });
  }

  get model(): LiqModel {
    return this.progress.model;
  }

  get barBuilderStats() {
    return this.builder.stats;
  }

  get warmedUp(): boolean {
    return !this.warming;
  }

  /** Restore the latest checkpoint and replay stored bars after it (bounded by the model's warm-up need). */
  async warm(nowMs: number, onProgress?: (replayed: number) => void): Promise<WarmupResult> {
    let replayed = 0;
    const res = await warmup(this.o.store, {
      venues: this.o.venues,
      paramsHash: this.hash,
      coldStartMs: nowMs - this.o.params.warmupMs,
      durationMs: this.o.barMs,
      restore: (cp) => {
        this.progress = cp ? ModelProgress.restore(cp.data) : ModelProgress.fresh(this.o.params);
        if (cp) this.lastCheckpointTs = cp.ts;
      },
      step: (bar) => {
        if (!this.progress.replay(bar)) return; // already in the checkpoint
        if (this.lastBarTs === null || bar.ts > this.lastBarTs) this.lastBarTs = bar.ts;
        if (onProgress && ++replayed % 5000 === 0) onProgress(replayed);
      },
    });
    if (res.lastTs !== null) {
      // Carry each market's last close, OI and funding into the live bar builder.
      const recent = await this.o.store.readBars({ fromMs: res.lastTs - 3_600_000, toMs: res.lastTs + 1, venues: this.o.venues, durationMs: this.o.barMs });
      for (const b of recent) this.builder.seed(b);
    }
    this.warming = false;
    const queued = this.queued.splice(0);
    if (queued.length) this.apply(queued);
    return res;
  }

  /** Feed one live event. */
  onEvent(e: MarketEvent): void {
    if (e.kind === 'trade') this.lastPrice.set(`${e.venue}|${e.market}`, { ts: e.ts, price: e.price });
    if (e.kind === 'liquidation') {
      this.stats.liquidations++;
      this.unwrittenLiqs.push(e);
      this.o.bus.publish('liquidation', e);
    }
    const bars = this.builder.push(e);
    if (bars.length) this.closed(bars);
  }

  /** Call about once a second with the wall clock: closes quiet bars and flushes writes. */
  tick(nowMs: number): void {
    const bars = this.builder.advance(nowMs);
    if (bars.length) this.closed(bars);
    this.scheduleWrite();
  }

  /** Bars that closed (live or injected, e.g. by gap repair). */
  closed(bars: readonly Bar[]): void {
    this.stats.barsClosed += bars.length;
    if (this.warming) this.queued.push(...bars);
    else this.apply(bars);
  }

  /** Bars rebuilt after an outage (gap repair): stored in place of the flagged ones. The live
   * model already stepped over the flagged bars; warm-ups after a restart read the repaired ones. */
  storeRepaired(bars: readonly Bar[]): void {
    this.unwritten.push(...bars);
    this.scheduleWrite();
  }

  /** Wait for every pending write. */
  async flush(): Promise<void> {
    this.scheduleWrite();
    await this.writing;
    if (this.unwritten.length || this.unwrittenLiqs.length) {
      this.scheduleWrite();
      await this.writing;
    }
  }

  /** Close the bars in progress, write everything and checkpoint. */
  async close(): Promise<void> {
    const rest = this.builder.flush();
    if (rest.length) this.closed(rest);
    this.scheduleWrite();
    this.queueCheckpoint();
    await this.flush();
  }

  private apply(bars: readonly Bar[]): void {
    const t0 = performance.now();
    const predicted: PredictedLiquidation[] = [];
    for (const b of bars) {
      for (const p of this.progress.step(b)) {
        predicted.push(p);
        this.stats.predictedUsd += p.notionalUsd;
      }
      if (this.lastBarTs === null || b.ts > this.lastBarTs) this.lastBarTs = b.ts;
    }
    this.unwritten.push(...bars);
    this.o.bus.publish('bars', bars);
    if (predicted.length) this.o.bus.publish('predicted', predicted);
    if (this.lastBarTs !== null) this.o.bus.publish('column', { ts: this.lastBarTs, stepMs: performance.now() - t0 });
    this.scheduleWrite();
    const every = this.o.checkpointEveryMs ?? 15 * 60_000;
    const wall = (this.o.wallNow ?? Date.now)();
    if (
      this.lastBarTs !== null &&
      this.lastBarTs - Math.max(this.lastCheckpointTs, this.lastCheckpointQueuedAt) >= every &&
      wall - this.lastCheckpointWall >= (this.o.checkpointMinWallMs ?? 15 * 60_000)
    ) {
      this.lastCheckpointQueuedAt = this.lastBarTs;
      this.lastCheckpointWall = wall;
      this.queueCheckpoint();
    }
  }

  private scheduleWrite(): void {
    if (!this.unwritten.length && !this.unwrittenLiqs.length) return;
    const bars = this.unwritten;
    const liqs = this.unwrittenLiqs;
    this.unwritten = [];
    this.unwrittenLiqs = [];
    this.writing = this.writing.then(async () => {
      try {
        if (bars.length) await this.o.store.putBars(bars);
        this.stats.barsWritten += bars.length;
      } catch (e) {
        this.stats.writeErrors++;
        this.unwritten.unshift(...bars);
        this.o.log?.error({ err: (e as Error).message, bars: bars.length }, 'bar write failed; will retry');
      }
      try {
        if (liqs.length) await this.o.store.putLiquidations(liqs);
      } catch (e) {
        this.stats.writeErrors++;
        this.unwrittenLiqs.unshift(...liqs);
        this.o.log?.error({ err: (e as Error).message }, 'liquidation write failed; will retry');
      }
    });
  }

  /** Snapshot the state now; write it after the bars it includes, so restore + replay never misses one. */
  private queueCheckpoint(): void {
    // Stamped with the oldest per-market progress: every bar at or before it is in the state.
    const ts = this.progress.oldestApplied();
    if (this.lastBarTs === null || ts === null || ts <= this.lastCheckpointTs) return;
    this.lastCheckpointTs = ts;
    const data = this.progress.encode();
    const cp = { ts, venues: [...this.o.venues].sort(), paramsHash: this.hash, data };
    this.writing = this.writing.then(async () => {
      try {
        await this.o.store.putCheckpoint(cp);
        this.stats.checkpoints++;
      } catch (e) {
        this.lastCheckpointTs = -Infinity;
        this.o.log?.error({ err: (e as Error).message }, 'checkpoint failed; the next bar retries');
      }
    });
  }
}
