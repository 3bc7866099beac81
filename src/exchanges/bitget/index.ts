// Bitget USDT-M perpetual BTCUSDT (API v2). Trades and the ticker (mark, index, funding, open
// interest) are pushed on one public socket; Bitget has no public liquidation stream.
import type { VenueAdapter } from '../../core/venue.js';
import { bitgetEndpoints } from './endpoints.js';
import { bitgetHistory } from './history.js';
import { FALLBACK_MARKETS, loadMarkets } from './markets.js';
import { BitgetParser } from './parse.js';

export const adapter: VenueAdapter = {
  id: 'bitget',
  defaultWsUrl: 'wss://ws.bitget.com/v2/ws/public',
  defaultRestUrl: 'https://api.bitget.com',
  fallbackMarkets: FALLBACK_MARKETS,
  /** No public liquidation channel in the v2 contract WebSocket (bitget.md §1.4): none is invented. */
  publishesLiquidations: false,
  loadMarkets,
  endpoints: async (cfg, markets) => bitgetEndpoints(cfg, markets),
  polls: () => [],
  createParser: (markets) => new BitgetParser(markets),
  history: bitgetHistory,
};
