// A closed bar of one venue-market: the model's only input.
import { z } from 'zod';
import { VenueIdSchema } from '../core/events.js';

const num = z.number().finite();
const nullableNum = num.nullable();

export const BarSchema = z.object({
  venue: VenueIdSchema,
  market: z.string().min(1),
  /** Bar open time, ms epoch. */
  ts: z.number().int().nonnegative(),
  /** Bar length in ms (60_000 for live bars). */
  durationMs: z.number().int().positive(),
  /** Trade prices, USD per BTC. A bar without trades carries the previous close. */
  open: num.positive(),
  high: num.positive(),
  low: num.positive(),
  close: num.positive(),
  /** Volume-weighted average trade price; equals close when there were no trades. */
  vwap: num.positive(),
  /** Taker buy and taker sell volume, BTC. */
  buyVolume: num.nonnegative(),
  sellVolume: num.nonnegative(),
  trades: z.number().int().nonnegative(),
  /** One-sided open interest at the bar's close (last known value), BTC and USD; null when never seen. */
  oiBtc: nullableNum,
  oiUsd: nullableNum,
  /** Mark price over the bar; null when the venue gave none. */
  markHigh: nullableNum,
  markLow: nullableNum,
  markClose: nullableNum,
  /** Last funding rate seen (fraction per interval). */
  fundingRate: nullableNum,
  /** Real liquidations published by the venue during the bar. */
  liqLongBtc: num.nonnegative(),
  liqLongUsd: num.nonnegative(),
  liqLongCount: z.number().int().nonnegative(),
  liqShortBtc: num.nonnegative(),
  liqShortUsd: num.nonnegative(),
  liqShortCount: z.number().int().nonnegative(),
  /** True when the feed was disconnected for part of the bar: the bar may be incomplete. */
  gap: z.boolean(),
});
export type Bar = Readonly<z.infer<typeof BarSchema>>;

/** The fields a bar made from price history alone lacks: no mark price, funding or real liquidations. */
export const NO_MARK_NO_LIQUIDATIONS = {
  markHigh: null,
  markLow: null,
  markClose: null,
  fundingRate: null,
  liqLongBtc: 0,
  liqLongUsd: 0,
  liqLongCount: 0,
  liqShortBtc: 0,
  liqShortUsd: 0,
  liqShortCount: 0,
} as const;
