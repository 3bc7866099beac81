// Hyperliquid BTC: max leverage 40, MMR = 1/(2·maxLeverage) = 1.25%; > 150M USD: 20x, 2.5% (hyperliquid.md §3.5).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTC: {
    formula: 'entry-mm',
    maxLeverage: 40,
    tiers: [
      { maxNotionalUsd: 150_000_000, mmr: 1 / (2 * 40), maxLeverage: 40 },
      { maxNotionalUsd: Infinity, mmr: 1 / (2 * 20), maxLeverage: 20 },
    ],
    source: 'hyperliquid.md §3.5 (meta marginTables id 56)',
  },
};
