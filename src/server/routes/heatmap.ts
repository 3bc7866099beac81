// GET /api/v1/heatmap: the grid with its axes, candles and price, as JSON, compact binary or PNG.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { renderHeatmapPng } from '../../render/heatmap-png.js';
import type { ServerContext } from '../context.js';
import { cacheKey } from '../http-cache.js';
import { heatmapBin, heatmapBody, JSON_USD_DIGITS, scaledCells, type Scale } from '../heatmap/encode.js';
import { computeGrid, heatmapFields, MAX_WINDOW_MS, type GridResult } from '../heatmap/query.js';
import { intParam } from '../params.js';
import type { ApiRegistry } from '../route.js';
import { HeatmapSchema } from '../schemas.js';
import { resolveWindow } from '../window.js';

export const heatmapQuery = z
  .object({
    ...heatmapFields,
    format: z.enum(['json', 'bin', 'png']).default('json').describe('json; bin = compact little-endian Float32 (layout in the description); png = an image'),
    width: intParam(100, 2400).default(1200).describe('png: target width, px'),
    height: intParam(100, 1600).default(600).describe('png: target height, px'),
  })
  .strict();
export type HeatmapQuery = z.output<typeof heatmapQuery>;

/** Cache-Control for a window: closed windows are stable; windows reaching the data edge revalidate. */
export function cacheControl(closed: boolean): string {
  return closed ? 'public, max-age=3600' : 'no-cache';
}

export function gridFor(ctx: ServerContext, q: Omit<HeatmapQuery, 'format' | 'width' | 'height' | 'scale'>): { res: GridResult; closed: boolean } {
  const window = resolveWindow(q, ctx.edge(), '24h', MAX_WINDOW_MS);
  const res = computeGrid(ctx.model, { window, cols: q.cols, rows: q.rows, priceLo: q.priceLo, priceHi: q.priceHi, filter: ctx.filter(q) }, ctx.livePrice());
  return { res, closed: window.closed };
}

/** PNG on the display scale (negative z-scores render as empty). */
function png(res: GridResult, scale: Scale, width: number, height: number): Buffer {
  if (scale === 'linear') return renderHeatmapPng(res.grid, { width, height });
  const flat = scaledCells(res.grid, scale);
  const cols = res.grid.times.length;
  const cells = res.grid.cells.map((_, r) => flat.subarray(r * cols, (r + 1) * cols).map((v) => Math.max(0, v)));
  return renderHeatmapPng({ ...res.grid, cells }, { width, height });
}

export function registerHeatmap(app: FastifyInstance, api: ApiRegistry, ctx: ServerContext): void {
  api.add(app, {
    method: 'GET',
    url: '/api/v1/heatmap',
    operationId: 'getHeatmap',
    tag: 'views',
    summary: 'Liquidation heatmap: notional by time and liquidation price, with candles',
    description:
      'Give `range` (ending at the newest closed bar) or `from`/`to`. Column c covers [from + c·Δ, from + (c+1)·Δ) and shows the book at its end. ' +
      '`format=bin`: little-endian; bytes 0–3 "LQHM", u16 version (1), u16 scale (0 linear, 1 log, 2 zscore), u32 cols, u32 rows, ' +
      'f64 from, to, priceLo, priceHi, price (NaN = none), quantumMs, bucketUsd; then Float32 cells [rows × cols] row-major from the lowest price; ' +
      'then Float32 candles [cols × 4] open, high, low, close (NaN = no bar). ' +
      '`format=json` with `scale=linear`: cells are USD rounded to whole dollars and to 3 significant digits (within 0.5 %; `bin` keeps Float32, `/export` whole dollars); ' +
      'log and zscore cells have 3 decimals. Windows that end before the newest bar are cacheable (ETag, max-age). ' +
      'Bodies are served gzip- or brotli-encoded per Accept-Encoding (Vary: Accept-Encoding); each encoding has its own ETag and If-None-Match accepts any of them.',
    query: heatmapQuery,
    precompressed: true,
    responses: {
      '200': {
        description: 'the heatmap',
        content: { 'application/json': HeatmapSchema, 'application/octet-stream': null, 'image/png': null },
      },
      '304': { description: 'not modified (If-None-Match)' },
      '503': { description: 'no price data yet' },
    },
    handler: async (q, req, reply) => {
      const key = cacheKey('heatmap', q, ctx.version);
      return ctx.cache.serve(req, reply, key, () => {
        const { res, closed } = gridFor(ctx, q);
        const cc = cacheControl(closed);
        if (q.format === 'bin') return { body: heatmapBin(res, q.scale), type: 'application/octet-stream', cacheControl: cc };
        if (q.format === 'png') return { body: png(res, q.scale, q.width, q.height), type: 'image/png', cacheControl: cc };
        return { body: Buffer.from(JSON.stringify(heatmapBody(res, q.scale, JSON_USD_DIGITS))), type: 'application/json; charset=utf-8', cacheControl: cc };
      });
    },
  });
}
