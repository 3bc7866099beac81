// Closed bars' heatmap columns (src/app/heatmap-column.ts): the book at each bar's end on the live stream's
// default axis. Scale-out replicas read the columns the model process stored in PostgreSQL; one process
// computes the same columns as bars close and keeps the last day of them in memory.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { COLUMN_BAND, COLUMN_ROWS } from '../../app/heatmap-column.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { rangeParam, timeParam } from '../params.js';
import type { ApiRegistry } from '../route.js';
import { resolveWindow } from '../window.js';

/** Columns per request: one day of 1-minute bars. */
const MAX_COLUMNS = 1440;

const ColumnSchema = z.object({
  ts: z.number().int().describe('bar open, ms; the column is the book at ts + bar length'),
  price: z.number().describe("reference venue-market's close, USD"),
  priceLo: z.number().describe(`lowest row's low edge, USD (price − ${COLUMN_BAND * 100}%)`),
  priceHi: z.number().describe(`highest row's high edge, USD (price + ${COLUMN_BAND * 100}%)`),
  longUsd: z.array(z.number()).describe('long liquidation notional per row, USD, lowest price first'),
  shortUsd: z.array(z.number()).describe('short liquidation notional per row, USD, lowest price first'),
});

const ColumnsSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  rows: z.number().int(),
  source: z.enum(['store', 'memory']).describe('store: written by the model process to PostgreSQL (scale-out); memory: kept by this process for bars closed since it started'),
  columns: z.array(ColumnSchema),
});

const query = z
  .object({
    from: timeParam.optional().describe('window start, epoch ms or ISO'),
    to: timeParam.optional().describe('window end (default: the newest closed bar)'),
    range: rangeParam.optional().describe('window ending at the newest closed bar (default 24h; at most one day of bars)'),
  })
  .strict();

export function registerColumns(app: FastifyInstance, api: ApiRegistry, ctx: ServerContext): void {
  api.add(app, {
    method: 'GET',
    url: '/api/v1/heatmap/columns',
    operationId: 'getHeatmapColumns',
    tag: 'views',
    summary: 'Heatmap columns of closed bars, long and short apart, on a fixed axis around each close',
    description: `One column per closed bar: the estimated liquidation notional alive at the bar's end, all venues and tiers, ${COLUMN_ROWS} rows over ±${COLUMN_BAND * 100}% of the reference close. At most ${MAX_COLUMNS} bars per request. In scale-out mode the model process stores them in PostgreSQL for the retention period; a single process keeps the last ${MAX_COLUMNS} bars closed since it started.`,
    query,
    responses: { '200': { description: 'columns, oldest first', content: { 'application/json': ColumnsSchema } } },
    handler: async (q) => {
      const w = resolveWindow(q, ctx.edge(), '24h', MAX_COLUMNS * ctx.deps.cfg.barMs);
      const stored = ctx.deps.heatmapColumns;
      if (stored) return { from: w.from, to: w.to, rows: COLUMN_ROWS, source: 'store' as const, columns: await stored({ fromMs: w.from, toMs: w.to, limit: MAX_COLUMNS }) };
      if (!ctx.columns) throw new ApiError(503, 'no_data', 'heatmap columns are not kept by this server');
      return { from: w.from, to: w.to, rows: COLUMN_ROWS, source: 'memory' as const, columns: ctx.columns.read(w.from, w.to, MAX_COLUMNS) };
    },
  });
}
