// WebSocket message shapes (JSON text frames). The same schemas validate client messages and document both
// directions in the OpenAPI document.
import { z } from 'zod';
import { BarSchema } from '../../bars/bar.js';
import { VENUE_IDS } from '../../core/events.js';
import { LiquidationSchema, VenueStatusSchema } from '../schemas.js';

export const STREAM_TOPICS = ['heatmap', 'liquidations', 'bars', 'venues', 'alerts'] as const;
export type StreamTopic = (typeof STREAM_TOPICS)[number];

export const HeatmapSubSchema = z
  .object({
    priceLo: z.number().positive().max(100_000_000).optional().describe('default: price − 15%'),
    priceHi: z.number().positive().max(100_000_000).optional().describe('default: price + 15%'),
    rows: z.number().int().min(1).max(2000).default(200),
    venues: z.array(z.enum(VENUE_IDS)).min(1).optional(),
    sides: z.array(z.enum(['long', 'short'])).min(1).optional(),
    leverage: z.array(z.number().positive()).min(1).optional(),
  })
  .strict()
  .describe('the price axis and filters of heatmap columns (match your REST heatmap query)');

export const ClientMessageSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('subscribe'),
      topics: z.array(z.enum(STREAM_TOPICS)).min(1),
      heatmap: HeatmapSubSchema.optional(),
      liquidations: z
        .object({ venues: z.array(z.enum(VENUE_IDS)).min(1).optional(), minUsd: z.number().min(0).optional() })
        .strict()
        .optional()
        .describe('filter for the liquidations topic'),
    })
    .strict(),
  z.object({ op: z.literal('unsubscribe'), topics: z.array(z.enum(STREAM_TOPICS)).min(1) }).strict(),
  z.object({ op: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.output<typeof ClientMessageSchema>;

const column = z.object({
  type: z.literal('heatmap'),
  kind: z.enum(['closed', 'live']).describe('closed: the column of the newest bar time that just closed (ts = bar open; once per burst of venue bars, 250 ms after its first); live: the forming column, every second'),
  ts: z.number().int(),
  priceLo: z.number(),
  priceHi: z.number(),
  rows: z.number().int(),
  price: z.number().nullable().describe('live trade price (live) or close (closed), USD'),
  cells: z.array(z.number()).describe('USD per row, lowest price first'),
});

export const ServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), serverTime: z.number().int(), topics: z.array(z.enum(STREAM_TOPICS)), heartbeatMs: z.number().int() }),
  z.object({ type: z.literal('subscribed'), topics: z.array(z.enum(STREAM_TOPICS)) }),
  column,
  z.object({ type: z.literal('liquidation'), data: LiquidationSchema }),
  z.object({ type: z.literal('bars'), data: z.array(BarSchema) }),
  z.object({ type: z.literal('venues'), data: z.array(VenueStatusSchema) }),
  z.object({ type: z.literal('alert'), data: z.looseObject({ id: z.string(), ts: z.number(), kind: z.string(), message: z.string() }) }),
  z.object({ type: z.literal('heartbeat'), ts: z.number().int() }),
  z.object({ type: z.literal('pong'), ts: z.number().int() }),
  z.object({ type: z.literal('error'), message: z.string(), param: z.string().optional() }),
]);
export type ServerMessage = z.output<typeof ServerMessageSchema>;
export type HeatmapColumnMessage = z.output<typeof column>;
