// Mock Binance COIN-M server protocol (tests and the offline demo).
import type { MockProtocol } from '../mock/server.js';
import { createBinanceMockProtocol, type BinanceMockOptions } from '../binance-usdm/mock-protocol.js';
import { COINM_PROFILE } from './profile.js';

export function createMockProtocol(opts: BinanceMockOptions = {}): MockProtocol {
  return createBinanceMockProtocol(COINM_PROFILE, opts);
}
