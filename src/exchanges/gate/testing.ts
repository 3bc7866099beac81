// Test support for the Gate suites: fixture loading and the market table the fixtures need.
import type { MarketSpec } from '../../core/venue.js';
import { fixtureLines, type FixtureLine } from '../testing/fixtures.js';
import { GATE_FALLBACK_MARKETS } from './markets.js';

export type { FixtureLine as Fixture } from '../testing/fixtures.js';

export const fixtures = (channel: string): FixtureLine[] => fixtureLines(import.meta.dirname, channel);

export const FIXTURE_CHANNELS = ['trades', 'tickers', 'public_liquidates', 'contract_stats', 'control'] as const;

/** BTC_USDT plus the other contracts of the captured frames, sized 1 so qty = contracts. */
export const TEST_MARKETS: readonly MarketSpec[] = [
  ...GATE_FALLBACK_MARKETS,
  ...['ETH_USDT', 'COMP_USDT', 'ETC_USD', 'BSV_USDT', 'HEI_USDT', 'LAB_USDT'].map(
    (symbol): MarketSpec => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.01, maxLeverage: 50 }),
  ),
];
