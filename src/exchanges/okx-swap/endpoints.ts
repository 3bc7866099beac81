// OKX's two sockets: /ws/v5/public (liquidation-orders, open-interest, mark-price, funding-rate,
// index-tickers) and /ws/v5/business (trades-all, moved there on 2023-06-20 — okx.md §1).
import type { MarketSpec, VenueRuntimeConfig, WsEndpoint } from '../../core/venue.js';

/**
 * The configured wsUrl is the public socket. The business socket is the same URL with its last
 * path segment `public` replaced by `business` (wss://ws.okx.com:8443/ws/v5/public →
 * …/ws/v5/business). A bare host (e.g. a mock's root URL) gets the real paths /ws/v5/public and
 * /ws/v5/business. The query string is kept on both.
 */
export function socketUrls(wsUrl: string): { readonly public: string; readonly business: string } {
  const u = new URL(wsUrl);
  const path = u.pathname.replace(/\/+$/, '');
  const at = (p: string): string => {
    const c = new URL(u.href);
    c.pathname = p;
    return c.href;
  };
  if (path === '') return { public: at('/ws/v5/public'), business: at('/ws/v5/business') };
  const cut = path.lastIndexOf('/');
  return { public: at(path), business: at(`${path.slice(0, cut)}/business`) };
}

/** OKX index of a swap: BTC-USDT-SWAP → BTC-USDT. */
export function indexId(symbol: string): string {
  return symbol.replace(/-SWAP$/, '');
}

/** Subscribe frames: one message per socket (OKX allows 480 subscribe ops per hour per connection). */
export function subscribeFrames(markets: readonly MarketSpec[]): { readonly public: string; readonly business: string } {
  const args: Record<string, string>[] = [{ channel: 'liquidation-orders', instType: 'SWAP' }];
  for (const m of markets) {
    args.push({ channel: 'open-interest', instId: m.symbol }, { channel: 'funding-rate', instId: m.symbol });
    args.push({ channel: 'index-tickers', instId: indexId(m.symbol) }, { channel: 'mark-price', instId: m.symbol });
  }
  const trades = markets.map((m) => ({ channel: 'trades-all', instId: m.symbol }));
  return { public: JSON.stringify({ op: 'subscribe', args }), business: JSON.stringify({ op: 'subscribe', args: trades }) };
}

/**
 * Keep-alive: OKX closes a socket after 30 s without traffic and wants the text "ping" (answered
 * by "pong") — okx.md §1, ccxt pings every 18 s; we ping every 20 s. OKX caps connection
 * requests at 3/s per IP [unverified]: used as the client message rate too.
 */
export function okxEndpoints(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): readonly WsEndpoint[] {
  const urls = socketUrls(cfg.wsUrl);
  const subs = subscribeFrames(markets);
  const common = { keepalive: { intervalMs: 20_000, message: 'ping' }, maxMessagesPerSec: 3, silenceTimeoutMs: 30_000 } as const;
  return [
    { name: 'public', url: urls.public, subscribe: [subs.public], ...common },
    { name: 'business', url: urls.business, subscribe: [subs.business], ...common },
  ];
}
