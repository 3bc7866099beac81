// Binance COIN-M (inverse, margin in BTC). Max leverage 125× for BTCUSD is confirmed by the FAQ
// "Leverage and Margin in Coin-Margined Futures Contracts"
// (https://www.binance.com/en/support/faq/be2c7d9d95b04a7e8044ed02dd7dfe5c), whose tiers are capped
// in BTC (125× up to 5–10 BTC, 100× to 10–20 BTC, 50× to 20–30 BTC, … by page version) and give no
// maintenance rates: the USD caps and rates below follow the USDⓈ-M tier-1 pattern [unverified].
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSD_PERP: {
    formula: 'inverse',
    maxLeverage: 125,
    tiers: [
      { maxNotionalUsd: 500_000, mmr: 0.004, maxLeverage: 125 },
      { maxNotionalUsd: Infinity, mmr: 0.01, maxLeverage: 50 },
    ],
    source: 'binance.md §3 [unverified for COIN-M]',
  },
};
