// Gate USDT futures BTC_USDT: tier 1 maintenance_rate 0.5%, leverage_max 100 (gate.md risk_limit_tiers example).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTC_USDT: {
    formula: 'entry-mm',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }],
    source: 'gate.md risk_limit_tiers example',
  },
};
