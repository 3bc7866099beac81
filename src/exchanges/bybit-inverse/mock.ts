// Mock Bybit v5 inverse stream + REST (protocol in ../bybit-linear/v5/mock.ts).
import type { MockProtocol } from '../mock/server.js';
import { createV5MockProtocol } from '../bybit-linear/v5/mock.js';
import { FALLBACK_MARKETS } from './index.js';

/** instruments-info row for BTCUSD in the documented shape; values [unverified] (no real inverse answer in our sources). */
const BTCUSD_INSTRUMENT = {
  symbol: 'BTCUSD',
  contractType: 'InversePerpetual',
  status: 'Trading',
  baseCoin: 'BTC',
  quoteCoin: 'USD',
  launchTime: '1542211200000',
  deliveryTime: '0',
  deliveryFeeRate: '',
  priceScale: '2',
  leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
  priceFilter: { minPrice: '0.50', maxPrice: '1999999.00', tickSize: '0.50' },
  lotSizeFilter: { maxOrderQty: '1000000', minOrderQty: '1', qtyStep: '1', postOnlyMaxOrderQty: '1000000' },
  unifiedMarginTrade: true,
  fundingInterval: 480,
  settleCoin: 'BTC',
  copyTrading: 'none',
  upperFundingRate: '0.005',
  lowerFundingRate: '-0.005',
};

/** Verbatim tier 1 of the risk-limit doc example (docs/v5/market/risk-limit.mdx): cap 150 BTC, rates in percent. */
const BTCUSD_RISK = [{ id: 1, symbol: 'BTCUSD', riskLimitValue: '150', maintenanceMargin: '0.5', initialMargin: '1', isLowestRisk: 1, maxLeverage: '100.00' }];

export function createMockProtocol(): MockProtocol {
  return createV5MockProtocol({
    venue: 'bybit-inverse',
    category: 'inverse',
    markets: FALLBACK_MARKETS,
    instruments: new Map([['BTCUSD', BTCUSD_INSTRUMENT]]),
    riskLimits: new Map([['BTCUSD', BTCUSD_RISK]]),
  });
}
