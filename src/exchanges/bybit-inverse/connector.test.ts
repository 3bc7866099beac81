// The real VenueCollector against the bybit-inverse mock, for every fault (suite in ../bybit-linear/v5/connector-suite.ts).
import { connectorSuite } from '../bybit-linear/v5/connector-suite.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

connectorSuite({ adapter, mock: createMockProtocol, symbol: 'BTCUSD', price: 65000 });
