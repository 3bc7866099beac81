// Margin rules of every venue-market (pure data; the model and the simulator read them).
import type { VenueRules } from '../core/margin.js';
import type { VenueId } from '../core/events.js';
import { RULES as binanceUsdm } from './binance-usdm/rules.js';
import { RULES as binanceCoinm } from './binance-coinm/rules.js';
import { RULES as bybitLinear } from './bybit-linear/rules.js';
import { RULES as bybitInverse } from './bybit-inverse/rules.js';
import { RULES as okxSwap } from './okx-swap/rules.js';
import { RULES as bitget } from './bitget/rules.js';
import { RULES as gate } from './gate/rules.js';
import { RULES as kucoin } from './kucoin/rules.js';
import { RULES as hyperliquid } from './hyperliquid/rules.js';
import { RULES as bitmex } from './bitmex/rules.js';
import { RULES as deribit } from './deribit/rules.js';

export const VENUE_RULES: Readonly<Record<VenueId, Readonly<Record<string, VenueRules>>>> = {
  'binance-usdm': binanceUsdm,
  'binance-coinm': binanceCoinm,
  'bybit-linear': bybitLinear,
  'bybit-inverse': bybitInverse,
  'okx-swap': okxSwap,
  bitget,
  gate,
  kucoin,
  hyperliquid,
  bitmex,
  deribit,
};

/** Rules for a venue-market; an unknown market of a known venue gets the venue's first market's rules. */
export function rulesFor(venue: VenueId, market: string): VenueRules {
  const table = VENUE_RULES[venue];
  const r = table[market] ?? Object.values(table)[0];
  if (!r) throw new Error(`no margin rules for ${venue}`);
  return r;
}
