// Bybit USDT perpetual. Max leverage 100 (instruments-info example, bybit.md); tier 1 MMR 0.5% [unverified].
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSDT: {
    formula: 'entry-mm',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }],
    source: 'bybit.md instruments-info example; MMR [unverified]',
  },
};
