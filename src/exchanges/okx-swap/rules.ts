// OKX swaps: BTC-USDT-SWAP (linear) and BTC-USD-SWAP (inverse). Tier 1 MMR 0.4% [unverified].
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  'BTC-USDT-SWAP': {
    formula: 'entry-mm',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.004, maxLeverage: 100 }],
    source: 'okx.md; values [unverified]',
  },
  'BTC-USD-SWAP': {
    formula: 'inverse',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.004, maxLeverage: 100 }],
    source: 'okx.md; values [unverified]',
  },
};
