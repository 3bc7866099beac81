// Binance COIN-M (inverse) profile. Same protocol as USDⓈ-M (../binance-usdm implements it); sizes
// are contracts of 100 USD for BTCUSD_PERP (`contractSize: 100` in dapi exchangeInfo, binance.md §2.1).
import type { BinanceProfile } from '../binance-usdm/profile.js';

export const COINM_PROFILE: BinanceProfile = {
  venue: 'binance-coinm',
  kind: 'inverse',
  defaultWsUrl: 'wss://dstream.binance.com',
  defaultWsPath: '',
  defaultRestUrl: 'https://dapi.binance.com',
  api: '/dapi/v1',
  // tickSize 0.1, 100 USD per contract (ccxt exchangeInfo sample, binance.md §3).
  fallbackMarkets: [{ symbol: 'BTCUSD_PERP', kind: 'inverse', contractSize: 100, tickSize: 0.1, maxLeverage: 125 }],
  // No market/public split on dstream: /ws and /stream carry everything.
  wsPaths: [{ prefix: '', category: 'all' }],
};
