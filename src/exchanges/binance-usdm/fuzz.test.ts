// Fuzz the USDⓈ-M parser with mutated real frames (fuzz-suite.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketSpec } from '../../core/venue.js';
import { binanceFuzzSuite } from './fuzz-suite.js';
import { adapter } from './index.js';
import { fixture } from './test-support.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const markets: MarketSpec[] = ['BTCUSDT', 'ETHUSDT', 'BTCBUSD_210129', 'ETHUSDT_230331'].map((symbol) => ({
  symbol,
  kind: 'linear',
  contractSize: 1,
  tickSize: 0.1,
  maxLeverage: 125,
}));

binanceFuzzSuite({
  adapter,
  dir,
  markets,
  rest: [
    ...fixture(dir, 'rest-openInterest').map((f) => ({ path: '/fapi/v1/openInterest?symbol=BTCUSDT', raw: f.raw })),
    ...fixture(dir, 'rest-openInterestHist').map((f) => ({ path: '/futures/data/openInterestHist?symbol=BTCUSDT', raw: f.raw })),
  ],
  markFrame: '{"e":"markPriceUpdate","E":1700000000000,"s":"BTCUSDT","p":"30000"}',
});
