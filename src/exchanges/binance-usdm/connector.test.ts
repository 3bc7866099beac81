// The real VenueCollector against the USDⓈ-M mock, one test per fault (see connector-suite.ts).
import { expect } from 'vitest';
import { binanceConnectorSuite } from './connector-suite.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

binanceConnectorSuite({
  adapter,
  createMockProtocol: () => createMockProtocol(),
  market: 'BTCUSDT',
  // The bare mock root, as the demo passes it: the adapter adds /market itself.
  currentPath: '',
  // Retired 2026-04-23: the handshake completes, no market frames follow (binance.md §1.1).
  silentPath: '/stream',
  // USDⓈ-M open interest is BTC as published.
  checkOi: (e) => expect(e.oiBtc).toBe(80000),
});
