// The response cache: one computation and one compression per coding per entry, the coding chosen from
// Accept-Encoding, a distinct ETag per coding with 304 across codings, the byte budget (compressed copies
// included), and invalidation.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import compressPlugin from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { negotiate } from './content-coding.js';
import { etagOf, ResponseCache, type Computed } from './http-cache.js';

const compressCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('./content-coding.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('./content-coding.js')>();
  return { ...real, compress: (b: Buffer, c: 'br' | 'gzip') => (compressCalls.n++, real.compress(b, c)) };
});

/** Compressible but not trivially: random hex shrinks to about half. */
const hexBody = (bytes: number): Buffer => Buffer.from(crypto.randomBytes(bytes / 2).toString('hex'));

interface Rig {
  app: FastifyInstance;
  cache: ResponseCache;
  computed: Map<string, number>;
  bodies: Map<string, Buffer>;
}

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.app.close();
  rig = null;
  compressCalls.n = 0;
});

/** A server like the API's: @fastify/compress global, the cached route opted out as the API's are. */
async function setup(cache = new ResponseCache(), type = 'application/json; charset=utf-8'): Promise<Rig> {
  const app = Fastify();
  await app.register(compressPlugin, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  const computed = new Map<string, number>();
  const bodies = new Map<string, Buffer>();
  app.get<{ Params: { id: string } }>('/v/:id', { compress: false }, async (req, reply) =>
    cache.serve(req, reply, req.params.id, (): Computed => {
      const id = req.params.id;
      computed.set(id, (computed.get(id) ?? 0) + 1);
      const body = bodies.get(id) ?? hexBody(4000);
      bodies.set(id, body);
      return { body, type, cacheControl: 'no-cache' };
    }),
  );
  rig = { app, cache, computed, bodies };
  return rig;
}

const get = (id: string, headers: Record<string, string> = {}) => rig!.app.inject({ url: `/v/${id}`, headers });

function decode(r: { rawPayload: Buffer; headers: Record<string, unknown> }): Buffer {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(r.rawPayload);
  if (enc === 'gzip') return zlib.gunzipSync(r.rawPayload);
  expect(enc).toBeUndefined();
  return r.rawPayload;
}

describe('Accept-Encoding negotiation', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip', 'gzip'],
    ['gzip, br', 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['*;q=0.1, gzip', 'gzip'],
    ['identity', 'identity'],
    ['GZIP', 'gzip'],
  ])('%j → %s', (header, coding) => {
    expect(negotiate(header)).toBe(coding);
  });
});

describe('ResponseCache', () => {
  it('serves every coding from one computation, compressing once per coding', async () => {
    const { computed, bodies } = await setup();
    const codings: [string, string | undefined][] = [
      ['', undefined],
      ['gzip', 'gzip'],
      ['gzip, br', 'br'],
      ['deflate', undefined],
    ];
    for (let round = 0; round < 3; round++)
      for (const [ae, enc] of codings) {
        const r = await get('a', ae ? { 'accept-encoding': ae } : {});
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-encoding']).toBe(enc);
        expect(r.headers.vary).toMatch(/accept-encoding/i);
        expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(decode(r).equals(bodies.get('a')!)).toBe(true);
        if (enc) expect(r.rawPayload.length).toBeLessThan(bodies.get('a')!.length);
      }
    expect(computed.get('a')).toBe(1);
    expect(compressCalls.n).toBe(2);
  });

  it('concurrent first requests for a coding share one compression', async () => {
    await setup();
    await get('a');
    const rs = await Promise.all(Array.from({ length: 5 }, () => get('a', { 'accept-encoding': 'br' })));
    for (const r of rs) expect(r.headers['content-encoding']).toBe('br');
    expect(compressCalls.n).toBe(1);
  });

  it('does not compress images or small bodies', async () => {
    const { bodies } = await setup(new ResponseCache(), 'image/png');
    bodies.set('small', Buffer.from('{"a":1}'));
    for (const id of ['a', 'small']) {
      const r = await get(id, { 'accept-encoding': 'gzip, br' });
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.rawPayload.equals(bodies.get(id)!)).toBe(true);
    }
    expect(compressCalls.n).toBe(0);
  });

  it('gives each coding its own ETag and answers 304 to any of them', async () => {
    const { computed } = await setup();
    const plain = await get('a');
    const gz = await get('a', { 'accept-encoding': 'gzip' });
    const br = await get('a', { 'accept-encoding': 'br' });
    const tags = [plain, gz, br].map((r) => String(r.headers.etag));
    expect(new Set(tags).size).toBe(3);
    const base = tags[0]!.slice(1, -1);
    expect(tags).toEqual([etagOf(base, 'identity'), etagOf(base, 'gzip'), etagOf(base, 'br')]);
    for (const tag of [...tags, `W/${tags[1]}`, `"other", ${tags[2]}`, '*'])
      for (const ae of ['', 'gzip', 'br']) {
        const r = await get('a', { 'if-none-match': tag, ...(ae ? { 'accept-encoding': ae } : {}) });
        expect(r.statusCode).toBe(304);
        expect(r.rawPayload.length).toBe(0);
        expect(r.headers.etag).toBe(etagOf(base, ae === '' ? 'identity' : ae === 'gzip' ? 'gzip' : 'br'));
      }
    expect((await get('a', { 'if-none-match': '"other"' })).statusCode).toBe(200);
    expect((await get('a', { 'if-none-match': `"${base}-zz"` })).statusCode).toBe(200);
    expect(computed.get('a')).toBe(1);
  });

  it('keeps within its byte budget, counting compressed copies, least recently used out', async () => {
    const cache = new ResponseCache(9_500);
    const { computed } = await setup(cache);
    await get('a');
    await get('b');
    expect(cache.heldBytes).toBe(8000);
    const gz = await get('a', { 'accept-encoding': 'gzip' });
    const gzBytes = gz.rawPayload.length;
    expect(gzBytes).toBeGreaterThan(2000);
    // a + its gzip copy + b exceed 9,500 bytes: b, least recently used, goes.
    expect(cache.size).toBe(1);
    expect(cache.heldBytes).toBe(4000 + gzBytes);
    await get('a', { 'accept-encoding': 'gzip' });
    expect(computed.get('a')).toBe(1);
    await get('b');
    expect(computed.get('b')).toBe(2);
    expect(cache.heldBytes).toBeLessThanOrEqual(9_500);
  });

  it('does not store bodies larger than one entry may be', async () => {
    const cache = new ResponseCache(100_000, 1000);
    const { computed } = await setup(cache);
    await get('a', { 'accept-encoding': 'gzip' });
    await get('a', { 'accept-encoding': 'gzip' });
    expect(computed.get('a')).toBe(2);
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });

  it('invalidate() empties the cache and drops computations still running', async () => {
    const cache = new ResponseCache();
    const { computed } = await setup(cache);
    await get('a', { 'accept-encoding': 'br' });
    expect(cache.size).toBe(1);
    cache.invalidate();
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
    await get('a');
    expect(computed.get('a')).toBe(2);

    let release!: (c: Computed) => void;
    const slow = new Promise<Computed>((r) => (release = r));
    const fakeReq = { headers: {} } as Parameters<ResponseCache['serve']>[0];
    const sent: unknown[] = [];
    const fakeReply = {
      header: () => fakeReply,
      type: () => fakeReply,
      code: () => fakeReply,
      send: (b: unknown) => (sent.push(b), fakeReply),
    } as unknown as Parameters<ResponseCache['serve']>[1];
    const pending = cache.serve(fakeReq, fakeReply, 'late', () => slow);
    cache.invalidate();
    release({ body: Buffer.from('x'.repeat(2000)), type: 'application/json', cacheControl: 'no-cache' });
    await pending;
    expect(sent).toHaveLength(1);
    expect(cache.size).toBe(0);
  });
});
