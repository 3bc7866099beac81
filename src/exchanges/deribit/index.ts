// Deribit adapter: one JSON-RPC socket (trades + ticker per instrument, 100ms public aggregation),
// public/set_heartbeat at connect and a public/test answer to every test_request, instrument facts
// from REST, TradingView 1m bars for gap repair. Ticker pushes OI/mark/funding: no REST poll.
import type { MarketSpec, RestPoll, VenueAdapter, VenueRuntimeConfig, WsEndpoint } from '../../core/venue.js';
import { history } from './history.js';
import { FALLBACK_MARKETS, loadMarkets } from './markets.js';
import { createDeribitParser } from './parse.js';

/** Heartbeat period asked of the server, seconds (Deribit's minimum is 10). */
export const HEARTBEAT_S = 10;

export function subscribeFrames(markets: readonly MarketSpec[]): string[] {
  const channels = markets.flatMap((m) => [`trades.${m.symbol}.100ms`, `ticker.${m.symbol}.100ms`]);
  return [
    JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'public/set_heartbeat', params: { interval: HEARTBEAT_S } }),
    JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'public/subscribe', params: { channels } }),
  ];
}

/** The answer to a server `test_request` heartbeat (unanswered, the server closes the socket). */
export function heartbeatReply(frame: string): string | undefined {
  if (!frame.includes('"test_request"')) return undefined;
  try {
    const msg = JSON.parse(frame) as { method?: unknown; params?: { type?: unknown } };
    if (msg.method !== 'heartbeat' || msg.params?.type !== 'test_request') return undefined;
  } catch {
    return undefined;
  }
  return JSON.stringify({ jsonrpc: '2.0', id: 3, method: 'public/test', params: {} });
}

export const adapter: VenueAdapter = {
  id: 'deribit',
  defaultWsUrl: 'wss://www.deribit.com/ws/api/v2',
  defaultRestUrl: 'https://www.deribit.com/api/v2',
  fallbackMarkets: FALLBACK_MARKETS,
  publishesLiquidations: true,
  loadMarkets,
  async endpoints(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): Promise<readonly WsEndpoint[]> {
    return [
      {
        name: 'ws',
        url: cfg.wsUrl,
        subscribe: subscribeFrames(markets),
        reply: heartbeatReply,
        maxMessagesPerSec: 5,
        // The ticker is pushed every 100 ms; 15 s without data means a dead feed (heartbeats don't count).
        silenceTimeoutMs: 15_000,
      },
    ];
  },
  polls(): readonly RestPoll[] {
    return [];
  },
  createParser: (markets) => createDeribitParser(markets),
  history,
};
