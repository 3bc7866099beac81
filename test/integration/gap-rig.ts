// The gap-repair rig: venue mocks fed by the simulator on a fast clock, real collectors on the
// same clock, the single-process pipeline over a temporary SQLite store, and the GapRepairer.
// One clock for all (simulated time, SPEED × the wall clock) so that minutes pass in seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bar } from '../../src/bars/bar.js';
import { LocalBus } from '../../src/app/bus.js';
import { Pipeline } from '../../src/app/pipeline.js';
import type { MarketEvent, TradeEvent, VenueId } from '../../src/core/events.js';
import type { VenueAdapter } from '../../src/core/venue.js';
import { loadAdapter, loadMockProtocol } from '../../src/exchanges/registry.js';
import { MockServer } from '../../src/exchanges/mock/server.js';
import { VenueCollector } from '../../src/feed/collector.js';
import { GapRepairer } from '../../src/feed/gap-repairer.js';
import { createHttpClient } from '../../src/feed/http.js';
import { DEFAULT_PARAMS } from '../../src/model/index.js';
import { SIM_MARKETS } from '../../src/sim/markets.js';
import { Simulator } from '../../src/sim/simulator.js';
import { SqliteStore } from '../../src/store/sqlite/store.js';
import { onHost } from '../../src/app/run.js';
import { MIN } from './support.js';

/** Slow enough that the silence watchdog (checked each wall second = SPEED simulated seconds)
 * recycles a stalled socket well within a minute: every stalled minute then sees a status change. */
export const SPEED = 20;
export const GRACE_MS = 5000;
/** Simulated ms without data before a socket is recycled (as the venue connector tests shorten it). */
const SILENCE_MS = 10_000;

/** The adapter with a shorter silence watchdog. */
function quicker(a: VenueAdapter): VenueAdapter {
  return { ...a, endpoints: async (cfg, markets, http) => (await a.endpoints(cfg, markets, http)).map((ep) => ({ ...ep, silenceTimeoutMs: SILENCE_MS })) };
}

export interface GapRig {
  now(): number;
  readonly servers: Map<VenueId, MockServer>;
  readonly collectors: VenueCollector[];
  readonly store: SqliteStore;
  readonly pipeline: Pipeline;
  readonly repairer: GapRepairer;
  /** Every bar as it closed live, before any repair. */
  readonly closed: Bar[];
  /** Trades the mocks were fed (what their klines are built from). */
  readonly trades: TradeEvent[];
  /** Status events seen, in order. */
  readonly statuses: Extract<MarketEvent, { kind: 'status' }>[];
  /** Trades in [from, to) are not fed to the mocks: the venue had no trade then. */
  withhold(fromMs: number, toMs: number): void;
  close(): Promise<void>;
}

export async function startGapRig(venues: readonly VenueId[]): Promise<GapRig> {
  const wall0 = Date.now();
  const sim0 = Math.floor(wall0 / MIN) * MIN;
  const now = (): number => sim0 + (Date.now() - wall0) * SPEED;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-gap-'));
  const store = SqliteStore.open(dir);
  const bus = new LocalBus();
  const pipeline = new Pipeline({ store, bus, params: DEFAULT_PARAMS, venues, barMs: MIN, graceMs: GRACE_MS });
  await pipeline.warm(now());
  const closed: Bar[] = [];
  bus.subscribe('bars', (b) => closed.push(...b));

  const servers = new Map<VenueId, MockServer>();
  const collectors: VenueCollector[] = [];
  const statuses: GapRig['statuses'] = [];
  let repairer: GapRepairer | null = null;
  const onEvent = (e: MarketEvent): void => {
    if (e.kind === 'status') statuses.push(e);
    pipeline.onEvent(e);
    repairer?.onEvent(e);
  };
  for (const id of venues) {
    const server = new MockServer(await loadMockProtocol(id), { now });
    const { wsUrl, httpUrl } = await server.start();
    servers.set(id, server);
    const adapter = quicker(await loadAdapter(id));
    const restUrl = onHost(adapter.defaultRestUrl, httpUrl);
    collectors.push(
      new VenueCollector({
        adapter,
        config: { wsUrl: onHost(adapter.defaultWsUrl, wsUrl), restUrl, markets: adapter.fallbackMarkets.map((m) => m.symbol), pollIntervalMs: 1000 },
        http: createHttpClient(restUrl, { timeoutMs: 5000, maxRequestsPerSec: 50, retries: 0 }),
        onEvent,
        now,
        backoff: { initialMs: 50, maxMs: 300, factor: 2, jitter: 0.5 },
      }),
    );
  }
  repairer = new GapRepairer({
    collectors,
    readBars: (venue, market, fromMs, toMs) => store.readBars({ fromMs, toMs, venues: [venue], markets: [market], durationMs: MIN }),
    onRepaired: (bars) => pipeline.storeRepaired(bars),
    barMs: MIN,
    // Wall ms: the reconnect minute closes at most a bar and the grace after data is back.
    settleMs: (MIN + GRACE_MS) / SPEED + 700,
  });

  const sim = new Simulator({ seed: 5, startTs: sim0, markEveryMs: 5000, oiEveryMs: 10_000, markets: SIM_MARKETS.filter((m) => venues.includes(m.venue)) });
  const trades: TradeEvent[] = [];
  let held: { from: number; to: number } | null = null;
  const pump = setInterval(() => {
    sim.runUntil(now(), (events) => {
      for (const e of events) {
        if (e.kind === 'trade') {
          if (held && e.ts >= held.from && e.ts < held.to) continue;
          trades.push(e);
        }
        servers.get(e.venue)?.publish(e);
      }
    });
  }, 20);
  const tick = setInterval(() => pipeline.tick(now()), 100);
  for (const c of collectors) await c.start();

  return {
    now,
    servers,
    collectors,
    store,
    pipeline,
    repairer,
    closed,
    trades,
    statuses,
    withhold: (from, to) => {
      held = { from, to };
    },
    async close() {
      clearInterval(pump);
      clearInterval(tick);
      repairer?.stop();
      for (const c of collectors) c.stop();
      await Promise.all([...servers.values()].map((s) => s.close()));
      await pipeline.flush();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
