// Binance COIN-M: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import type { MarketSpec } from '../src/core/venue.js';
import { adapter } from '../src/exchanges/binance-coinm/index.js';
import { benchBinance } from './venue-binance-usdm.bench.js';

export default function run(): void {
  // The real COIN-M frames are of quarterlies and the perpetual: all 100-USD contracts.
  const markets: MarketSpec[] = ['BTCUSD_PERP', 'BTCUSD_200626', 'BTCUSD_200925'].map((symbol) => ({
    symbol,
    kind: 'inverse',
    contractSize: 100,
    tickSize: 0.1,
    maxLeverage: 125,
  }));
  benchBinance(adapter, 'binance-delivery', markets);
}
