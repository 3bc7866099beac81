// Instant views of the model's book: liquidation map, clusters and the tooltip breakdown of one price band.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clusters, clustersToJson, heatmap, liqMap, snapshot, type LiqModel, type ViewFilter } from '../../model/index.js';
import type { ServerContext } from '../context.js';
import { ApiError, badParam } from '../errors.js';
import { cacheKey } from '../http-cache.js';
import { intParam, leverageParam, numParam, priceParam, RANGES, rangeParam, sidesParam, timeParam, venuesParam } from '../params.js';
import type { ApiRegistry } from '../route.js';
import { BreakdownSchema, ClustersSchema, LiqMapSchema } from '../schemas.js';

const filterFields = { venues: venuesParam.optional(), sides: sidesParam.optional(), leverage: leverageParam.optional() };
const atField = timeParam.optional().describe('instant, epoch ms or ISO (default: after the newest closed bar)');

const liqmapQuery = z
  .object({
    range: rangeParam.default('24h').describe('the price axis spans the traded range over this window before `at`, widened by 5% (and at least ±10% of price)'),
    at: atField,
    priceLo: priceParam.optional().describe('lowest bucket price, USD (overrides the range)'),
    priceHi: priceParam.optional().describe('highest bucket price, USD (overrides the range)'),
    buckets: intParam(1, 2000).default(200).describe('price buckets'),
    ...filterFields,
  })
  .strict();

const clustersQuery = z
  .object({
    n: intParam(1, 50).default(10).describe('clusters to return'),
    at: atField,
    bandUsd: numParam(1, 100_000).optional().describe('band width, USD (default 0.1% of price)'),
    maxDistance: numParam(0.001, 1).default(0.2).describe('only bands within this fraction of price'),
    ...filterFields,
  })
  .strict();

const breakdownQuery = z
  .object({
    at: atField,
    priceLo: priceParam.describe('band low, USD'),
    priceHi: priceParam.describe('band high, USD'),
    ...filterFields,
  })
  .strict();

/** `at` bounded to the data: never after the newest bar, never before 1970. */
function instant(ctx: ServerContext, at: number | undefined): number {
  const edge = ctx.edge();
  return at === undefined ? edge : Math.min(at, edge);
}

function noData(model: LiqModel): void {
  if (model.latestTs() === null) throw new ApiError(503, 'no_data', 'no data yet; the model has not seen a bar');
}

/** The price axis of a liquidation map: given, else the traded range over the window before `at`, widened. */
function mapBand(ctx: ServerContext, f: ViewFilter, at: number, rangeMs: number, lo?: number, hi?: number): { lo: number; hi: number } {
  if (lo !== undefined && hi !== undefined) return { lo, hi };
  const probe = heatmap(ctx.model, { venues: f.venues, from: Math.max(0, at - rangeMs), to: at, cols: 100, rows: 1, priceLo: 0, priceHi: 1e9 });
  const price = probe.price ?? ctx.livePrice();
  if (price === null) throw new ApiError(503, 'no_data', 'no price at that instant');
  let low = price * 0.9;
  let high = price * 1.1;
  for (const k of probe.candles) {
    if (!k) continue;
    low = Math.min(low, k[3] * 0.95);
    high = Math.max(high, k[2] * 1.05);
  }
  const l = lo ?? (hi === undefined || low < hi ? low : hi * 0.5);
  return { lo: l, hi: hi ?? (high > l ? high : l * 1.5) };
}

export function registerViews(app: FastifyInstance, api: ApiRegistry, ctx: ServerContext): void {
  api.add(app, {
    method: 'GET',
    url: '/api/v1/liqmap',
    operationId: 'getLiqMap',
    tag: 'views',
    summary: 'Liquidation map: notional per price bucket and cumulative from the current price, per side',
    query: liqmapQuery,
    precompressed: true,
    responses: { '200': { description: 'the map', content: { 'application/json': LiqMapSchema } }, '304': { description: 'not modified' }, '503': { description: 'no data yet' } },
    handler: async (q, req, reply) =>
      ctx.cache.serve(req, reply, cacheKey('liqmap', q, ctx.version), () => {
        const model = ctx.model;
        noData(model);
        const f = ctx.filter(q);
        if (q.priceLo !== undefined && q.priceHi !== undefined && !(q.priceHi > q.priceLo)) throw badParam('priceHi', 'must exceed priceLo');
        const at = instant(ctx, q.at);
        const band = mapBand(ctx, f, at, RANGES[q.range], q.priceLo, q.priceHi);
        const view = liqMap(model, { ...f, at, priceLo: band.lo, priceHi: band.hi, buckets: q.buckets });
        let longUsd = 0;
        let shortUsd = 0;
        for (const b of view.buckets) {
          longUsd += b.longUsd;
          shortUsd += b.shortUsd;
        }
        const body = { at, price: view.price, priceLo: band.lo, priceHi: band.hi, totals: { longUsd, shortUsd }, buckets: view.buckets };
        return { body: Buffer.from(JSON.stringify(body)), type: 'application/json; charset=utf-8', cacheControl: 'no-cache' };
      }),
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/clusters',
    operationId: 'getClusters',
    tag: 'views',
    summary: 'Top liquidation clusters with venue × leverage-tier breakdown',
    query: clustersQuery,
    precompressed: true,
    responses: { '200': { description: 'clusters, largest first', content: { 'application/json': ClustersSchema } }, '304': { description: 'not modified' }, '503': { description: 'no data yet' } },
    handler: async (q, req, reply) =>
      ctx.cache.serve(req, reply, cacheKey('clusters', q, ctx.version), () => {
        const model = ctx.model;
        noData(model);
        const at = instant(ctx, q.at);
        const view = clusters(model, { ...ctx.filter(q), at, top: q.n, maxDistance: q.maxDistance, ...(q.bandUsd !== undefined ? { bandUsd: q.bandUsd } : {}) });
        const body = { at, ...clustersToJson(view) };
        return { body: Buffer.from(JSON.stringify(body)), type: 'application/json; charset=utf-8', cacheControl: 'no-cache' };
      }),
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/breakdown',
    operationId: 'getBreakdown',
    tag: 'views',
    summary: 'Tooltip breakdown: notional by venue, leverage tier and side for one price band at one instant',
    query: breakdownQuery,
    responses: { '200': { description: 'the breakdown', content: { 'application/json': BreakdownSchema } }, '503': { description: 'no data yet' } },
    handler: async (q) => {
      if (!(q.priceHi > q.priceLo)) throw badParam('priceHi', 'must exceed priceLo');
      const model = ctx.model;
      noData(model);
      const at = instant(ctx, q.at);
      const snap = snapshot(model, { ...ctx.filter(q), at });
      const byVenue: Record<string, number> = {};
      const byLeverage: Record<string, number> = {};
      const bySide = { long: 0, short: 0 };
      let totalUsd = 0;
      for (const e of snap.entries) {
        const overlap = Math.min(q.priceHi, e.priceHi) - Math.max(q.priceLo, e.priceLo);
        if (overlap <= 0) continue;
        // The entry's notional is spread evenly over its price span.
        const usd = e.usd * Math.min(1, overlap / (e.priceHi - e.priceLo));
        totalUsd += usd;
        bySide[e.side] += usd;
        byVenue[e.venue] = (byVenue[e.venue] ?? 0) + usd;
        const tier = `${e.leverage}x`;
        byLeverage[tier] = (byLeverage[tier] ?? 0) + usd;
      }
      return { at, priceLo: q.priceLo, priceHi: q.priceHi, price: snap.price, totalUsd, bySide, byVenue, byLeverage };
    },
  });
}
