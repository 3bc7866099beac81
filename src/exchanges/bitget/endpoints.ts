// Bitget's one public socket (wss://ws.bitget.com/v2/ws/public): trade + ticker per market.
import type { MarketSpec, VenueRuntimeConfig, WsEndpoint } from '../../core/venue.js';

/** The WebSocket instType of USDT-margined futures (must be upper case: bitget.md §4.5). */
export const INST_TYPE = 'USDT-FUTURES';

/** The configured URL as is; a bare host (e.g. a mock's root URL) gets the real path /v2/ws/public. */
export function socketUrl(wsUrl: string): string {
  const u = new URL(wsUrl);
  if (u.pathname.replace(/\/+$/, '') === '') u.pathname = '/v2/ws/public';
  return u.href;
}

/** All channels in one subscribe message: Bitget counts pings and subscribes against 10 messages/s. */
export function subscribeFrame(markets: readonly MarketSpec[]): string {
  const args = markets.flatMap((m) => ['trade', 'ticker'].map((channel) => ({ instType: INST_TYPE, channel, instId: m.symbol })));
  return JSON.stringify({ op: 'subscribe', args });
}

/**
 * Keep-alive (bitget.md §1.3): text "ping" within 30 s (we send every 25 s), answered "pong";
 * 10 client messages/s. The forced 24 h disconnect is an ordinary reconnect for us.
 * Silence: the ticker pushes every 100–300 ms while the market trades.
 */
export function bitgetEndpoints(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): readonly WsEndpoint[] {
  return [
    {
      name: 'public',
      url: socketUrl(cfg.wsUrl),
      subscribe: [subscribeFrame(markets)],
      keepalive: { intervalMs: 25_000, message: 'ping' },
      maxMessagesPerSec: 10,
      silenceTimeoutMs: 30_000,
    },
  ];
}
