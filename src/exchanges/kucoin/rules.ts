// KuCoin XBTUSDTM: maintainMargin 0.5%, maxLeverage 100 in the contracts example (kucoin.md).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  XBTUSDTM: {
    formula: 'entry-mm',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }],
    source: 'kucoin.md contracts example',
  },
};
