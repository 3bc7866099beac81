// Mock Bybit v5 linear stream + REST (protocol in ./v5/mock.ts).
import type { MockProtocol } from '../mock/server.js';
import { FALLBACK_MARKETS } from './index.js';
import { createV5MockProtocol } from './v5/mock.js';

/** instruments-info row of BTCUSDT, verbatim from the real answer of 2026-08-09 (cryptofeed BYBIT capture). */
const BTCUSDT_INSTRUMENT = {
  symbol: 'BTCUSDT',
  contractType: 'LinearPerpetual',
  status: 'Trading',
  baseCoin: 'BTC',
  quoteCoin: 'USDT',
  launchTime: '1584230400000',
  deliveryTime: '0',
  deliveryFeeRate: '',
  priceScale: '2',
  leverageFilter: { minLeverage: '1', maxLeverage: '100.00', leverageStep: '0.01' },
  priceFilter: { minPrice: '0.10', maxPrice: '1999999.80', tickSize: '0.10' },
  lotSizeFilter: { maxOrderQty: '1500.000', minOrderQty: '0.001', qtyStep: '0.001', postOnlyMaxOrderQty: '1500.000', maxMktOrderQty: '150.000', minNotionalValue: '5' },
  unifiedMarginTrade: true,
  fundingInterval: 480,
  settleCoin: 'USDT',
  copyTrading: 'both',
  upperFundingRate: '0.005',
  lowerFundingRate: '-0.005',
  isPreListing: false,
  preListingInfo: null,
  riskParameters: { priceLimitRatioX: '0.01', priceLimitRatioY: '0.02' },
  displayName: '',
  symbolType: '',
  forbidUplWithdrawal: false,
  symbolId: 5,
};

/** Tier 1 as in rules.ts (0.5 % maintenance, 100×, cap 2,000,000 USDT) [unverified]; live answers give rates as fractions. */
const BTCUSDT_RISK = [
  { id: 1, symbol: 'BTCUSDT', riskLimitValue: '2000000', maintenanceMargin: '0.005', initialMargin: '0.01', isLowestRisk: 1, maxLeverage: '100.00', mmDeduction: '' },
];

export function createMockProtocol(): MockProtocol {
  return createV5MockProtocol({
    venue: 'bybit-linear',
    category: 'linear',
    markets: FALLBACK_MARKETS,
    instruments: new Map([['BTCUSDT', BTCUSDT_INSTRUMENT]]),
    riskLimits: new Map([['BTCUSDT', BTCUSDT_RISK]]),
  });
}
