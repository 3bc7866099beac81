// Bybit inverse perpetual BTCUSD (margin in BTC). Tier 1 from the risk-limit doc example
// (docs/v5/market/risk-limit.mdx): cap 150 BTC, maintenance 0.5 %, 100× — example data, may be stale [unverified].
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSD: {
    formula: 'inverse',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }],
    source: 'bybit risk-limit doc example (tier 1: 150 BTC, MM 0.5 %, 100×) [unverified]',
  },
};
