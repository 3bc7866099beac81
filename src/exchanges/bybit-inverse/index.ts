// Bybit inverse perpetual BTCUSD (v5 category "inverse"; sizes in USD contracts of 1 USD, margin
// in BTC). Same v5 protocol as bybit-linear, on its own socket: the shared code is in ../bybit-linear/v5/.
import type { MarketSpec } from '../../core/venue.js';
import { createV5Adapter } from '../bybit-linear/v5/adapter.js';

/** 1 USD contracts, tick 0.5 (prices in the real tickers.BTCUSD frames step by 0.50), 100× (risk-limit doc example) [unverified]. */
export const FALLBACK_MARKETS: readonly MarketSpec[] = [{ symbol: 'BTCUSD', kind: 'inverse', contractSize: 1, tickSize: 0.5, maxLeverage: 100 }];

export const adapter = createV5Adapter({ id: 'bybit-inverse', category: 'inverse', fallbackMarkets: FALLBACK_MARKETS });
