// Bybit v5 inverse: normalise messages/s on the BTCUSD fixture frames vs JSON.parse and tardis-dev.
import { adapter } from '../src/exchanges/bybit-inverse/index.js';
import { benchBybit } from './venue-bybit-linear.bench.js';

export default function run(): void {
  benchBybit(adapter, 'bybit-inverse', 'BTCUSD', [
    '{"topic":"allLiquidation.BTCUSD","type":"snapshot","ts":1740480207578,"data":[{"T":1740480207110,"s":"BTCUSD","S":"Buy","v":"12000","p":"96000"}]}',
  ]);
}
