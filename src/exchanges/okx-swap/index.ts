// OKX perpetual swaps (BTC-USDT-SWAP linear, BTC-USD-SWAP inverse): one adapter, two markets,
// two sockets (public + business). Open interest is pushed, so there is nothing to poll.
import type { VenueAdapter } from '../../core/venue.js';
import { okxEndpoints } from './endpoints.js';
import { okxHistory } from './history.js';
import { FALLBACK_MARKETS, loadMarkets } from './markets.js';
import { OkxParser } from './parse.js';

export const adapter: VenueAdapter = {
  id: 'okx-swap',
  defaultWsUrl: 'wss://ws.okx.com:8443/ws/v5/public',
  defaultRestUrl: 'https://www.okx.com',
  fallbackMarkets: FALLBACK_MARKETS,
  publishesLiquidations: true,
  loadMarkets,
  endpoints: async (cfg, markets) => okxEndpoints(cfg, markets),
  polls: () => [],
  createParser: (markets) => new OkxParser(markets),
  history: okxHistory,
};
