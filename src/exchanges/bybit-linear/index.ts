// Bybit USDT perpetual BTCUSDT (v5 category "linear"; sizes in BTC). Protocol code in ./v5/.
import type { MarketSpec } from '../../core/venue.js';
import { createV5Adapter } from './v5/adapter.js';

/** From the real instruments-info answer of 2026-08-09 (cryptofeed capture): tick 0.10, 100×. */
export const FALLBACK_MARKETS: readonly MarketSpec[] = [{ symbol: 'BTCUSDT', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 100 }];

export const adapter = createV5Adapter({ id: 'bybit-linear', category: 'linear', fallbackMarkets: FALLBACK_MARKETS });
