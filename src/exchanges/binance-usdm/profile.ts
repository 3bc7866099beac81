// What differs between Binance's two futures markets. USDⓈ-M and COIN-M speak the same protocol
// (../shared/exchanges/binance.md §1–3); this module and its siblings implement it once, and each
// venue directory supplies its profile.
import type { VenueId } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';

export interface BinanceProfile {
  readonly venue: Extract<VenueId, 'binance-usdm' | 'binance-coinm'>;
  /** linear: sizes in BTC (USDⓈ-M); inverse: sizes in contracts of `contractSize` USD (COIN-M). */
  readonly kind: 'linear' | 'inverse';
  /** WebSocket base; the connector appends `/stream?streams=…`. */
  readonly defaultWsUrl: string;
  /** Base path used when the configured WebSocket URL is a bare host (connect.ts combinedUrl). */
  readonly defaultWsPath: string;
  readonly defaultRestUrl: string;
  /** REST API prefix: `/fapi/v1` or `/dapi/v1`. */
  readonly api: string;
  readonly fallbackMarkets: readonly MarketSpec[];
  /** Mock only: which WebSocket paths carry which stream category. */
  readonly wsPaths: readonly { readonly prefix: string; readonly category: StreamCategory }[];
}

/**
 * USDⓈ-M split its base URL in 2026: `/market` (aggTrade, forceOrder, markPrice, …) and `/public`
 * (depth, bookTicker; ccxt also routes `@trade` there). The legacy root connects but pushes nothing
 * since 2026-04-23. COIN-M has one base for everything.
 */
export type StreamCategory = 'market' | 'public' | 'legacy' | 'all';

export const USDM_PROFILE: BinanceProfile = {
  venue: 'binance-usdm',
  kind: 'linear',
  defaultWsUrl: 'wss://fstream.binance.com/market',
  defaultWsPath: '/market',
  defaultRestUrl: 'https://fapi.binance.com',
  api: '/fapi/v1',
  // tickSize 0.10 is the current BTCUSDT value [unverified]; stepSize 0.001 BTC (binance.md §3).
  fallbackMarkets: [{ symbol: 'BTCUSDT', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 125 }],
  wsPaths: [
    { prefix: '/market', category: 'market' },
    { prefix: '/public', category: 'public' },
    { prefix: '', category: 'legacy' },
  ],
};

/** Category of a stream name on the split USDⓈ-M base (binance.md §1.1, ccxt getFutureWsCategory). */
export function streamCategory(stream: string): 'market' | 'public' {
  const channel = stream.slice(stream.indexOf('@') + 1);
  return /^(depth|rpiDepth|bookTicker|trade$)/.test(channel) ? 'public' : 'market';
}
