// Runs everything in one process: collectors (live venues, or the demo's mock venues fed by the
// simulator) → pipeline (bars, model, store) → bus → API server and UI.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/schema.js';
import type { VenueId } from '../core/events.js';
import { DemoMarket } from '../demo/driver.js';
import { pregenerate } from '../demo/history.js';
import { AlertService } from '../alerts/service.js';
import { SqliteAlertStore } from '../alerts/sqlite-store.js';
import { GapRepairer } from '../feed/gap-repairer.js';
import { startFeed, type RunningFeed } from '../feed/runtime.js';
import { loadAdapter } from '../exchanges/registry.js';
import type { Logger } from '../log.js';
import { DEFAULT_PARAMS, type ModelParams } from '../model/index.js';
import { openStore } from '../store/open.js';
import { runMaintenance } from '../store/retention.js';
import type { Store } from '../store/store.js';
import { LocalBus, type Bus } from './bus.js';
import { Pipeline } from './pipeline.js';

export interface DemoOptions {
  readonly seed: number;
  readonly speed: number;
  /** Simulated history generated before going live, days. */
  readonly historyDays: number;
}

export interface AppOptions {
  readonly cfg: Config;
  readonly demo?: DemoOptions;
  readonly params?: ModelParams;
  readonly log: Logger;
  /** Reports start-up progress (warm-up, history generation). */
  onProgress?(stage: string, fraction: number): void;
  readonly now?: () => number;
}

export interface RunningApp {
  readonly cfg: Config;
  readonly store: Store;
  readonly bus: Bus;
  readonly pipeline: Pipeline;
  readonly feed: RunningFeed;
  readonly demo: DemoMarket | null;
  readonly venues: readonly VenueId[];
  readonly simulated: boolean;
  readonly dataDir: string;
  readonly alerts: AlertService;
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

export async function startApp(o: AppOptions): Promise<RunningApp> {
  const now = o.now ?? Date.now;
  // At --speed N a venue's network jitter is N times longer in market time: widen the grace.
  let cfg = o.demo ? { ...o.cfg, lateGraceMs: Math.min(60_000, Math.max(o.cfg.lateGraceMs, o.demo.speed * 1000)) } : o.cfg;
  const venues = cfg.venues.filter((v) => cfg.venue[v]?.enabled !== false);
  const dataDir = o.demo ? path.join(cfg.dataDir, 'demo') : cfg.dataDir;
  if (o.demo) {
    // Demo data is simulated and regenerated at each start; it never touches the live database.
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const store = openStore({ dataDir, db: o.demo ? undefined : cfg.db });
  const bus = new LocalBus();
  const pipeline = new Pipeline({
    store,
    bus,
    params: o.params ?? DEFAULT_PARAMS,
    venues,
    barMs: cfg.barMs,
    graceMs: cfg.lateGraceMs,
    log: o.log,
  });

  let demo: DemoMarket | null = null;
  if (o.demo) {
    const boundary = Math.floor(now() / cfg.barMs) * cfg.barMs;
    demo = new DemoMarket({ venues, seed: o.demo.seed, speed: o.demo.speed, startTs: boundary - o.demo.historyDays * DAY_MS });
    const urls = await demo.start();
    const venue: Config['venue'] = { ...cfg.venue };
    // Each connector gets its venue's own URL paths, on the local mock's host.
    for (const [id, u] of urls) {
      const a = await loadAdapter(id);
      venue[id] = { ...venue[id], ws: onHost(a.defaultWsUrl, u.ws), rest: onHost(a.defaultRestUrl, u.rest) };
    }
    cfg = { ...cfg, venue };
    const gen = await pregenerate(
      demo.sim,
      boundary,
      cfg.barMs,
      { bars: (b) => store.putBars(b, 'fill'), liquidations: (l) => store.putLiquidations(l) },
      (f) => o.onProgress?.('simulated history', f),
    );
    o.log.info({ ...gen, days: o.demo.historyDays, seed: o.demo.seed }, 'demo history generated');
  }

  let repairer: GapRepairer | null = null;
  const feed = await startFeed(
    cfg,
    venues,
    {
      onEvent: (e) => {
        pipeline.onEvent(e);
        repairer?.onEvent(e);
      },
    },
    o.log,
  );
  repairer = new GapRepairer({
    collectors: feed.collectors,
    readBars: (venue, market, fromMs, toMs) => store.readBars({ fromMs, toMs, venues: [venue], markets: [market], durationMs: cfg.barMs }),
    onRepaired: (bars) => pipeline.storeRepaired(bars),
    barMs: cfg.barMs,
    settleMs: cfg.barMs + cfg.lateGraceMs + 2000,
    log: o.log,
  });
  // The feed is already connected: bars that close during the warm-up are queued, not lost.
  const stored = (await store.stats()).bars;
  const expected = Math.max(1, Math.min(stored, ((o.params ?? DEFAULT_PARAMS).warmupMs / cfg.barMs) * venues.length * 1.2));
  const warm = await pipeline.warm(now(), (n) => o.onProgress?.('model warm-up', Math.min(0.99, n / expected)));
  o.onProgress?.('model warm-up', 1);
  o.log.info({ ...warm }, 'model warmed up');
  demo?.run();
  const alertStore = SqliteAlertStore.open(dataDir);
  const alerts = new AlertService({
    store: alertStore,
    bus,
    model: () => pipeline.model,
    livePrice: () => referencePrice(pipeline.lastPrice),
    allowPrivateTargets: cfg.alertsAllowPrivateTargets,
    log: o.log,
  });
  await alerts.start();
  // Compaction and retention in small steps, every five minutes, off the hot path.
  let maintaining: Promise<unknown> = Promise.resolve();
  const upkeep = setInterval(() => {
    maintaining = maintaining
      .then(() => runMaintenance(store, { nowMs: now(), retentionDays: cfg.retentionDays }))
      .catch((e: unknown) => o.log.warn({ err: (e as Error).message }, 'store maintenance failed; will retry'));
  }, 5 * 60_000);
  upkeep.unref();
  const startedAt = now();
  let hinted = false;
  const timer = setInterval(() => {
    pipeline.tick(now());
    if (!hinted && now() - startedAt > 20_000 && feed.collectors.every((c) => !c.health().connected)) {
      hinted = true;
      o.log.warn('no venue reachable after 20 s (offline or blocked?): liqmap keeps retrying; `npm start -- --demo` runs the simulated market offline');
    }
    const live = referencePrice(pipeline.lastPrice);
    if (live) bus.publish('tick', live);
    bus.publish(
      'venues',
      feed.collectors.map((c) => c.health()),
    );
  }, 1000);
  timer.unref();

  return {
    cfg,
    store,
    bus,
    pipeline,
    feed,
    demo,
    venues,
    simulated: demo !== null,
    dataDir,
    alerts,
    async stop() {
      clearInterval(timer);
      clearInterval(upkeep);
      await maintaining;
      await alerts.stop();
      await alertStore.close();
      repairer?.stop();
      feed.stop();
      await demo?.stop();
      await pipeline.close();
      await store.close();
    },
  };
}

/** The live reference price: Binance USDⓈ-M BTCUSDT when trading, else the freshest market. */
export function referencePrice(last: ReadonlyMap<string, { ts: number; price: number }>): { ts: number; price: number } | null {
  const ref = last.get('binance-usdm|BTCUSDT');
  if (ref) return ref;
  let best: { ts: number; price: number } | null = null;
  for (const v of last.values()) if (!best || v.ts > best.ts) best = v;
  return best;
}

/** `wss://stream.bybit.com/v5/public/linear` on `ws://127.0.0.1:4711` → `ws://127.0.0.1:4711/v5/public/linear`. */
export function onHost(venueUrl: string, mockBase: string): string {
  const v = new URL(venueUrl);
  const path = v.pathname === '/' ? '' : v.pathname;
  return `${mockBase.replace(/\/$/, '')}${path}${v.search}`;
}
