// The Binance futures adapter, built from a profile (USDⓈ-M or COIN-M).
import type { VenueRules } from '../../core/margin.js';
import type { VenueAdapter } from '../../core/venue.js';
import { binanceEndpoints, binancePolls } from './connect.js';
import { binanceHistory } from './history.js';
import { loadBinanceMarkets } from './instruments.js';
import { createBinanceParser } from './parse.js';
import type { BinanceProfile } from './profile.js';

export function createBinanceAdapter(profile: BinanceProfile, rules: Readonly<Record<string, VenueRules>>): VenueAdapter {
  return {
    id: profile.venue,
    defaultWsUrl: profile.defaultWsUrl,
    defaultRestUrl: profile.defaultRestUrl,
    fallbackMarkets: profile.fallbackMarkets,
    // forceOrder is public, but at most the latest liquidation per symbol per second (doc).
    publishesLiquidations: true,
    loadMarkets: (http, symbols) => loadBinanceMarkets(profile, http, symbols, rules),
    endpoints: (cfg, markets) => Promise.resolve(binanceEndpoints(profile, cfg, markets)),
    polls: (cfg, markets) => binancePolls(profile, cfg, markets),
    createParser: (markets) => createBinanceParser(profile, markets),
    history: binanceHistory(profile),
  };
}
