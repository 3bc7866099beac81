// Status: venue health per venue-market, server health, and the metadata the UI builds its controls from.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { MAX_CELLS, MAX_COLS, MAX_ROWS, MAX_WINDOW_MS } from '../heatmap/query.js';
import { RANGE_NAMES } from '../params.js';
import type { ApiRegistry } from '../route.js';
import { HealthSchema, MetaSchema, VenuesSchema } from '../schemas.js';

const none = z.object({}).strict();

export function registerStatus(app: FastifyInstance, api: ApiRegistry, ctx: ServerContext, streamClients: () => number): void {
  api.add(app, {
    method: 'GET',
    url: '/api/v1/venues',
    operationId: 'getVenues',
    tag: 'status',
    summary: 'Health of every collected venue-market',
    query: none,
    responses: { '200': { description: 'one object per venue-market', content: { 'application/json': VenuesSchema } } },
    handler: async (_q, _req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return ctx.board.list(ctx.model);
    },
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/health',
    operationId: 'getHealth',
    tag: 'status',
    summary: 'Server health (always HTTP 200; `status` tells)',
    query: none,
    responses: { '200': { description: 'health', content: { 'application/json': HealthSchema } } },
    handler: async (_q, _req, reply) => {
      const now = ctx.deps.now();
      const latest = ctx.model.latestTs();
      const health = ctx.board.latestHealth();
      const connected = health.filter((h) => h.connected).length;
      const dataAgeMs = latest === null ? null : Math.max(0, now - latest);
      const warm = ctx.deps.warmedUp();
      const storeOk = ctx.deps.storeHealthy?.() ?? true;
      const fresh = dataAgeMs !== null && dataAgeMs < 3 * ctx.deps.cfg.barMs + ctx.deps.cfg.lateGraceMs;
      reply.header('Cache-Control', 'no-store');
      return {
        status: !warm ? 'starting' : fresh && connected > 0 && storeOk ? 'ok' : 'degraded',
        storeHealthy: storeOk,
        serverTime: now,
        uptimeS: Math.round((now - ctx.startedAt) / 1000),
        simulated: ctx.deps.simulated,
        warmedUp: warm,
        latestBarTs: latest,
        dataAgeMs,
        venuesConnected: connected,
        venuesTotal: ctx.deps.venues.length,
        streamClients: streamClients(),
      };
    },
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/meta',
    operationId: 'getMeta',
    tag: 'status',
    summary: 'What this server offers: venues and markets, the model leverage tiers, ranges, limits, simulated flag, server time',
    query: none,
    responses: { '200': { description: 'metadata', content: { 'application/json': MetaSchema } } },
    handler: async (_q, _req, reply) => {
      const model = ctx.model;
      reply.header('Cache-Control', 'no-store');
      const markets = new Map(ctx.deps.venues.map((v) => [v, new Set<string>()]));
      for (const s of ctx.board.list(model)) markets.get(s.venue)?.add(s.market);
      return {
        serverTime: ctx.deps.now(),
        simulated: ctx.deps.simulated,
        barMs: ctx.deps.cfg.barMs,
        bucketUsd: model.params.bucketUsd,
        venues: [...markets].map(([venue, m]) => ({ venue, markets: [...m] })),
        tiers: model.params.tiers.map((t) => ({ leverage: t.leverage, weight: t.weight })),
        sides: ['long', 'short'],
        ranges: RANGE_NAMES,
        scales: ['linear', 'log', 'zscore'],
        limits: { maxCols: MAX_COLS, maxRows: MAX_ROWS, maxCells: MAX_CELLS, maxWindowDays: MAX_WINDOW_MS / 86_400_000 },
      };
    },
  });
}
