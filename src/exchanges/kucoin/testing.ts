// Test support for the KuCoin suites: fixture loading and the markets the fixtures need.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketSpec } from '../../core/venue.js';
import { KUCOIN_FALLBACK_MARKETS } from './markets.js';

export interface Fixture {
  readonly source: string;
  readonly raw: string;
}

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixtures(channel: string): Fixture[] {
  return fs
    .readFileSync(path.join(dir, `${channel}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Fixture);
}

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
