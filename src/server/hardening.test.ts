// Hardening: bad parameters are 400s naming the parameter, fuzzed queries never produce a 5xx, and the HTTP
// behaviour around the views (cache validators, compression, CORS, rate limits, API key) holds.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type Fixture } from './testing.js';

let f: Fixture;
beforeAll(async () => {
  f = await fixture({ rateLimitPerMin: 1_000_000 });
});
afterAll(async () => f.close());

const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ url, headers });

describe('bad parameters → 400 naming the parameter', () => {
  const cases: [string, string][] = [
    ['/api/v1/heatmap?range=1y&rows=10000', 'rows'],
    ['/api/v1/heatmap?range=1y&cols=2000&rows=2000', 'rows'],
    ['/api/v1/heatmap?range=12h&cols=1000', 'cols'],
    ['/api/v1/heatmap?from=2026-05-03T00:00:00Z&to=2026-05-02T00:00:00Z', 'from'],
    ['/api/v1/heatmap?from=0&to=99999999999999', 'to'],
    ['/api/v1/heatmap?from=2020-01-01&to=2026-01-01', 'from'],
    ['/api/v1/heatmap?cols=abc', 'cols'],
    ['/api/v1/heatmap?cols=1.5', 'cols'],
    ['/api/v1/heatmap?rows=-3', 'rows'],
    ['/api/v1/heatmap?range=2d', 'range'],
    ['/api/v1/heatmap?range=24h&from=0', 'range'],
    ['/api/v1/heatmap?priceLo=70000&priceHi=60000', 'priceHi'],
    ['/api/v1/heatmap?priceLo=NaN', 'priceLo'],
    ['/api/v1/heatmap?scale=cubic', 'scale'],
    ['/api/v1/heatmap?format=gif', 'format'],
    ['/api/v1/heatmap?venues=binance-usdm,mtgox', 'venues'],
    ['/api/v1/heatmap?venues=okx-swap', 'venues'],
    ['/api/v1/heatmap?leverage=7', 'leverage'],
    ['/api/v1/heatmap?leverage=lots', 'leverage'],
    ['/api/v1/heatmap?sides=up', 'sides'],
    ['/api/v1/heatmap?rows=1&rows=2', 'rows'],
    ['/api/v1/heatmap?bogus=1', 'bogus'],
    ['/api/v1/liqmap?buckets=0', 'buckets'],
    ['/api/v1/clusters?n=500', 'n'],
    ['/api/v1/breakdown?priceLo=60000', 'priceHi'],
    ['/api/v1/breakdown?priceLo=61000&priceHi=60000', 'priceHi'],
    ['/api/v1/liquidations?range=30d', 'range'],
    ['/api/v1/liquidations?minUsd=-1', 'minUsd'],
    ['/api/v1/bars?range=1y', 'range'],
    ['/api/v1/bars?market=BTCUSDT', 'market'],
    ['/api/v1/export?what=everything', 'what'],
    ['/api/v1/export', 'what'],
  ];
  for (const [url, param] of cases)
    it(url, async () => {
      const r = await get(url);
      expect(r.statusCode, r.body).toBe(400);
      const body = r.json<{ error: string; param: string; message: string }>();
      expect(body.param).toBe(param);
      expect(body.message).toContain(param);
    });
});

describe('fuzzed queries never produce a 5xx', () => {
  const paths = ['/api/v1/heatmap', '/api/v1/liqmap', '/api/v1/clusters', '/api/v1/breakdown', '/api/v1/liquidations', '/api/v1/bars', '/api/v1/export'];
  const keys = ['from', 'to', 'range', 'cols', 'rows', 'priceLo', 'priceHi', 'venues', 'sides', 'leverage', 'scale', 'format', 'at', 'n', 'buckets', 'minUsd', 'limit', 'venue', 'what', 'bandUsd', 'maxDistance', 'width', 'height', 'x'];
  const value = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -1e6, max: 1e6 }).map(String),
    fc.double({ noNaN: false }).map(String),
    fc.constantFrom('12h', '24h', '1y', '7d', 'json', 'bin', 'png', 'csv', 'log', 'zscore', 'long', 'short,long', 'binance-usdm', 'bybit-linear,binance-usdm', '25,50', '100x', 'heatmap', 'bars', 'liquidations', '0', '1', '2000', '60000', '65000', '1777852800000', '2026-05-03T00:00:00Z'),
  );
  const query = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 });
  it('GET with random parameters answers < 500, and 400s carry a JSON error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, async (path, q) => {
        const r = await get(`${path}?${new URLSearchParams(q).toString()}`);
        if (r.statusCode >= 500) throw new Error(`${r.statusCode} ${path}?${new URLSearchParams(q)} ${r.body.slice(0, 200)}`);
        if (r.statusCode === 400) expect(r.json<{ error: string }>().error).toBe('bad_request');
      }),
      { numRuns: 300 },
    );
  });
});

describe('HTTP behaviour', () => {
  it('closed windows are cacheable and revalidate with ETag → 304', async () => {
    const url = '/api/v1/heatmap?from=2026-05-02T00:00:00Z&to=2026-05-02T12:00:00Z&cols=50&rows=20';
    const a = await get(url);
    expect(a.statusCode).toBe(200);
    expect(a.headers['cache-control']).toMatch(/max-age=\d+/);
    const etag = String(a.headers.etag);
    expect(etag).toMatch(/^"/);
    const b = await get(url, { 'if-none-match': etag });
    expect(b.statusCode).toBe(304);
    expect(b.body).toBe('');
    const live = await get('/api/v1/heatmap?range=12h&cols=50&rows=20');
    expect(live.headers['cache-control']).toBe('no-cache');
  });

  it('a new bar invalidates cached live views', async () => {
    const url = '/api/v1/heatmap?range=12h&cols=50&rows=20';
    const a = await get(url);
    const same = await get(url);
    expect(same.headers.etag).toBe(a.headers.etag);
    const hits = f.ctx.cache.hits;
    f.bus.publish('bars', []);
    await get(url);
    expect(f.ctx.cache.hits).toBe(hits);
  });

  it('compresses large bodies with gzip', async () => {
    const r = await get('/api/v1/heatmap?range=24h', { 'accept-encoding': 'gzip' });
    expect(r.headers['content-encoding']).toBe('gzip');
    const plain = await get('/api/v1/bars?range=12h&venue=binance-usdm', { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBe('gzip');
    const none = await get('/api/v1/heatmap?range=24h');
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.json<{ cols: number }>().cols).toBe(400);
  });

  it('CORS: allowed origins get the header', async () => {
    const r = await get('/api/v1/health', { origin: 'https://example.org' });
    expect(r.headers['access-control-allow-origin']).toBe('*');
  });

  it('never leaks internals on unknown routes', async () => {
    const r = await get('/api/v1/../../etc/passwd');
    expect(r.statusCode).toBe(404);
    expect(r.json<{ error: string }>().error).toBe('not_found');
  });
});

describe('limits and keys', () => {
  it('rate-limits each client with a 429 JSON error', async () => {
    const g = await fixture({ rateLimitPerMin: 3, corsOrigins: ['https://ui.example'] });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await g.app.inject({ url: '/api/v1/health' })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const r = await g.app.inject({ url: '/api/v1/health', remoteAddress: '10.0.0.9', headers: { origin: 'https://evil.example' } });
      expect(r.statusCode).toBe(200);
      expect(r.headers['access-control-allow-origin']).toBeUndefined();
      const limited = await g.app.inject({ url: '/api/v1/health' });
      expect(limited.json<{ error: string }>().error).toBe('rate_limited');
    } finally {
      await g.close();
    }
  });

  it('write endpoints need the API key beyond loopback, not on loopback', async () => {
    const add = (x: Fixture): void => {
      x.app.post('/api/v1/alerts-test', async () => ({ ok: true }));
    };
    const open = await fixture({ host: '0.0.0.0', apiKey: 'k'.repeat(20) });
    const local = await fixture({ host: '127.0.0.1' });
    const keyless = await fixture({ host: '0.0.0.0' });
    try {
      for (const x of [open, local, keyless]) add(x);
      expect((await open.app.inject({ method: 'POST', url: '/api/v1/alerts-test' })).statusCode).toBe(401);
      expect((await open.app.inject({ method: 'POST', url: '/api/v1/alerts-test', headers: { 'x-api-key': 'wrong' } })).statusCode).toBe(401);
      expect((await open.app.inject({ method: 'POST', url: '/api/v1/alerts-test', headers: { 'x-api-key': 'k'.repeat(20) } })).statusCode).toBe(200);
      expect((await open.app.inject({ method: 'POST', url: '/api/v1/alerts-test', headers: { authorization: `Bearer ${'k'.repeat(20)}` } })).statusCode).toBe(200);
      expect((await open.app.inject({ url: '/api/v1/health' })).statusCode).toBe(200);
      expect((await local.app.inject({ method: 'POST', url: '/api/v1/alerts-test' })).statusCode).toBe(200);
      expect((await keyless.app.inject({ method: 'POST', url: '/api/v1/alerts-test' })).statusCode).toBe(403);
    } finally {
      await Promise.all([open.close(), local.close(), keyless.close()]);
    }
  });
});
