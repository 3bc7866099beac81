// Starts collectors for a set of venues from the configuration (URLs, markets, poll period).
import type { Config } from '../config/schema.js';
import type { CaptureLine, MarketEvent, VenueId } from '../core/events.js';
import type { VenueAdapter, VenueRuntimeConfig } from '../core/venue.js';
import { loadAdapter } from '../exchanges/registry.js';
import type { Logger } from '../log.js';
import { VenueCollector } from './collector.js';
import { createHttpClient } from './http.js';

export interface RunningFeed {
  readonly collectors: readonly VenueCollector[];
  stop(): void;
}

export function runtimeConfig(cfg: Config, adapter: VenueAdapter): VenueRuntimeConfig {
  const o = cfg.venue[adapter.id];
  return {
    wsUrl: o?.ws ?? adapter.defaultWsUrl,
    restUrl: o?.rest ?? adapter.defaultRestUrl,
    markets: o?.markets ?? adapter.fallbackMarkets.map((m) => m.symbol),
    pollIntervalMs: cfg.pollIntervalMs,
  };
}

export async function startFeed(
  cfg: Config,
  venues: readonly VenueId[],
  sinks: { onEvent(e: MarketEvent): void; onRaw?(l: CaptureLine): void },
  log?: Logger,
): Promise<RunningFeed> {
  const collectors: VenueCollector[] = [];
  for (const id of venues) {
    if (cfg.venue[id]?.enabled === false) continue;
    const adapter = await loadAdapter(id);
    const rc = runtimeConfig(cfg, adapter);
    const c = new VenueCollector({
      adapter,
      config: rc,
      http: createHttpClient(rc.restUrl, { timeoutMs: 10_000, maxRequestsPerSec: adapter.history?.maxRequestsPerSec ?? 5 }),
      onEvent: sinks.onEvent,
      ...(sinks.onRaw ? { onRaw: sinks.onRaw } : {}),
      ...(log ? { log } : {}),
    });
    collectors.push(c);
  }
  await Promise.all(collectors.map((c) => c.start()));
  return {
    collectors,
    stop: () => {
      for (const c of collectors) c.stop();
    },
  };
}
