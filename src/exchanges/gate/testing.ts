// Test support for the Gate suites: fixture loading and the market table the fixtures need.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketSpec } from '../../core/venue.js';
import { GATE_FALLBACK_MARKETS } from './markets.js';

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

export const FIXTURE_CHANNELS = ['trades', 'tickers', 'public_liquidates', 'contract_stats', 'control'] as const;

/** BTC_USDT plus the other contracts of the captured frames, sized 1 so qty = contracts. */
export const TEST_MARKETS: readonly MarketSpec[] = [
  ...GATE_FALLBACK_MARKETS,
  ...['ETH_USDT', 'COMP_USDT', 'ETC_USD', 'BSV_USDT', 'HEI_USDT', 'LAB_USDT'].map(
    (symbol): MarketSpec => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.01, maxLeverage: 50 }),
  ),
];
