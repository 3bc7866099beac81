// Test fixture: a server over a model stepped with deterministic bars and a temporary SQLite store.
import { LocalBus } from '../app/bus.js';
import { ConfigSchema, type Config } from '../config/schema.js';
import type { LiquidationEvent, VenueId } from '../core/events.js';
import { rulesFor } from '../exchanges/rules.js';
import { silentLogger } from './testing-log.js';
import { createModel, DEFAULT_PARAMS } from '../model/index.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { makeBars, MIN, rmTmp, T0, tmpDir } from '../store/testing/fixtures.js';
import { buildServer, type BuiltServer } from './build.js';
import type { ServerDeps, ServerOptions } from './deps.js';

export const VENUES: readonly VenueId[] = ['binance-usdm', 'bybit-linear'];
export const DAYS = 3;
/** End of the fixture's data (the model's edge). */
export const END = T0 + DAYS * 86_400_000;

export interface Fixture extends BuiltServer {
  readonly deps: ServerDeps;
  readonly bus: LocalBus;
  close(): Promise<void>;
}

export function liquidation(i: number, ts = END - 1000): LiquidationEvent {
  return {
    kind: 'liquidation',
    venue: VENUES[i % 2]!,
    market: 'BTCUSDT',
    ts,
    recvTs: ts + 5,
    price: 60_000 + (i % 100),
    qty: 0.01 + (i % 7) / 10,
    notionalUsd: (0.01 + (i % 7) / 10) * (60_000 + (i % 100)),
    side: i % 3 === 0 ? 'short' : 'long',
  };
}

export async function fixture(cfg: Partial<Config> = {}, opts: ServerOptions = {}, extra: Partial<ServerDeps> = {}): Promise<Fixture> {
  const dir = tmpDir('liqmap-server-');
  const store = SqliteStore.open(dir);
  const model = createModel(DEFAULT_PARAMS, rulesFor);
  const bars = makeBars(VENUES, T0, END);
  for (const b of bars) model.step(b);
  await store.putBars(bars, 'fill');
  await store.putLiquidations(Array.from({ length: 50 }, (_, i) => liquidation(i, END - (50 - i) * MIN)));
  const bus = new LocalBus();
  const deps: ServerDeps = {
    cfg: ConfigSchema.parse({ venues: VENUES, dataDir: dir, ...cfg }),
    store,
    bus,
    model: () => model,
    livePrice: () => ({ ts: END, price: model.vms[0]!.lastClose }),
    venues: VENUES,
    simulated: true,
    warmedUp: () => true,
    now: () => END + 5000,
    ...extra,
  };
  const built = await buildServer(deps, silentLogger, { logRequests: false, webDir: `${dir}/no-ui`, ...opts });
  return {
    ...built,
    deps,
    bus,
    async close() {
      await built.app.close();
      await store.close();
      rmTmp(dir);
    },
  };
}
