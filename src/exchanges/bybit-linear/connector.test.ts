// The real VenueCollector against the bybit-linear mock, for every fault (suite in v5/connector-suite.ts).
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { connectorSuite } from './v5/connector-suite.js';

connectorSuite({ adapter, mock: createMockProtocol, symbol: 'BTCUSDT', price: 65000 });
