// Bybit inverse perpetual BTCUSD (margin in BTC). Tier 1 MMR 0.5% [unverified].
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSD: {
    formula: 'inverse',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }],
    source: 'bybit.md; MMR [unverified]',
  },
};
