// `liqmap model`: bars from JetStream through a durable consumer → the model → PostgreSQL.
// Each message is acknowledged only after its bar is stored; a checkpoint only ever holds bars
// already stored. After kill -9 the worker restores the checkpoint, replays stored bars after it
// (warm.ts) and takes the unacknowledged rest from the durable consumer: bars it already holds are
// recognised per venue-market and not applied again. Store writes retry until they land.
// With an alert store, the worker also evaluates alert rules on its model (stored bars, predicted sweeps,
// liquidations, live prices from NATS), delivers webhooks, and publishes firings on the `alerts` topic.
import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import { AlertService } from '../alerts/service.js';
import type { AlertStore } from '../alerts/store.js';
import { LocalBus } from '../app/bus.js';
import { ColumnTracker } from '../app/column-tracker.js';
import type { HeatmapColumnWriter } from '../app/heatmap-column.js';
import type { Bar } from '../bars/bar.js';
import type { LiquidationEvent, VenueId } from '../core/events.js';
import { paramsHash } from '../app/params-hash.js';
import { NatsBus } from '../bus/nats.js';
import type { NatsLink } from '../bus/link.js';
import type { Logger } from '../log.js';
import { checkpoint, type LiqModel, type ModelParams, type PredictedLiquidation } from '../model/index.js';
import type { Store } from '../store/store.js';
import { retryForever } from './retry.js';
import { appliedTs, checkpointTsOf, stepOnce, warmModel } from './warm.js';

/** Meta key: stream sequence of the newest bar stored (serve replicas resume their bar feed after it). */
export const BARS_SEQ_KEY = 'bus.barsSeq';

export interface ModelWorkerOptions {
  readonly link: NatsLink;
  /** Where bars, liquidations and checkpoints go; a store that also keeps heatmap columns gets one per closed bar. */
  readonly store: Store & Partial<HeatmapColumnWriter>;
  readonly params: ModelParams;
  readonly venues: readonly VenueId[];
  readonly barMs: number;
  /** Durable consumer name (default `liqmap-model`). */
  readonly durable?: string;
  /** Redelivery delay of an unacknowledged message, ms (default 30 000). */
  readonly ackWaitMs?: number;
  /** Bar time between checkpoints, ms (default 15 minutes). */
  readonly checkpointEveryMs?: number;
  /** Store writes are batched for at most this long, ms (default 200). */
  readonly flushEveryMs?: number;
  /**
   * Heatmap columns (stores that keep them) are computed only for bars at most this old by the wall clock
   * (default 6 h): each costs a live snapshot of the book, which would slow a long catch-up to a crawl.
   */
  readonly columnsMaxLagMs?: number;
  /** Where a model with neither checkpoint nor stored bars starts (default: now − params.warmupMs). */
  readonly coldStartMs?: number;
  /** Evaluate alert rules from this store (rules are reloaded every `reloadEveryMs`, default 2000, since replicas edit them). */
  readonly alerts?: {
    readonly store: AlertStore;
    readonly allowPrivateTargets?: boolean;
    readonly reloadEveryMs?: number;
    readonly liveEveryMs?: number;
  };
  readonly log?: Logger;
}

export interface ModelWorkerStats {
  barsApplied: number;
  barsStored: number;
  duplicatesIgnored: number;
  liquidationsStored: number;
  checkpoints: number;
  columnsStored: number;
  writeRetries: number;
  replayed: number;
}

interface Held {
  readonly bar: Bar;
  readonly msg: JsMsg;
}

export class ModelWorker {
  model!: LiqModel;
  readonly stats: ModelWorkerStats = { barsApplied: 0, barsStored: 0, duplicatesIgnored: 0, liquidationsStored: 0, checkpoints: 0, columnsStored: 0, writeRetries: 0, replayed: 0 };
  private readonly hash: string;
  private readonly bus: NatsBus;
  private applied = new Map<string, number>();
  private held: Held[] = [];
  private readonly heldSeqs = new Set<number>();
  private writing: Promise<void> = Promise.resolve();
  private lastCheckpointTs = -Infinity;
  private stopped = false;
  private readonly iters: ConsumerMessages[] = [];
  private timer: NodeJS.Timeout | null = null;
  private keepAlive: NodeJS.Timeout | null = null;
  private loops: Promise<void>[] = [];
  private stepMs = 0;
  private readonly columns: ColumnTracker | null;
  /** What the alert service reads: stored bars, predicted sweeps, liquidations, columns; its firings go to NATS. */
  private readonly local = new LocalBus();
  alerts: AlertService | null = null;
  private priceSub: Subscription | null = null;
  private readonly prices = new Map<string, { ts: number; price: number }>();

  constructor(private readonly o: ModelWorkerOptions) {
    this.hash = paramsHash(o.params);
    this.bus = new NatsBus(o.link);
    this.columns = o.store.putHeatmapColumns ? new ColumnTracker(o.barMs) : null;
  }

  private get durable(): string {
    return this.o.durable ?? 'liqmap-model';
  }

  async start(): Promise<void> {
    const { link, store } = this.o;
    const w = await retryForever('model warm-up', () =>
      warmModel(store, {
        params: this.o.params,
        paramsHash: this.hash,
        venues: this.o.venues,
        barMs: this.o.barMs,
        coldStartMs: this.o.coldStartMs ?? Date.now() - this.o.params.warmupMs,
      }),
      { ...(this.o.log ? { log: this.o.log } : {}) },
    );
    this.model = w.model;
    this.columns?.resume(this.model);
    this.applied = appliedTs(this.model);
    this.stats.replayed = w.replayed;
    this.lastCheckpointTs = w.checkpointTs ?? -Infinity;
    this.o.log?.info({ checkpointTs: w.checkpointTs, replayed: w.replayed }, 'model warmed up from the store');
    if (this.o.alerts) await this.startAlerts(this.o.alerts);

    const ackWait = this.o.ackWaitMs ?? 30_000;
    const s = link.subjects;
    const pending = await this.ensureConsumer(this.durable, s.allBars, ackWait);
    await this.ensureConsumer(`${this.durable}-liq`, s.liquidations, ackWait);
    if (pending > 0) {
      // Deliveries to the killed process come back after ack_wait, ahead of newer messages: wait for them
      // so every venue-market keeps receiving its bars in order.
      this.o.log?.info({ pending, waitMs: ackWait }, 'waiting for unacknowledged bars to be redelivered');
      await new Promise((r) => setTimeout(r, ackWait + 250));
    }
    const bars = await (await link.js.consumers.get(s.stream, this.durable)).consume({ max_messages: 1000 });
    const liqs = await (await link.js.consumers.get(s.stream, `${this.durable}-liq`)).consume({ max_messages: 1000 });
    this.iters.push(bars, liqs);
    this.loops = [this.barLoop(bars), this.liqLoop(liqs)];
    this.timer = setInterval(() => this.flush(), this.o.flushEveryMs ?? 200);
    // Held messages are being stored (maybe retrying): tell the server so it does not redeliver them.
    this.keepAlive = setInterval(() => {
      for (const h of this.held) h.msg.working();
    }, Math.max(500, ackWait / 3));
  }

  private async startAlerts(a: NonNullable<ModelWorkerOptions['alerts']>): Promise<void> {
    const s = this.o.link.subjects;
    this.priceSub = this.o.link.nc.subscribe(s.live('price'), {
      callback: (err, m) => {
        if (err) return;
        try {
          const p = m.json<{ venue: string; market: string; ts: number; price: number }>();
          this.prices.set(`${p.venue}|${p.market}`, { ts: p.ts, price: p.price });
        } catch {
          // not a price message
        }
      },
    });
    this.local.subscribe('alerts', (f) => this.bus.publish('alerts', f));
    const alerts = new AlertService({
      store: a.store,
      bus: this.local,
      model: () => this.model,
      livePrice: () => {
        const ref = this.model.vms[0];
        return ref ? (this.prices.get(`${ref.venue}|${ref.market}`) ?? null) : null;
      },
      reloadEveryMs: a.reloadEveryMs ?? 2000,
      ...(a.allowPrivateTargets !== undefined ? { allowPrivateTargets: a.allowPrivateTargets } : {}),
      ...(a.liveEveryMs !== undefined ? { liveEveryMs: a.liveEveryMs } : {}),
      ...(this.o.log ? { log: this.o.log } : {}),
    });
    await retryForever('loading alert rules', () => alerts.start(), this.o.log ? { log: this.o.log } : {});
    this.alerts = alerts;
  }

  /** Create the durable consumer if missing; returns how many messages it has delivered but not seen acknowledged. */
  private async ensureConsumer(name: string, filter: string, ackWaitMs: number): Promise<number> {
    const { jsm, subjects } = this.o.link;
    try {
      const info = await jsm.consumers.info(subjects.stream, name);
      return info.num_ack_pending;
    } catch (e) {
      if (!/consumer not found/i.test((e as Error).message)) throw e;
    }
    await jsm.consumers.add(subjects.stream, {
      durable_name: name,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWaitMs * 1_000_000,
      max_ack_pending: 20_000,
      max_deliver: -1,
    });
    return 0;
  }

  private async barLoop(msgs: ConsumerMessages): Promise<void> {
    for await (const m of msgs) {
      if (this.heldSeqs.has(m.seq)) continue; // a redelivery of a message we still hold
      const bar = m.json<Bar>();
      const t0 = performance.now();
      const predicted: PredictedLiquidation[] = [];
      if (bar.ts >= this.columnsFrom()) this.columns?.before(this.model, bar.ts);
      if (!stepOnce(this.model, this.applied, bar, predicted)) {
        // Already held (restored or replayed from the store, hence stored): acknowledge it.
        this.stats.duplicatesIgnored++;
        m.ack();
        continue;
      }
      this.stats.barsApplied++;
      this.columns?.after(bar.ts);
      this.held.push({ bar, msg: m });
      this.heldSeqs.add(m.seq);
      if (predicted.length) {
        this.bus.publish('predicted', predicted);
        this.local.publish('predicted', predicted);
      }
      this.stepMs += performance.now() - t0;
      if (this.held.length >= 2000) await this.flush();
    }
  }

  private async liqLoop(msgs: ConsumerMessages): Promise<void> {
    let batch: JsMsg[] = [];
    const write = async (): Promise<void> => {
      const list = batch;
      batch = [];
      const events = list.map((m) => m.json<LiquidationEvent>());
      await retryForever('storing liquidations', () => this.o.store.putLiquidations(events), this.retryOpts());
      for (const m of list) m.ack();
      this.stats.liquidationsStored += events.length;
      for (const e of events) if (e.kind === 'liquidation') this.local.publish('liquidation', e);
    };
    for await (const m of msgs) {
      batch.push(m);
      if (batch.length >= 500 || (msgs.getPending() === 0 && batch.length)) await write();
    }
  }

  /** Oldest bar time that still gets a heatmap column. */
  private columnsFrom(): number {
    return Date.now() - (this.o.columnsMaxLagMs ?? 6 * 3_600_000);
  }

  private retryOpts(): { log?: Logger; stopped: () => boolean; onWait: () => void } {
    return { ...(this.o.log ? { log: this.o.log } : {}), stopped: () => this.stopped, onWait: () => this.stats.writeRetries++ };
  }

  /** Store the held bars, acknowledge them, announce the column, and checkpoint when due. Serialised. */
  flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      if (!this.held.length) return;
      const held = this.held;
      this.held = [];
      // The snapshot is taken now, when the model holds exactly the stored bars plus `held`.
      const every = this.o.checkpointEveryMs ?? 15 * 60_000;
      const cpTs = checkpointTsOf(this.model);
      const cp = cpTs !== null && cpTs - this.lastCheckpointTs >= every ? { ts: cpTs, data: checkpoint(this.model) } : null;
      const stepMs = this.stepMs;
      this.stepMs = 0;
      const bars = held.map((h) => h.bar);
      // Columns go first: they are upserts, so a crash before the bars land only means they are rewritten.
      const putColumns = this.o.store.putHeatmapColumns?.bind(this.o.store);
      const columns = this.columns?.take(this.model, this.columnsFrom()) ?? [];
      try {
        if (putColumns && columns.length) await retryForever('storing heatmap columns', () => putColumns(columns, this.o.barMs), this.retryOpts());
        await retryForever('storing bars', () => this.o.store.putBars(bars), this.retryOpts());
        const lastSeq = held.reduce((s, h) => Math.max(s, h.msg.seq), 0);
        await retryForever('storing the bar position', () => this.o.store.setMeta(BARS_SEQ_KEY, String(lastSeq)), this.retryOpts());
        if (cp) {
          await retryForever('storing a checkpoint', () => this.o.store.putCheckpoint({ ts: cp.ts, venues: [...this.o.venues].sort(), paramsHash: this.hash, data: cp.data }), this.retryOpts());
          this.lastCheckpointTs = cp.ts;
          this.stats.checkpoints++;
        }
      } catch (e) {
        if (this.stopped) return; // stopping: unacknowledged bars are redelivered to the next run
        throw e;
      }
      for (const h of held) {
        h.msg.ack();
        this.heldSeqs.delete(h.msg.seq);
      }
      this.stats.barsStored += bars.length;
      this.stats.columnsStored += columns.length;
      const ts = bars.reduce((t, b) => Math.max(t, b.ts), -Infinity);
      this.bus.publish('column', { ts, stepMs });
      this.local.publish('bars', bars);
      this.local.publish('column', { ts, stepMs });
    });
    return this.writing;
  }

  /** Store what is held, then stop consuming. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.keepAlive) clearInterval(this.keepAlive);
    for (const it of this.iters) await it.close();
    await Promise.allSettled(this.loops);
    await this.flush();
    this.priceSub?.unsubscribe();
    await this.alerts?.stop();
    this.stopped = true;
    await this.o.link.publisher.flush();
  }
}
