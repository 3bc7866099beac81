// Binance USDⓈ-M futures (BTCUSDT, linear, sizes in BTC). Protocol facts: ../shared/exchanges/binance.md.
import { createBinanceAdapter } from './adapter.js';
import { USDM_PROFILE } from './profile.js';
import { RULES } from './rules.js';

export const adapter = createBinanceAdapter(USDM_PROFILE, RULES);
