// Bitget USDT-M BTCUSDT: max leverage 125, tier 1 keepMarginRate 0.4% up to 150,000 USDT (bitget.md §3.4).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSDT: {
    formula: 'entry-mm',
    maxLeverage: 125,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.004, maxLeverage: 125 }],
    source: 'bitget.md §3.4',
  },
};
