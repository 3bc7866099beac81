// KuCoin futures, XBTUSDTM (BTC/USDT linear perpetual). Facts: ../shared/exchanges/kucoin.md.
// The socket URL and token come from POST /api/v1/bullet-public before EVERY connect (endpoints()
// is called again by the collector before each reconnect; a failing token request makes that
// connect attempt fail and back off). Keep-alive is KuCoin's JSON ping at the bullet's
// pingInterval; silence longer than pingInterval + pingTimeout means the link is dead (mark/index
// prices push every second). No public liquidations, no WebSocket open interest: OI is polled.
import { randomUUID } from 'node:crypto';
import type { VenueAdapter, WsEndpoint } from '../../core/venue.js';
import { connectUrl, requestBullet } from './bullet.js';
import { kucoinHistory } from './history.js';
import { KUCOIN_FALLBACK_MARKETS, loadKucoinMarkets } from './markets.js';
import { createKucoinParser } from './parse.js';

const DEFAULT_WS = 'wss://ws-api-futures.kucoin.com/';

/** Subscribe frames; several symbols share one topic joined by "," (kucoin.md §1.4). */
export function kucoinSubscriptions(symbols: readonly string[], idBase: number): string[] {
  const list = symbols.join(',');
  return [`/contractMarket/execution:${list}`, `/contract/instrument:${list}`].map((topic, i) =>
    JSON.stringify({ id: String(idBase + i), type: 'subscribe', topic, privateChannel: false, response: true }),
  );
}

export const adapter: VenueAdapter = {
  id: 'kucoin',
  // Informational: the live endpoint comes from the bullet response. A configured URL that differs
  // from this default (LIQMAP_KUCOIN_WS) replaces the bullet's endpoint; the token is still fetched.
  defaultWsUrl: DEFAULT_WS,
  defaultRestUrl: 'https://api-futures.kucoin.com',
  fallbackMarkets: KUCOIN_FALLBACK_MARKETS,
  publishesLiquidations: false,
  loadMarkets: loadKucoinMarkets,

  async endpoints(cfg, markets, http) {
    const bullet = await requestBullet(http);
    const connectId = randomUUID().replace(/-/g, '').slice(0, 16);
    const endpoint = cfg.wsUrl !== DEFAULT_WS ? cfg.wsUrl : bullet.endpoint;
    const now = Date.now();
    const ep: WsEndpoint = {
      name: 'public',
      url: connectUrl(endpoint, bullet.token, connectId),
      subscribe: kucoinSubscriptions(
        markets.map((m) => m.symbol),
        now,
      ),
      keepalive: { intervalMs: bullet.pingIntervalMs, message: JSON.stringify({ id: connectId, type: 'ping' }) },
      // Uplink cap: 100 messages per 10 s, pings included (kucoin.md §1.5).
      maxMessagesPerSec: 9,
      silenceTimeoutMs: bullet.pingIntervalMs + bullet.pingTimeoutMs,
    };
    return [ep];
  },

  polls: (cfg, markets) =>
    markets.map((m) => ({ request: { method: 'GET' as const, path: `/api/v1/contracts/${encodeURIComponent(m.symbol)}` }, intervalMs: cfg.pollIntervalMs })),
  createParser: createKucoinParser,
  history: kucoinHistory,
};
