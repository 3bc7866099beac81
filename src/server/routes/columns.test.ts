// GET /api/v1/heatmap/columns: kept in memory as bars close in one process, read from the store in scale-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_ROWS, heatmapColumn, type HeatmapColumn } from '../../app/heatmap-column.js';
import { liqMap } from '../../model/index.js';
import { makeBars, MIN } from '../../store/testing/fixtures.js';
import { END, fixture, VENUES, type Fixture } from '../testing.js';

interface Body {
  from: number;
  to: number;
  rows: number;
  source: string;
  columns: HeatmapColumn[];
}

describe('heatmap columns in one process', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture();
  });
  afterAll(async () => f.close());
  const get = async (qs: string): Promise<Body> => (await f.app.inject({ url: `/api/v1/heatmap/columns?${qs}` })).json<Body>();

  it('none before a bar closes; then the closed bar’s column is the live book on ±15 % around the close', async () => {
    expect((await get('range=12h')).columns).toEqual([]);
    f.bus.publish('bars', makeBars(VENUES, END - MIN, END));
    expect((await get('range=12h')).columns).toEqual([]); // computed at the next flush (once a second)
    f.ctx.columns!.flush();
    const b = await get('range=12h');
    expect(b.source).toBe('memory');
    expect(b.rows).toBe(COLUMN_ROWS);
    expect(b.columns.map((c) => c.ts)).toEqual([END - MIN]);
    const c = b.columns[0]!;
    const model = f.deps.model();
    expect(c.price).toBe(model.vms[0]!.lastClose);
    expect(c.priceLo).toBeCloseTo(c.price * 0.85, 6);
    expect(c.priceHi).toBeCloseTo(c.price * 1.15, 6);
    const map = liqMap(model, { priceLo: c.priceLo, priceHi: c.priceHi, buckets: COLUMN_ROWS });
    expect(c.longUsd).toEqual(map.buckets.map((x) => Math.round(x.longUsd)));
    expect(c.shortUsd).toEqual(map.buckets.map((x) => Math.round(x.shortUsd)));
    expect(c.longUsd.some((v) => v > 0) && c.shortUsd.some((v) => v > 0)).toBe(true);
  });

  it('a late batch adds its newest time’s column in time order, from the model history', async () => {
    f.bus.publish('bars', makeBars(VENUES, END - 5 * MIN, END - 2 * MIN));
    f.ctx.columns!.flush();
    const b = await get(`from=${END - 10 * MIN}&to=${END}`);
    expect(b.columns.map((c) => c.ts)).toEqual([END - 3 * MIN, END - MIN]);
    expect(b.columns[0]).toEqual(heatmapColumn(f.deps.model(), END - 3 * MIN, MIN));
    expect((await get(`from=${END - 2 * MIN}&to=${END}`)).columns.map((c) => c.ts)).toEqual([END - MIN]);
  });

  it('names the parameter of a window longer than a day of bars', async () => {
    const r = await f.app.inject({ url: '/api/v1/heatmap/columns?range=7d' });
    expect(r.statusCode).toBe(400);
    expect(r.json<{ param: string }>().param).toBe('range');
  });
});

describe('heatmap columns from the store', () => {
  const asked: { fromMs: number; toMs: number; limit: number }[] = [];
  const col: HeatmapColumn = { ts: END - MIN, price: 100, priceLo: 85, priceHi: 115, longUsd: [1, 2], shortUsd: [3, 4] };
  let f: Fixture;
  beforeAll(async () => {
    f = await fixture({}, {}, { heatmapColumns: async (q) => (asked.push(q), [col]) });
  });
  afterAll(async () => f.close());

  it('passes the window and the column limit, and says where the columns came from', async () => {
    const b = (await f.app.inject({ url: `/api/v1/heatmap/columns?from=${END - 60 * MIN}&to=${END}` })).json<Body>();
    expect(b.source).toBe('store');
    expect(b.columns).toEqual([col]);
    expect(asked).toEqual([{ fromMs: END - 60 * MIN, toMs: END, limit: 1440 }]);
    expect(f.ctx.columns).toBeNull();
  });
});
