// Hyperliquid adapter: one WebSocket (trades + activeAssetCtx per coin), a metaAndAssetCtxs REST poll
// that keeps OI/mark flowing while the socket is down, candle history for gap repair.
// No public liquidation stream (hyperliquid.md §1.5): only backstop liquidations are recognised,
// from trades with the HLP Liquidator vault as a party (parse.ts).
import type { RestPoll, VenueAdapter, VenueRuntimeConfig, WsEndpoint, MarketSpec } from '../../core/venue.js';
import { history } from './history.js';
import { FALLBACK_MARKETS, loadMarkets, META_REQUEST } from './markets.js';
import { createHyperliquidParser } from './parse.js';

export function subscribeFrames(markets: readonly MarketSpec[]): string[] {
  return markets.flatMap((m) => [
    JSON.stringify({ method: 'subscribe', subscription: { type: 'trades', coin: m.symbol } }),
    JSON.stringify({ method: 'subscribe', subscription: { type: 'activeAssetCtx', coin: m.symbol } }),
  ]);
}

export const adapter: VenueAdapter = {
  id: 'hyperliquid',
  defaultWsUrl: 'wss://api.hyperliquid.xyz/ws',
  defaultRestUrl: 'https://api.hyperliquid.xyz',
  fallbackMarkets: FALLBACK_MARKETS,
  publishesLiquidations: false,
  loadMarkets,
  async endpoints(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): Promise<readonly WsEndpoint[]> {
    return [
      {
        name: 'ws',
        url: cfg.wsUrl,
        subscribe: subscribeFrames(markets),
        // The server drops a connection it has not sent to for 60 s; {"method":"ping"} → {"channel":"pong"} (§1.3).
        keepalive: { intervalMs: 30_000, message: '{"method":"ping"}' },
        // 2000 client messages per minute per IP (§1.4); stay well below.
        maxMessagesPerSec: 10,
        // activeAssetCtx is pushed about every block, so 30 s without data means a dead feed.
        silenceTimeoutMs: 30_000,
      },
    ];
  },
  polls(cfg: VenueRuntimeConfig): readonly RestPoll[] {
    // Weight 20 per call against 1200/min: the 5 s default uses 240/min.
    return [{ request: META_REQUEST, intervalMs: cfg.pollIntervalMs }];
  },
  createParser: (markets) => createHyperliquidParser(markets),
  history,
};
