// Bitget USDT-M BTCUSDT: max leverage 125, tier 1 keepMarginRate 0.4% up to 150,000 USDT (bitget.md §3.4,
// live bound per a ccxt comment). Higher tiers (public: /api/v2/mix/market/query-position-lever) are not in
// the facts file, so tier 1 is applied to every size.
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSDT: {
    formula: 'entry-mm',
    maxLeverage: 125,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.004, maxLeverage: 125 }],
    source: 'bitget.md §3.4',
  },
};
