// Mock Binance USDⓈ-M server protocol (tests and the offline demo).
import type { MockProtocol } from '../mock/server.js';
import { createBinanceMockProtocol, type BinanceMockOptions } from './mock-protocol.js';
import { USDM_PROFILE } from './profile.js';

export function createMockProtocol(opts: BinanceMockOptions = {}): MockProtocol {
  return createBinanceMockProtocol(USDM_PROFILE, opts);
}
