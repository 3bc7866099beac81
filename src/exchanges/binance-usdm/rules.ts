// Binance USDⓈ-M margin rules: the BTCUSDT table of the 2021-03-18 announcement (all ten tiers,
// verified against the page; ../shared/exchanges/binance.md §3). Live brackets need a signed
// endpoint (leverageBracket), so these are the bundled values and may be stale.
import type { VenueRules } from '../../core/margin.js';

export const RULES: Readonly<Record<string, VenueRules>> = {
  BTCUSDT: {
    formula: 'binance',
    maxLeverage: 125,
    tiers: [
      { maxNotionalUsd: 50_000, mmr: 0.004, maxLeverage: 125 },
      { maxNotionalUsd: 250_000, mmr: 0.005, maxLeverage: 100 },
      { maxNotionalUsd: 1_000_000, mmr: 0.01, maxLeverage: 50 },
      { maxNotionalUsd: 10_000_000, mmr: 0.025, maxLeverage: 20 },
      { maxNotionalUsd: 20_000_000, mmr: 0.05, maxLeverage: 10 },
      { maxNotionalUsd: 50_000_000, mmr: 0.1, maxLeverage: 5 },
      { maxNotionalUsd: 100_000_000, mmr: 0.125, maxLeverage: 4 },
      { maxNotionalUsd: 200_000_000, mmr: 0.15, maxLeverage: 3 },
      { maxNotionalUsd: 300_000_000, mmr: 0.25, maxLeverage: 2 },
      // The table ends at 500,000,000 USDT (1×); larger positions are not allowed at all.
      { maxNotionalUsd: Infinity, mmr: 0.5, maxLeverage: 1 },
    ],
    source: 'https://www.binance.com/en/support/announcement/86cf9aa472574b8cb2e05bb751c2a9a6 (2021-03-18; may be stale)',
  },
};
