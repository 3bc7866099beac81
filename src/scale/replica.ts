// A `liqmap serve` replica in scale-out mode. The API server reads views from a live model, so each
// replica keeps its own read-only model: warmed from PostgreSQL (checkpoint + stored bars) and kept
// current from the bars subject, starting right after the last bar the model worker stored (no
// gap, overlap dropped per venue-market). It never writes. Liquidations, predicted sweeps, alerts,
// venue health and prices arrive from NATS and are re-published on a local bus for the server.
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import { AlertService } from '../alerts/service.js';
import type { AlertStore } from '../alerts/store.js';
import { LocalBus, type Bus, type Topic } from '../app/bus.js';
import { paramsHash } from '../app/params-hash.js';
import type { Bar } from '../bars/bar.js';
import type { Config } from '../config/schema.js';
import type { VenueId } from '../core/events.js';
import type { NatsLink } from '../bus/link.js';
import { NatsBus } from '../bus/nats.js';
import type { Logger } from '../log.js';
import type { LiqModel, ModelParams } from '../model/index.js';
import type { ServerDeps } from '../server/deps.js';
import type { PostgresStore } from '../store/postgres/store.js';
import { BARS_SEQ_KEY } from './model-worker.js';
import { retryForever } from './retry.js';
import { appliedTs, stepOnce, warmModel } from './warm.js';

export interface ReplicaOptions {
  readonly cfg: Config;
  readonly link: NatsLink;
  readonly store: PostgresStore;
  readonly params: ModelParams;
  readonly venues: readonly VenueId[];
  /** Store health probe period, ms (default 2000). */
  readonly probeEveryMs?: number;
  readonly coldStartMs?: number;
  /** Alert rules for the REST API (the model process evaluates them); absent: the alerts endpoints answer 503. */
  readonly alertStore?: AlertStore;
  /** How often the rule list is re-read from the store, ms (default 2000). */
  readonly alertsReloadEveryMs?: number;
  readonly log?: Logger;
}

export interface Replica {
  /** What the API server needs (src/server/deps.ts). */
  readonly deps: ServerDeps;
  readonly bus: Bus;
  model(): LiqModel;
  /** False while the last store probe failed: the API should report degraded health. */
  storeHealthy(): boolean;
  readonly stats: { barsApplied: number; replayed: number };
  stop(): Promise<void>;
}

const FORWARDED: readonly Topic[] = ['liquidation', 'predicted', 'alerts', 'venues'];

export async function startReplica(o: ReplicaOptions): Promise<Replica> {
  const local = new LocalBus();
  const remote = new NatsBus(o.link);
  const s = o.link.subjects;
  const stats = { barsApplied: 0, replayed: 0 };
  let healthy = true;
  let warm = false;
  const prices = new Map<string, { ts: number; price: number }>();

  // The position first, then the bars: every bar up to it is in the store when we read them.
  const seq = Number((await retryForever('reading the bar position', () => o.store.getMeta(BARS_SEQ_KEY), o.log ? { log: o.log } : {})) ?? 0);
  const w = await retryForever(
    'replica warm-up',
    () => warmModel(o.store, { params: o.params, paramsHash: paramsHash(o.params), venues: o.venues, barMs: o.cfg.barMs, coldStartMs: o.coldStartMs ?? Date.now() - o.params.warmupMs }),
    o.log ? { log: o.log } : {},
  );
  const model = w.model;
  stats.replayed = w.replayed;
  const applied = appliedTs(model);
  warm = true;
  o.log?.info({ checkpointTs: w.checkpointTs, replayed: w.replayed, fromSeq: seq + 1 }, 'replica model warmed up');

  const consumer = await o.link.js.consumers.get(s.stream, {
    filter_subjects: s.allBars,
    ...(seq > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: seq + 1 } : { deliver_policy: DeliverPolicy.All }),
  });
  const msgs: ConsumerMessages = await consumer.consume();
  let batch: Bar[] = [];
  const announce = (): void => {
    const bars = batch;
    batch = [];
    if (!bars.length) return;
    local.publish('bars', bars);
    local.publish('column', { ts: bars.reduce((t, b) => Math.max(t, b.ts), -Infinity) });
  };
  const loop = (async () => {
    for await (const m of msgs) {
      const bar = m.json<Bar>();
      if (!stepOnce(model, applied, bar)) continue;
      stats.barsApplied++;
      if (!batch.length) setImmediate(announce);
      batch.push(bar);
    }
  })();

  const unsubs = FORWARDED.map((t) => remote.subscribe(t, (msg) => local.publish(t, msg as never)));
  const priceSub: Subscription = o.link.nc.subscribe(s.live('price'), {
    callback: (err, m) => {
      if (err) return;
      const p = m.json<{ venue: string; market: string; ts: number; price: number }>();
      prices.set(`${p.venue}|${p.market}`, { ts: p.ts, price: p.price });
    },
  });
  const probe = setInterval(() => {
    o.store.ping().then(
      () => {
        if (!healthy) o.log?.info('store reachable again');
        healthy = true;
      },
      (e: unknown) => {
        if (healthy) o.log?.warn({ err: (e as Error).message }, 'store unreachable: reporting degraded health');
        healthy = false;
      },
    );
  }, o.probeEveryMs ?? 2000);

  const livePrice = (): { ts: number; price: number } | null => {
    const ref = model.vms[0];
    return ref ? (prices.get(`${ref.venue}|${ref.market}`) ?? null) : null;
  };
  // REST only: rules live in the shared store; the model process evaluates them and delivers webhooks.
  let alerts: AlertService | null = null;
  if (o.alertStore) {
    const store = o.alertStore;
    alerts = new AlertService({
      store,
      bus: local,
      model: () => model,
      livePrice,
      allowPrivateTargets: o.cfg.alertsAllowPrivateTargets,
      ...(o.alertsReloadEveryMs !== undefined ? { reloadEveryMs: o.alertsReloadEveryMs } : {}),
      ...(o.log ? { log: o.log } : {}),
    });
    const api = alerts;
    await retryForever('loading alert rules', () => api.startApiOnly(), o.log ? { log: o.log } : {});
  }
  return {
    bus: local,
    stats,
    model: () => model,
    storeHealthy: () => healthy,
    deps: {
      cfg: o.cfg,
      store: o.store,
      bus: local,
      model: () => model,
      livePrice,
      venues: o.venues,
      storeHealthy: () => healthy,
      simulated: false,
      warmedUp: () => warm,
      now: Date.now,
      heatmapColumns: (q) => o.store.readHeatmapColumns(q),
      ...(alerts ? { alerts } : {}),
    },
    async stop() {
      clearInterval(probe);
      await alerts?.stop();
      for (const u of unsubs) u();
      priceSub.unsubscribe();
      remote.close();
      await msgs.close();
      await loop.catch(() => undefined);
    },
  };
}
