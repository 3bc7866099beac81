// Binance USDⓈ-M margin rules. Tier 1 from the 2021-03-18 announcement (../shared/exchanges/binance.md §3);
// live brackets need a signed endpoint, so these are the bundled values.
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSDT: {
    formula: 'binance',
    maxLeverage: 125,
    tiers: [
      { maxNotionalUsd: 50_000, mmr: 0.004, maxLeverage: 125 },
      { maxNotionalUsd: 250_000, mmr: 0.005, maxLeverage: 100 },
      { maxNotionalUsd: 1_000_000, mmr: 0.01, maxLeverage: 50 },
      { maxNotionalUsd: 10_000_000, mmr: 0.025, maxLeverage: 20 },
      { maxNotionalUsd: Infinity, mmr: 0.05, maxLeverage: 10 },
    ],
    source: 'binance.com announcement 2021-03-18 (tier 1); higher tiers [unverified]',
  },
};
