// Fuzz the COIN-M parser with mutated real frames (../binance-usdm/fuzz-suite.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketSpec } from '../../core/venue.js';
import { binanceFuzzSuite } from '../binance-usdm/fuzz-suite.js';
import { fixture } from '../binance-usdm/test-support.js';
import { adapter } from './index.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const markets: MarketSpec[] = ['BTCUSD_PERP', 'BTCUSD_200626', 'BTCUSD_200925', 'ETHUSD_PERP'].map((symbol) => ({
  symbol,
  kind: 'inverse',
  contractSize: symbol.startsWith('ETH') ? 10 : 100,
  tickSize: 0.1,
  maxLeverage: 125,
}));
const hist = '[{"pair":"BTCUSD","contractType":"PERPETUAL","sumOpenInterest":"20403","sumOpenInterestValue":"176.196512","timestamp":1591261042378}]';

binanceFuzzSuite({
  adapter,
  dir,
  markets,
  rest: [
    ...fixture(dir, 'rest-openInterest').map((f) => ({ path: '/dapi/v1/openInterest?symbol=BTCUSD_PERP', raw: f.raw })),
    { path: '/futures/data/openInterestHist?pair=BTCUSD&contractType=PERPETUAL', raw: hist },
  ],
  markFrame: '{"e":"markPriceUpdate","E":1700000000000,"s":"ETHUSD_PERP","p":"2000"}',
});
