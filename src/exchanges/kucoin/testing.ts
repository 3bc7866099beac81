// Test support for the KuCoin suites: fixture loading and the markets the fixtures need.
import type { MarketSpec } from '../../core/venue.js';
import { fixtureLines, type FixtureLine } from '../testing/fixtures.js';
import { KUCOIN_FALLBACK_MARKETS } from './markets.js';

export type { FixtureLine as Fixture } from '../testing/fixtures.js';

export const fixtures = (channel: string): FixtureLine[] => fixtureLines(import.meta.dirname, channel);

export const WS_CHANNELS = ['execution', 'instrument', 'control'] as const;

/**
 * XBTUSDTM plus SOLUSDTM (tardis capture; multiplier 1 SOL [unverified], only its trade is parsed)
 * and XBTUSDM, the topic of the 2023 doc examples (only its mark/funding frames are parsed).
 */
export const TEST_MARKETS: readonly MarketSpec[] = [
  ...KUCOIN_FALLBACK_MARKETS,
  { symbol: 'SOLUSDTM', kind: 'linear', contractSize: 0.1, tickSize: 0.001, maxLeverage: 75 },
  { symbol: 'XBTUSDM', kind: 'linear', contractSize: 1, tickSize: 1, maxLeverage: 100 },
];
