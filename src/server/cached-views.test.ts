// Cached views through the real server: precompressed bodies are not compressed again by @fastify/compress,
// a new bar empties the cache, and JSON heatmap cells keep 3 significant digits.
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundUsd } from './heatmap/encode.js';
import { fixture, type Fixture } from './testing.js';

let f: Fixture;
beforeAll(async () => {
  f = await fixture({ rateLimitPerMin: 1_000_000 });
});
afterAll(async () => f.close());

const URLS = ['/api/v1/heatmap?range=24h&cols=60&rows=40', '/api/v1/liqmap?range=24h', '/api/v1/clusters?n=5'];
const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ url, headers });

describe('cached views', () => {
  it.each(URLS)('%s: every coding decodes to the identity body', async (url) => {
    const plain = await get(url);
    expect(plain.statusCode).toBe(200);
    const br = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gz = await get(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
    // @fastify/compress would deflate per request: these routes opt out, so deflate-only clients get identity.
    const deflate = await get(url, { 'accept-encoding': 'deflate' });
    expect(deflate.headers['content-encoding']).toBeUndefined();
    expect(deflate.rawPayload.equals(plain.rawPayload)).toBe(true);
  });

  it('a new bar empties the cache: the next request computes, and its variants are made again', async () => {
    const url = URLS[0]!;
    await get(url, { 'accept-encoding': 'br' });
    expect(f.ctx.cache.size).toBeGreaterThan(0);
    expect(f.ctx.cache.heldBytes).toBeGreaterThan(0);
    const misses = f.ctx.cache.misses;
    f.bus.publish('bars', []);
    expect(f.ctx.cache.size).toBe(0);
    expect(f.ctx.cache.heldBytes).toBe(0);
    const again = await get(url, { 'accept-encoding': 'br' });
    expect(again.headers['content-encoding']).toBe('br');
    expect(f.ctx.cache.misses).toBe(misses + 1);
  });

  it('JSON heatmap cells keep whole dollars to 3 significant digits', async () => {
    const body = (await get('/api/v1/heatmap?range=24h&cols=60&rows=40')).json<{ cells: number[][] }>();
    const hot = body.cells.flat().filter((v) => v > 0);
    expect(hot.length).toBeGreaterThan(0);
    for (const v of hot) {
      expect(Number.isInteger(v)).toBe(true);
      expect(Number(v.toPrecision(3))).toBe(v);
    }
  });
});

describe('roundUsd', () => {
  it.each([
    [0, 0],
    [0.4, 0],
    [12.6, 13],
    [999.4, 999],
    [999.6, 1000],
    [21_118, 21_100],
    [21_150, 21_200],
    [1_861_859, 1_860_000],
    [123_456_789_012, 123_000_000_000],
  ])('%d → %d', (v, want) => {
    expect(roundUsd(v, 3)).toBe(want);
  });
  it('Infinity digits keeps whole dollars', () => {
    expect(roundUsd(1_861_859.4, Infinity)).toBe(1_861_859);
  });
});
