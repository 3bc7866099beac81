// The simulated venue-markets and their share of BTC perpetual open interest (issue 9's split:
// Binance ~45%, Bybit ~20%, OKX ~15%, Bitget ~8%, Gate ~5%, KuCoin ~3%, the rest shared).
import type { VenueId } from '../core/events.js';

export interface SimMarket {
  readonly venue: VenueId;
  readonly market: string;
  readonly kind: 'linear' | 'inverse';
  /** Share of total one-sided open interest. */
  readonly oiShare: number;
  /** Standing basis to the global price, fraction (venues differ by a few bp). */
  readonly basis: number;
}

export const SIM_MARKETS: readonly SimMarket[] = [
  { venue: 'binance-usdm', market: 'BTCUSDT', kind: 'linear', oiShare: 0.38, basis: 0 },
  { venue: 'binance-coinm', market: 'BTCUSD_PERP', kind: 'inverse', oiShare: 0.07, basis: 0.0002 },
  { venue: 'bybit-linear', market: 'BTCUSDT', kind: 'linear', oiShare: 0.16, basis: 0.0001 },
  { venue: 'bybit-inverse', market: 'BTCUSD', kind: 'inverse', oiShare: 0.04, basis: 0.0003 },
  { venue: 'okx-swap', market: 'BTC-USDT-SWAP', kind: 'linear', oiShare: 0.11, basis: -0.0001 },
  { venue: 'okx-swap', market: 'BTC-USD-SWAP', kind: 'inverse', oiShare: 0.04, basis: 0.0002 },
  { venue: 'bitget', market: 'BTCUSDT', kind: 'linear', oiShare: 0.08, basis: 0.0001 },
  { venue: 'gate', market: 'BTC_USDT', kind: 'linear', oiShare: 0.05, basis: -0.0002 },
  { venue: 'kucoin', market: 'XBTUSDTM', kind: 'linear', oiShare: 0.03, basis: 0.0002 },
  { venue: 'hyperliquid', market: 'BTC', kind: 'linear', oiShare: 0.02, basis: 0.0003 },
  { venue: 'bitmex', market: 'XBTUSD', kind: 'inverse', oiShare: 0.006, basis: -0.0003 },
  { venue: 'bitmex', market: 'XBTUSDT', kind: 'linear', oiShare: 0.004, basis: -0.0001 },
  { venue: 'deribit', market: 'BTC-PERPETUAL', kind: 'inverse', oiShare: 0.01, basis: 0.0004 },
];
