// One VenueAdapter per Bybit v5 category (linear, inverse): separate sockets, same protocol.
import type { VenueId } from '../../../core/events.js';
import type { MarketSpec, VenueAdapter, WsEndpoint } from '../../../core/venue.js';
import { createV5History } from './history.js';
import { loadV5Markets, type Category } from './markets.js';
import { createV5Parser } from './parse.js';
import { PING_FRAME, PING_INTERVAL_MS, subscribeFrames } from './topics.js';

export interface V5VenueDef {
  readonly id: VenueId;
  readonly category: Category;
  readonly fallbackMarkets: readonly MarketSpec[];
}

export const DEFAULT_REST_URL = 'https://api.bybit.com';
/** Tickers push every 100 ms on BTC perps, so 30 s without data means a dead stream. */
export const SILENCE_TIMEOUT_MS = 30_000;
/** No public client-message rate is documented for v5; we send at most 10 per second [inferred]. */
export const MAX_MESSAGES_PER_SEC = 10;

export function createV5Adapter(def: V5VenueDef): VenueAdapter {
  return {
    id: def.id,
    defaultWsUrl: `wss://stream.bybit.com/v5/public/${def.category}`,
    defaultRestUrl: DEFAULT_REST_URL,
    fallbackMarkets: def.fallbackMarkets,
    publishesLiquidations: true,
    loadMarkets: (http, symbols) => loadV5Markets(http, def.category, symbols),
    async endpoints(cfg, markets) {
      const ep: WsEndpoint = {
        name: def.category,
        url: cfg.wsUrl,
        subscribe: subscribeFrames(markets.map((m) => m.symbol)),
        keepalive: { intervalMs: PING_INTERVAL_MS, message: PING_FRAME },
        maxMessagesPerSec: MAX_MESSAGES_PER_SEC,
        silenceTimeoutMs: SILENCE_TIMEOUT_MS,
      };
      return [ep];
    },
    // Open interest, mark and funding all arrive on tickers.{symbol}: nothing to poll.
    polls: () => [],
    createParser: (markets) => createV5Parser(def.id, markets),
    history: createV5History(def.category),
  };
}
