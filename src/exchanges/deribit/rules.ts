// Deribit BTC-PERPETUAL (inverse, USD amounts): max 50x, maintenance roughly half the ~1% initial (deribit.md).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  'BTC-PERPETUAL': {
    formula: 'inverse',
    maxLeverage: 50,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 50 }],
    source: 'deribit.md §margin [approximate]',
  },
};
