// Contract tests: every documented endpoint answers with what the OpenAPI document says (status, content
// type, body schema), and every documented GET path is exercised here.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type Fixture } from './testing.js';

type Json = Record<string, unknown>;

/** One or more example requests per documented path. */
const EXAMPLES: Record<string, string[]> = {
  '/api/v1/heatmap': ['range=24h&cols=60&rows=40', 'range=7d&scale=log&venues=binance-usdm&leverage=25,50', 'range=12h&scale=zscore&sides=long&cols=20&rows=10', 'format=bin&range=3d', 'format=png&range=24h&width=400&height=200'],
  '/api/v1/heatmap/columns': ['range=12h', 'from=1700000000000&to=1700003600000'],
  '/api/v1/liqmap': ['range=24h', 'buckets=50&venues=bybit-linear&leverage=100x', 'priceLo=50000&priceHi=70000&buckets=10&sides=short'],
  '/api/v1/clusters': ['n=5', 'n=3&maxDistance=0.05&venues=binance-usdm'],
  '/api/v1/breakdown': ['priceLo=55000&priceHi=65000', 'priceLo=60000&priceHi=61000&sides=long&leverage=10'],
  '/api/v1/liquidations': ['range=24h', 'minUsd=10000&venues=binance-usdm&limit=5&sides=long'],
  '/api/v1/bars': ['venue=binance-usdm&range=12h', 'range=24h'],
  '/api/v1/venues': [''],
  '/api/v1/health': [''],
  '/api/v1/meta': [''],
  '/api/v1/export': ['what=heatmap&range=24h&cols=10&rows=5', 'what=heatmap&format=json&range=12h&cols=5&rows=5', 'what=liquidations&format=json', 'what=bars&venue=bybit-linear&range=12h'],
  '/api/v1/stream': [],
};

let f: Fixture;
let doc: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });

beforeAll(async () => {
  f = await fixture();
  const r = await f.app.inject({ url: '/api/v1/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json<Json>();
  ajv.addSchema({ $id: 'doc', components: doc.components }, 'doc');
});
afterAll(async () => f.close());

/** Rewrite component references so ajv resolves them inside the registered document. */
function resolvable(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/'));
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every endpoint of the issue', () => {
    expect(doc.openapi).toBe('3.1.0');
    // The alerts endpoints (writes, path ids) have their own contract test in routes/alerts.test.ts.
    const documented = Object.keys(doc.paths as Json).filter((p) => !p.startsWith('/api/v1/alerts'));
    expect(documented.sort()).toEqual(Object.keys(EXAMPLES).sort());
    expect(Object.keys(doc.paths as Json)).toEqual(expect.arrayContaining(['/api/v1/alerts', '/api/v1/alerts/{id}', '/api/v1/alerts/history', '/api/v1/alerts/deliveries']));
    const ws = (doc.components as { schemas: Json }).schemas;
    expect(Object.keys(ws)).toEqual(expect.arrayContaining(['Error', 'StreamClientMessage', 'StreamServerMessage']));
  });

  it('compiles every schema it holds', () => {
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>))
      for (const op of Object.values(ops)) {
        for (const p of (op.parameters as Json[]) ?? []) expect(() => ajv.compile(p.schema as Json), `${path} ${String(p.name)}`).not.toThrow();
        for (const r of Object.values(op.responses as Record<string, Json>))
          for (const c of Object.values((r.content as Record<string, Json>) ?? {})) if (c.schema) expect(() => ajv.compile(resolvable(c.schema) as Json)).not.toThrow();
      }
  });

  it('serves the docs page generated from it', async () => {
    const r = await f.app.inject({ url: '/api/docs' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    for (const path of Object.keys(doc.paths as Json)) expect(r.body).toContain(path);
  });
});

describe('every endpoint matches its contract', () => {
  for (const [path, queries] of Object.entries(EXAMPLES))
    for (const qs of queries)
      it(`GET ${path}?${qs}`, async () => {
        const op = (doc.paths as Record<string, Record<string, Json>>)[path]!.get!;
        // Every parameter used is documented for this path.
        const names = new Set(((op.parameters as Json[]) ?? []).map((p) => p.name));
        for (const [k] of new URLSearchParams(qs)) expect(names, `${k} documented`).toContain(k);
        const r = await f.app.inject({ url: `${path}${qs ? `?${qs}` : ''}` });
        expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
        const spec = (op.responses as Record<string, Json>)['200']!;
        const content = spec.content as Record<string, { schema?: Json }>;
        const type = String(r.headers['content-type']).split(';')[0]!;
        expect(Object.keys(content)).toContain(type);
        const schema = content[type]!.schema;
        if (schema) {
          const validate = ajv.compile(resolvable(schema) as Json);
          const ok = validate(r.json());
          expect(ok, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
        }
        if (type === 'image/png') expect(r.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      });

  it('answers errors with the documented error schema', async () => {
    const validate = ajv.compile(resolvable({ $ref: '#/components/schemas/Error' }) as Json);
    for (const url of ['/api/v1/heatmap?rows=0', '/api/v1/liqmap?venues=nowhere', '/api/v1/bars?venue=bitmex']) {
      const r = await f.app.inject({ url });
      expect(r.statusCode).toBe(400);
      expect(validate(r.json())).toBe(true);
      expect(r.json<{ param: string }>().param).toBeTruthy();
    }
  });
});

describe('heatmap content', () => {
  it('binary body carries the same grid as JSON (Float32)', async () => {
    const qs = 'from=2026-05-02T00:00:00Z&to=2026-05-03T00:00:00Z&cols=30&rows=20';
    const j = (await f.app.inject({ url: `/api/v1/heatmap?${qs}` })).json<{ cells: number[][]; priceLo: number; priceHi: number; candles: number[][] }>();
    const b = (await f.app.inject({ url: `/api/v1/heatmap?${qs}&format=bin` })).rawPayload;
    expect(b.subarray(0, 4).toString()).toBe('LQHM');
    expect(b.readUInt32LE(8)).toBe(30);
    expect(b.readUInt32LE(12)).toBe(20);
    expect(b.readDoubleLE(32)).toBeCloseTo(j.priceLo, 6);
    expect(b.length).toBe(72 + 4 * 600 + 16 * 30);
    const cells = new Float32Array(b.buffer.slice(b.byteOffset + 72, b.byteOffset + 72 + 2400));
    let checked = 0;
    for (let r = 0; r < 20; r++)
      for (let c = 0; c < 30; c++) {
        // JSON keeps 3 significant digits (documented); bin keeps Float32.
        expect(Math.abs(cells[r * 30 + c]! - j.cells[r]![c]!)).toBeLessThanOrEqual(Math.max(1, cells[r * 30 + c]! * 5e-3));
        checked++;
      }
    expect(checked).toBe(600);
    expect(j.cells.flat().some((v) => v > 0)).toBe(true);
    expect(j.candles.length).toBe(30);
  });

  it('filters change the grid: one venue holds less than both', async () => {
    const sum = async (extra: string): Promise<number> =>
      (await f.app.inject({ url: `/api/v1/heatmap?range=24h&cols=20&rows=20&priceLo=50000&priceHi=70000${extra}` })).json<{ cells: number[][] }>().cells.flat().reduce((a, b) => a + b, 0);
    const all = await sum('');
    const one = await sum('&venues=binance-usdm');
    const longs = await sum('&sides=long');
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThan(all);
    expect(longs).toBeLessThan(all);
  });

  it('breakdown adds up across venues, tiers and sides', async () => {
    const b = (await f.app.inject({ url: '/api/v1/breakdown?priceLo=55000&priceHi=65000' })).json<{ totalUsd: number; bySide: Record<string, number>; byVenue: Record<string, number>; byLeverage: Record<string, number> }>();
    const add = (o: Record<string, number>): number => Object.values(o).reduce((a, v) => a + v, 0);
    expect(b.totalUsd).toBeGreaterThan(0);
    expect(add(b.byVenue)).toBeCloseTo(b.totalUsd, 0);
    expect(add(b.byLeverage)).toBeCloseTo(b.totalUsd, 0);
    expect(add(b.bySide)).toBeCloseTo(b.totalUsd, 0);
  });
});
