// Stored data: real liquidations and bars, and CSV/JSON export of those and of the heatmap.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BarSchema, type Bar } from '../../bars/bar.js';
import { VENUE_IDS, type LiquidationEvent, type VenueId } from '../../core/events.js';
import type { ServerContext } from '../context.js';
import { badParam } from '../errors.js';
import { heatmapBody, heatmapCsv } from '../heatmap/encode.js';
import { heatmapFields } from '../heatmap/query.js';
import { DAY_MS, intParam, numParam, rangeParam, sidesParam, timeParam, venuesParam } from '../params.js';
import type { ApiRegistry } from '../route.js';
import { BarsSchema as BarsResponseSchema, LiquidationsSchema } from '../schemas.js';
import { describeMs, resolveWindow } from '../window.js';
import { cacheControl, gridFor } from './heatmap.js';

const MAX_LIQ_WINDOW_MS = 7 * DAY_MS;
/** Bars per response: window minutes × venues ≤ this. */
const MAX_BAR_MINUTES = 7 * 1440 * 2;

const windowFields = {
  from: timeParam.optional().describe('window start, epoch ms or ISO'),
  to: timeParam.optional().describe('window end (default: now)'),
  range: rangeParam.optional(),
};
const liqFields = {
  ...windowFields,
  venues: venuesParam.optional(),
  sides: sidesParam.optional(),
  minUsd: numParam(0, 1e12).default(0).describe('smallest notional, USD'),
  limit: intParam(1, 50_000).default(5000).describe('at most this many (the newest)'),
};
const barFields = {
  ...windowFields,
  venue: z.enum(VENUE_IDS).optional().describe('one venue (default: all collected)'),
  market: z.string().min(1).max(40).optional().describe("the venue's own symbol"),
};

/** Default window end for stored data: now, or the model's edge when that is later (the demo's clock runs fast). */
function dataEnd(ctx: ServerContext): number {
  return Math.max(ctx.deps.now(), ctx.edge());
}

export interface LiquidationsResult {
  from: number;
  to: number;
  count: number;
  truncated: boolean;
  liquidations: Omit<LiquidationEvent, 'kind'>[];
}

async function liquidations(ctx: ServerContext, q: z.output<z.ZodObject<typeof liqFields>>): Promise<LiquidationsResult> {
  const w = resolveWindow(q, dataEnd(ctx), '24h', MAX_LIQ_WINDOW_MS);
  const rows = await ctx.deps.store.readLiquidations({ fromMs: w.from, toMs: w.to, ...(q.venues ? { venues: q.venues } : {}) });
  const kept = rows.filter((l) => l.notionalUsd >= q.minUsd && (!q.sides || q.sides.includes(l.side)));
  const out = kept.slice(Math.max(0, kept.length - q.limit)).map(({ kind: _kind, ...rest }) => rest);
  return { from: w.from, to: w.to, count: out.length, truncated: kept.length > out.length, liquidations: out };
}

async function bars(ctx: ServerContext, q: z.output<z.ZodObject<typeof barFields>>): Promise<{ from: number; to: number; count: number; bars: Bar[] }> {
  const venues: readonly VenueId[] = q.venue ? [q.venue] : ctx.deps.venues;
  if (q.venue && !ctx.deps.venues.includes(q.venue)) throw badParam('venue', `not collected by this server (running: ${ctx.deps.venues.join(', ')})`);
  if (q.market && !q.venue) throw badParam('market', 'needs venue');
  const maxMs = Math.floor(MAX_BAR_MINUTES / venues.length) * 60_000;
  const w = resolveWindow(q, dataEnd(ctx), '24h', Math.max(maxMs, 3_600_000));
  if (w.to - w.from > maxMs) throw badParam(q.range ? 'range' : 'from', `at most ${describeMs(maxMs)} of bars for ${venues.length} venue(s)`);
  const list = await ctx.deps.store.readBars({ fromMs: w.from, toMs: w.to, venues, ...(q.market ? { markets: [q.market] } : {}), durationMs: ctx.deps.cfg.barMs });
  return { from: w.from, to: w.to, count: list.length, bars: list };
}

function csv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));
  return `${[header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n')}\n`;
}

export function registerData(app: FastifyInstance, api: ApiRegistry, ctx: ServerContext): void {
  api.add(app, {
    method: 'GET',
    url: '/api/v1/liquidations',
    operationId: 'getLiquidations',
    tag: 'data',
    summary: 'Real liquidations published by the venues (oldest first)',
    query: z.object(liqFields).strict(),
    responses: { '200': { description: 'liquidations', content: { 'application/json': LiquidationsSchema } } },
    handler: async (q) => liquidations(ctx, q),
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/bars',
    operationId: 'getBars',
    tag: 'data',
    summary: 'Stored 1-minute bars (OHLC, volumes, open interest, mark, funding, liquidation totals)',
    description: `At most ${MAX_BAR_MINUTES.toLocaleString('en-US')} bar-minutes per request (window minutes × venues): 14 days for one venue.`,
    query: z.object(barFields).strict(),
    responses: { '200': { description: 'bars ordered by ts, venue, market', content: { 'application/json': BarsResponseSchema } } },
    handler: async (q) => bars(ctx, q),
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/export',
    operationId: 'export',
    tag: 'data',
    summary: 'Download the heatmap, liquidations or bars as CSV or JSON',
    description: 'Takes the parameters of the endpoint named by `what` (heatmap: from/to/range/cols/rows/price band/filters/scale; liquidations: window, venues, sides, minUsd, limit; bars: window, venue, market).',
    query: z
      .object({
        what: z.enum(['heatmap', 'liquidations', 'bars']).describe('what to export'),
        format: z.enum(['csv', 'json']).default('csv'),
        ...heatmapFields,
        minUsd: liqFields.minUsd,
        limit: liqFields.limit,
        venue: barFields.venue,
        market: barFields.market,
      })
      .strict(),
    responses: { '200': { description: 'the file', content: { 'text/csv': null, 'application/json': null } } },
    handler: async (q, _req, reply) => {
      const stamp = new Date(ctx.deps.now()).toISOString().replace(/[:.]/g, '-');
      reply.header('Content-Disposition', `attachment; filename="liqmap-${q.what}-${stamp}.${q.format}"`);
      if (q.format === 'json') reply.type('application/json; charset=utf-8');
      else reply.type('text/csv; charset=utf-8');
      if (q.what === 'heatmap') {
        const { res, closed } = gridFor(ctx, q);
        reply.header('Cache-Control', cacheControl(closed));
        return q.format === 'json' ? JSON.stringify(heatmapBody(res, q.scale)) : heatmapCsv(res, q.scale);
      }
      if (q.what === 'liquidations') {
        const r = await liquidations(ctx, q);
        if (q.format === 'json') return JSON.stringify(r);
        const cols = ['ts', 'recvTs', 'venue', 'market', 'side', 'price', 'qty', 'notionalUsd'] as const;
        return csv(['time', ...cols], r.liquidations.map((l) => [new Date(l.ts).toISOString(), ...cols.map((c) => l[c])]));
      }
      const r = await bars(ctx, q);
      if (q.format === 'json') return JSON.stringify(r);
      const cols = Object.keys(BarSchema.shape) as (keyof Bar)[];
      return csv(['time', ...cols], r.bars.map((b) => [new Date(b.ts).toISOString(), ...cols.map((c) => b[c])]));
    },
  });
}
