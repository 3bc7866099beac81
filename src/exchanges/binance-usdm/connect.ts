// Binance futures connection plan: which streams, on which sockets, and the REST polls.
import type { MarketSpec, RestPoll, VenueRuntimeConfig, WsEndpoint } from '../../core/venue.js';
import type { BinanceProfile } from './profile.js';

/** ccxt and nautilus keep ≤ 200 streams per connection (docs allow 1024): we do too. */
export const MAX_STREAMS_PER_CONNECTION = 200;
/** Doc: 10 incoming messages/s per connection, over → disconnect. Pongs count, so stay at half. */
export const MAX_CLIENT_MESSAGES_PER_SEC = 5;
/** Doc: a connection lives 24 h; leave before the cut so the gap is ours to choose. */
export const MAX_LIFETIME_MS = 23.5 * 3600_000;
/** markPrice@1s guarantees a frame a second, so 10 s of nothing means the socket is dead or mute. */
export const SILENCE_TIMEOUT_MS = 10_000;

/** The three streams per market, lowercase as Binance requires (binance.md §1.3). */
export function streamsFor(symbol: string): string[] {
  const s = symbol.toLowerCase();
  return [`${s}@aggTrade`, `${s}@forceOrder`, `${s}@markPrice@1s`];
}

/**
 * The combined-stream URL `<base>/stream?streams=a/b/c`. A bare host (the demo's mock root, or
 * `wss://fstream.binance.com`) gets the venue's current base path (USDⓈ-M `/market`); a URL with a
 * path is taken as given, minus a trailing `/ws` or `/stream` — so `wss://fstream.binance.com/stream`
 * really is the retired legacy endpoint, and the silence watchdog will say so.
 */
export function combinedUrl(configured: string, defaultPath: string, streams: readonly string[]): string {
  const u = new URL(configured);
  let path = u.pathname.replace(/\/+$/, '');
  path = path === '' ? defaultPath : path.replace(/\/(ws|stream)$/, '');
  return `${u.protocol}//${u.host}${path}/stream?streams=${streams.join('/')}`;
}

/**
 * Streams go in the combined-stream URL, so a reconnect resubscribes by construction and no client
 * message is needed (SUBSCRIBE over the socket works as well; the mock serves both).
 */
export function binanceEndpoints(profile: BinanceProfile, cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): WsEndpoint[] {
  const all = markets.flatMap((m) => streamsFor(m.symbol));
  const out: WsEndpoint[] = [];
  for (let i = 0; i < all.length; i += MAX_STREAMS_PER_CONNECTION) {
    const chunk = all.slice(i, i + MAX_STREAMS_PER_CONNECTION);
    out.push({
      name: `market-${out.length}`,
      url: combinedUrl(cfg.wsUrl, profile.defaultWsPath, chunk),
      subscribe: [],
      // Server sends WS ping frames every 3 min; the ws library answers with pongs itself.
      maxLifetimeMs: MAX_LIFETIME_MS,
      maxMessagesPerSec: MAX_CLIENT_MESSAGES_PER_SEC,
      silenceTimeoutMs: SILENCE_TIMEOUT_MS,
    });
  }
  return out;
}

/** Open interest is not pushed: poll `openInterest` (weight 1) per market. */
export function binancePolls(profile: BinanceProfile, cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): RestPoll[] {
  return markets.map((m) => ({
    request: { method: 'GET', path: `${profile.api}/openInterest?symbol=${m.symbol}` },
    intervalMs: cfg.pollIntervalMs,
  }));
}
