// BitMEX: XBTUSD inverse and XBTUSDT linear, initMargin 1% (100x), maintMargin 0.35% (bitmex.md).
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  XBTUSD: {
    formula: 'inverse',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.0035, maxLeverage: 100 }],
    source: 'bitmex.md instrument example',
  },
  XBTUSDT: {
    formula: 'entry-mm',
    maxLeverage: 100,
    tiers: [{ maxNotionalUsd: Infinity, mmr: 0.0035, maxLeverage: 100 }],
    source: 'bitmex.md [unverified for XBTUSDT]',
  },
};
