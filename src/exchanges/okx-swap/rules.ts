// OKX swaps: BTC-USDT-SWAP (linear) and BTC-USD-SWAP (inverse). Tier 1 MMR 0.4% and max leverage
// 100 [unverified]. The live tiers are public: GET /api/v5/public/position-tiers?instType=SWAP&tdMode=isolated
// &instFamily=BTC-USDT (fields tier, minSz/maxSz in contracts, mmr, imr, maxLever — OKX doc); their
// values were not available offline, so only tier 1 is modelled.
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
