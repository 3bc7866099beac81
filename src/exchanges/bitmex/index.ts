// BitMEX adapter: one realtime socket (trade, liquidation, instrument per symbol, op-subscribe),
// text "ping"/"pong" keep-alive, instrument facts from REST, 1m buckets for gap repair. Everything
// (OI, mark, funding) is pushed by the instrument table, so there is no REST poll.
import type { MarketSpec, RestPoll, VenueAdapter, VenueRuntimeConfig, WsEndpoint } from '../../core/venue.js';
import { history } from './history.js';
import { FALLBACK_MARKETS, loadMarkets } from './markets.js';
import { createBitmexParser } from './parse.js';

/** Subscribe ops, at most 10 args per message (as tardis-dev sends them). */
export function subscribeFrames(markets: readonly MarketSpec[]): string[] {
  const args = markets.flatMap((m) => [`trade:${m.symbol}`, `liquidation:${m.symbol}`, `instrument:${m.symbol}`]);
  const out: string[] = [];
  for (let i = 0; i < args.length; i += 10) out.push(JSON.stringify({ op: 'subscribe', args: args.slice(i, i + 10) }));
  return out;
}

export const adapter: VenueAdapter = {
  id: 'bitmex',
  defaultWsUrl: 'wss://ws.bitmex.com/realtime',
  defaultRestUrl: 'https://www.bitmex.com/api/v1',
  fallbackMarkets: FALLBACK_MARKETS,
  publishesLiquidations: true,
  loadMarkets,
  async endpoints(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): Promise<readonly WsEndpoint[]> {
    return [
      {
        name: 'realtime',
        url: cfg.wsUrl,
        subscribe: subscribeFrames(markets),
        // BitMEX: send the text "ping" when the socket has been quiet; the answer is the text "pong" (§1.4).
        keepalive: { intervalMs: 5_000, message: 'ping' },
        maxMessagesPerSec: 5,
        // XBTUSD instrument updates arrive several times a second; 20 s of nothing is a dead feed.
        silenceTimeoutMs: 20_000,
      },
    ];
  },
  polls(): readonly RestPoll[] {
    return [];
  },
  createParser: (markets) => createBitmexParser(markets),
  history,
};
