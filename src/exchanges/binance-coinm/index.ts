// Binance COIN-M futures (BTCUSD_PERP, inverse: contracts of 100 USD, margin in BTC).
// Protocol facts: ../shared/exchanges/binance.md; the implementation is shared with ../binance-usdm.
import { createBinanceAdapter } from '../binance-usdm/adapter.js';
import { COINM_PROFILE } from './profile.js';
import { RULES } from './rules.js';

export const adapter = createBinanceAdapter(COINM_PROFILE, RULES);
