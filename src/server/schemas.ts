// Response schemas (zod): they document the API in the OpenAPI document and the contract tests check
// real responses against that document.
import { z } from 'zod';
import { BarSchema } from '../bars/bar.js';
import { VENUE_IDS } from '../core/events.js';

const usd = z.number();
const side = z.enum(['long', 'short']);
const venue = z.enum(VENUE_IDS);

export const ErrorSchema = z.object({
  error: z.string().describe('machine-readable code: bad_request, not_found, rate_limited, unauthorized, no_data, …'),
  param: z.string().optional().describe('the query parameter at fault'),
  message: z.string(),
});

export const HeatmapSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  cols: z.number().int(),
  rows: z.number().int(),
  priceLo: z.number(),
  priceHi: z.number(),
  scale: z.enum(['linear', 'log', 'zscore']),
  times: z.array(z.number().int()).describe('column start times, ms'),
  prices: z.array(z.number()).describe('row centre prices, USD, lowest first'),
  cells: z.array(z.array(z.number())).describe('cells[row][col]: liquidation notional alive at the end of the column (linear scale: USD, whole dollars to 3 significant digits)'),
  candles: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()])).describe('[ts, open, high, low, close] per column that has bars'),
  price: z.number().nullable().describe('last close at the window end, USD'),
  resolution: z.object({ quantumMs: z.number(), bucketUsd: z.number() }).describe('model history level that served the query'),
});

export const LiqMapSchema = z.object({
  at: z.number().int().describe('instant of the map, ms'),
  price: z.number().nullable(),
  priceLo: z.number(),
  priceHi: z.number(),
  totals: z.object({ longUsd: usd, shortUsd: usd }),
  buckets: z.array(
    z.object({
      price: z.number().describe('bucket centre, USD'),
      longUsd: usd,
      shortUsd: usd,
      cumLongUsd: usd.describe('longs liquidated if price falls from the current price to this bucket'),
      cumShortUsd: usd.describe('shorts liquidated if price rises from the current price to this bucket'),
    }),
  ),
});

export const ClustersSchema = z.object({
  at: z.number().int(),
  price: z.number().nullable(),
  clusters: z.array(
    z.object({
      priceLo: z.number(),
      priceHi: z.number(),
      usd,
      side,
      distance: z.number().describe('(band centre − price) / price'),
      byVenue: z.record(z.string(), usd),
      byLeverage: z.record(z.string(), usd).describe('keyed like "25x"'),
    }),
  ),
});

export const BreakdownSchema = z.object({
  at: z.number().int(),
  priceLo: z.number(),
  priceHi: z.number(),
  price: z.number().nullable(),
  totalUsd: usd,
  bySide: z.object({ long: usd, short: usd }),
  byVenue: z.record(z.string(), usd),
  byLeverage: z.record(z.string(), usd).describe('keyed like "25x"'),
});

export const LiquidationSchema = z.object({
  ts: z.number().int().describe('venue time, ms'),
  recvTs: z.number().int().describe('receive time, ms'),
  venue,
  market: z.string(),
  side: side.describe('the position that was liquidated'),
  price: z.number(),
  qty: z.number().describe('BTC'),
  notionalUsd: usd,
});

export const LiquidationsSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  count: z.number().int(),
  truncated: z.boolean().describe('more matched than `limit`; the newest are returned'),
  liquidations: z.array(LiquidationSchema),
});

export const BarsSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  count: z.number().int(),
  bars: z.array(BarSchema),
});

export const VenueStatusSchema = z.object({
  venue,
  market: z.string(),
  connected: z.boolean(),
  lagMs: z.number().nullable().describe('age of the newest message from the venue, ms (null before the first)'),
  msgsPerSec: z.number().describe("messages per second on the venue's connections (shared by its markets)"),
  reconnects: z.number().int(),
  gaps: z.number().int(),
  oiShare: z.number().nullable().describe('share of the open interest of all collected venue-markets (null when unknown)'),
  simulated: z.boolean(),
  publishesLiquidations: z.boolean(),
  lastBarTs: z.number().int().nullable().describe('open time of the newest bar the model stepped, ms'),
});
export const VenuesSchema = z.array(VenueStatusSchema);

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'starting']),
  serverTime: z.number().int(),
  uptimeS: z.number(),
  simulated: z.boolean(),
  warmedUp: z.boolean(),
  latestBarTs: z.number().int().nullable().describe('end of the newest closed bar, ms'),
  dataAgeMs: z.number().nullable(),
  venuesConnected: z.number().int(),
  venuesTotal: z.number().int(),
  streamClients: z.number().int(),
  storeHealthy: z.boolean().describe('false while the store cannot be reached'),
});

export const MetaSchema = z.object({
  serverTime: z.number().int(),
  simulated: z.boolean(),
  barMs: z.number().int(),
  bucketUsd: z.number(),
  venues: z.array(z.object({ venue, markets: z.array(z.string()) })),
  tiers: z.array(z.object({ leverage: z.number(), weight: z.number() })),
  sides: z.array(side),
  ranges: z.array(z.string()),
  scales: z.array(z.string()),
  limits: z.object({ maxCols: z.number().int(), maxRows: z.number().int(), maxCells: z.number().int(), maxWindowDays: z.number() }),
});
