// Binance COIN-M (inverse, margin in BTC). Tier values as USDⓈ-M tier 1 [unverified for COIN-M].
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
