// The normalised event contract (DESIGN §2): the single source of truth for every venue.
// Units: prices in USD per BTC, quantities in BTC, money in USD notional, times in ms epoch.
// Every event keeps two clocks: `ts` (the venue's own time) and `recvTs` (when we received it).
import { z } from 'zod';

export const VENUE_IDS = [
  'binance-usdm',
  'binance-coinm',
  'bybit-linear',
  'bybit-inverse',
  'okx-swap',
  'bitget',
  'gate',
  'kucoin',
  'hyperliquid',
  'bitmex',
  'deribit',
] as const;
export const VenueIdSchema = z.enum(VENUE_IDS);
export type VenueId = z.infer<typeof VenueIdSchema>;

export function isVenueId(v: string): v is VenueId {
  return (VENUE_IDS as readonly string[]).includes(v);
}

const positive = z.number().finite().positive();
const nonNegative = z.number().finite().nonnegative();
const epochMs = z.number().int().nonnegative();

const base = {
  venue: VenueIdSchema,
  /** The venue's own symbol, e.g. BTCUSDT, BTC-USD-SWAP. */
  market: z.string().min(1),
  /** Venue timestamp, ms epoch. */
  ts: epochMs,
  /** Local receive timestamp, ms epoch. */
  recvTs: epochMs,
};

export const TradeEventSchema = z.object({
  kind: z.literal('trade'),
  ...base,
  /** USD per BTC. */
  price: positive,
  /** BTC (contracts converted with the contract size; inverse at the trade price). */
  qty: positive,
  takerSide: z.enum(['buy', 'sell']),
  /** Venue trade id when given. */
  id: z.string().optional(),
});

export const LiquidationEventSchema = z.object({
  kind: z.literal('liquidation'),
  ...base,
  /** Average fill price when given and non-zero, else the order price. USD per BTC. */
  price: positive,
  /** BTC. */
  qty: positive,
  /** USD. */
  notionalUsd: positive,
  /** The POSITION that was liquidated (a long is closed by a SELL order). */
  side: z.enum(['long', 'short']),
});

export const OpenInterestEventSchema = z.object({
  kind: z.literal('openInterest'),
  ...base,
  /** One-sided open interest in BTC. */
  oiBtc: nonNegative,
  /** One-sided open interest in USD notional. */
  oiUsd: nonNegative,
});

export const MarkEventSchema = z.object({
  kind: z.literal('mark'),
  ...base,
  markPrice: positive,
  indexPrice: positive.optional(),
  /** Fraction per funding interval (0.0001 = 0.01%). */
  fundingRate: z.number().finite().optional(),
  nextFundingTs: epochMs.optional(),
});

/** Connection state seen by downstream: `connected:false` opens a gap, `true` closes it. */
export const StatusEventSchema = z.object({
  kind: z.literal('status'),
  ...base,
  connected: z.boolean(),
  reason: z.string(),
});

export const MarketEventSchema = z.discriminatedUnion('kind', [
  TradeEventSchema,
  LiquidationEventSchema,
  OpenInterestEventSchema,
  MarkEventSchema,
  StatusEventSchema,
]);

type DeepReadonly<T> = { readonly [K in keyof T]: T[K] };
export type TradeEvent = DeepReadonly<z.infer<typeof TradeEventSchema>>;
export type LiquidationEvent = DeepReadonly<z.infer<typeof LiquidationEventSchema>>;
export type OpenInterestEvent = DeepReadonly<z.infer<typeof OpenInterestEventSchema>>;
export type MarkEvent = DeepReadonly<z.infer<typeof MarkEventSchema>>;
export type StatusEvent = DeepReadonly<z.infer<typeof StatusEventSchema>>;
export type MarketEvent = TradeEvent | LiquidationEvent | OpenInterestEvent | MarkEvent | StatusEvent;
export type MarketEventKind = MarketEvent['kind'];

/** Raw capture line (JSONL): one per received frame or REST response. */
export const CaptureLineSchema = z.object({
  venue: VenueIdSchema,
  recvTs: epochMs,
  /** Frame text exactly as received. */
  raw: z.string(),
  source: z.enum(['ws', 'rest']).optional(),
  /** REST request path with query (source = rest). */
  path: z.string().optional(),
  /** REST request body for POST polls (source = rest). */
  body: z.string().optional(),
  /** Which socket of the venue this frame came from (venues with several endpoints). */
  conn: z.string().optional(),
});
export type CaptureLine = z.infer<typeof CaptureLineSchema>;
