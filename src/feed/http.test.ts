import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, HttpError, parseRetryAfter } from './http.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
let handler: Handler = (_req, res) => res.end('unset');
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function client(waits: number[], extra: { retries?: number; timeoutMs?: number } = {}) {
  return createHttpClient(`${base}/`, {
    timeoutMs: extra.timeoutMs ?? 2000,
    maxRequestsPerSec: 1000,
    retries: extra.retries ?? 3,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

describe('createHttpClient', () => {
  it('joins base and path and returns status and body', async () => {
    const seen: string[] = [];
    handler = (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.end('{"ok":1}');
    };
    const res = await client([]).request({ method: 'GET', path: '/fapi/v1/klines?symbol=BTCUSDT' });
    expect(res).toEqual({ status: 200, body: '{"ok":1}' });
    expect(seen).toEqual(['GET /fapi/v1/klines?symbol=BTCUSDT']);
  });

  it('retries 429 and 5xx honouring Retry-After, then succeeds', async () => {
    let n = 0;
    handler = (_req, res) => {
      n++;
      if (n === 1) res.writeHead(429, { 'Retry-After': '2' }).end('slow down');
      else if (n === 2) res.writeHead(503).end('busy');
      else res.end('fine');
    };
    const waits: number[] = [];
    const res = await client(waits).request({ method: 'GET', path: '/x' });
    expect(res.body).toBe('fine');
    expect(n).toBe(3);
    expect(waits[0]).toBe(2000);
    expect(waits[1]).toBeGreaterThan(0);
  });

  it('passes non-retriable statuses through for the caller to judge', async () => {
    handler = (_req, res) => res.writeHead(400).end('{"code":-1121,"msg":"Invalid symbol."}');
    const res = await client([]).request({ method: 'GET', path: '/x' });
    expect(res.status).toBe(400);
    expect(res.body).toContain('Invalid symbol');
  });

  it('gives up with a clear error when 5xx persists', async () => {
    let n = 0;
    handler = (_req, res) => {
      n++;
      res.writeHead(500).end('boom');
    };
    const err = await client([], { retries: 2 }).request({ method: 'GET', path: '/down' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(500);
    expect((err as Error).message).toMatch(/GET .*\/down: server error \(HTTP 500\) \(gave up after 3 attempts\)/);
    expect(n).toBe(3);
  });

  it('does not wait out a long ban (418 with a long Retry-After)', async () => {
    handler = (_req, res) => res.writeHead(418, { 'Retry-After': '7200' }).end('banned');
    const waits: number[] = [];
    const err = await client(waits).request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/IP banned .* wait 7200 s/);
    expect(waits).toEqual([]);
  });

  it('reports a timeout clearly', async () => {
    handler = () => {
      /* never answers */
    };
    const err = await client([], { retries: 1, timeoutMs: 100 }).request({ method: 'GET', path: '/slow' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/no response within 100 ms \(gave up after 2 attempts\)/);
  });

  it('reports a refused connection clearly', async () => {
    const c = createHttpClient('http://127.0.0.1:1', { timeoutMs: 1000, maxRequestsPerSec: 100, retries: 0 });
    const err = await c.request({ method: 'GET', path: '/x' }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/network error/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
