// The real VenueCollector against the COIN-M mock, one test per fault (../binance-usdm/connector-suite.ts).
import { expect } from 'vitest';
import { binanceConnectorSuite } from '../binance-usdm/connector-suite.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

binanceConnectorSuite({
  adapter,
  createMockProtocol: () => createMockProtocol(),
  market: 'BTCUSD_PERP',
  currentPath: '',
  // COIN-M open interest is contracts of 100 USD: USD is exact, BTC is valued at the last price.
  checkOi: (e) => {
    expect(e.oiUsd).toBe(80000 * 60000);
    // Valued at the last mark, which the simulated market moves up from 60 000 by 0.5 a tick.
    expect(e.oiBtc).toBeLessThanOrEqual(80000);
    expect(e.oiBtc).toBeGreaterThan(79_000);
  },
});
