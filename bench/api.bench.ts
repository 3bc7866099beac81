// API figures: cached 24 h heatmap req/s and p99 (autocannon) as identity and as a compressed client gets it,
// with body sizes, server time per request and autocannon's own ceiling on those bodies; the same from wrk when
// installed (the target row: autocannon decodes every body into a string and tops out first); 1 y heatmap
// computed and cached, liquidation fan-out to 1,000 WebSocket clients, and live liquidation latency from venue
// frame to WS client (demo venues).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { LocalBus } from '../src/app/bus.js';
import { startApp } from '../src/app/run.js';
import { ConfigSchema } from '../src/config/schema.js';
import type { VenueId } from '../src/core/events.js';
import { rulesFor } from '../src/exchanges/rules.js';
import { createModel, DEFAULT_PARAMS } from '../src/model/index.js';
import { buildServer, startServer } from '../src/server/index.js';
import { silentLogger } from '../src/server/testing-log.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { makeBars, T0 } from '../src/store/testing/fixtures.js';

interface CannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
}
type Cannon = (o: { url: string; connections: number; duration: number; workers?: number; headers?: Record<string, string> }) => Promise<CannonResult>;

const DAY = 86_400_000;
const VENUES: VenueId[] = ['binance-usdm', 'bybit-linear'];

function line(label: string, value: string, target?: string): void {
  console.log(`${label.padEnd(64)} ${value.padStart(30)}${target ? `  (target ${target})` : ''}`);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/** One response's status, headers and bytes as sent (fetch would decode them). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; encoding: string; etag: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, encoding: String(res.headers['content-encoding'] ?? 'identity'), etag: String(res.headers.etag ?? ''), body: Buffer.concat(chunks) }),
        );
      })
      .on('error', reject);
  });
}

/** A bare node:http server answering every request with `body`: what autocannon itself can receive. */
async function bareServer(body: Buffer, encoding: string): Promise<{ url: string; close(): Promise<void> }> {
  const headers = { 'content-type': 'application/json', 'content-length': body.length, ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }) };
  const srv = http.createServer((_req, res) => res.writeHead(200, headers).end(body));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const addr = srv.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`, close: () => new Promise((r) => srv.close(() => r())) };
}

/**
 * The same load from wrk (C, Debian package `wrk`), when installed: it counts response bytes without
 * decoding them, where autocannon appends every body to a JS string, so it measures the server rather
 * than the load generator. Null when wrk is missing.
 */
function wrk(url: string, headers: Record<string, string>): Promise<{ rps: number; p99Ms: number } | null> {
  const args = ['-t1', '-c50', '-d5s', '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  return new Promise((resolve) => {
    execFile('wrk', args, (err, out) => {
      if (err) return resolve(null);
      const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
      const p99 = /99%\s+([\d.]+)(us|ms|s)\b/.exec(out);
      const unit = p99?.[2] === 'us' ? 0.001 : p99?.[2] === 's' ? 1000 : 1;
      resolve(rps ? { rps: Number(rps[1]), p99Ms: p99 ? Number(p99[1]) * unit : NaN } : null);
    });
  });
}

interface Row {
  readonly rps: number;
  /** Main-thread (server) busy time per request, ms. */
  readonly serverMs: number;
}

async function httpFigures(cannon: Cannon): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-api-bench-'));
  const store = SqliteStore.open(dir);
  const model = createModel(DEFAULT_PARAMS, rulesFor);
  // A year of history: 15-minute bars, then the last 3 days in 1-minute bars.
  const end = T0 + 365 * DAY;
  const bars = [...makeBars(VENUES, T0, end - 3 * DAY, 15 * 60_000), ...makeBars(VENUES, end - 3 * DAY, end)];
  for (const b of bars) model.step(b);
  const bus = new LocalBus();
  const cfg = ConfigSchema.parse({ venues: VENUES, dataDir: dir, rateLimitPerMin: 10_000_000 });
  const { app } = await buildServer(
    { cfg, store, bus, model: () => model, livePrice: () => null, venues: VENUES, simulated: true, warmedUp: () => true, now: () => end },
    silentLogger,
    { logRequests: false, webDir: path.join(dir, 'none') },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  try {
    line('model for the HTTP figures', `${bars.length.toLocaleString('en-US')} bars, 2 venues, 1 y`);
    const load = async (url: string, headers: Record<string, string>): Promise<CannonResult & { serverMs: number }> => {
      const elu0 = performance.eventLoopUtilization();
      // The load generator runs in a worker thread so it does not share the server's event loop.
      const r = await cannon({ url, connections: 50, duration: 5, workers: 1, headers });
      const busy = performance.eventLoopUtilization(elu0).active;
      return { ...r, serverMs: busy / Math.max(1, r.requests.total) };
    };
    const run = async (label: string, url: string, headers: Record<string, string> = {}, o: { baseline?: Row; target?: string } = {}): Promise<Row> => {
      const r = await load(base + url, headers);
      const ratio = o.baseline ? `  ${(r.requests.average / o.baseline.rps).toFixed(2)}×` : '';
      line(label, `${Math.round(r.requests.average).toLocaleString('en-US')} req/s  p99 ${r.latency.p99} ms${ratio}`, o.target);
      if (r.non2xx || r.errors) line(`  ! non-2xx / errors`, `${r.non2xx} / ${r.errors}`);
      return { rps: r.requests.average, serverMs: r.serverMs };
    };
    const serverCost = (row: Row): void =>
      line('  server main thread busy per request (event-loop utilisation)', `${row.serverMs.toFixed(3)} ms ≈ ${Math.round(1000 / row.serverMs).toLocaleString('en-US')} req/s/core`);
    /** Body bytes per Accept-Encoding sent; returns what a `gzip, br` client receives. */
    const sizes = async (label: string, url: string): Promise<{ encoding: string; body: Buffer }> => {
      const got: string[] = [];
      let last: { encoding: string; body: Buffer } = { encoding: 'identity', body: Buffer.alloc(0) };
      for (const ae of ['', 'gzip', 'gzip, br']) {
        last = await rawGet(base + url, ae ? { 'accept-encoding': ae } : {});
        got.push(`${last.encoding} ${kb(last.body.length)}`);
      }
      line(`  body ${label}, by Accept-Encoding none / gzip / gzip, br`, got.join(' / '));
      return last;
    };
    const compressed = { 'accept-encoding': 'gzip, br' };
    const h24 = '/api/v1/heatmap?range=24h&cols=400&rows=200';
    const sent = await sizes('24 h 400×200 JSON', h24);
    const id = await run('cached 24 h heatmap JSON 400×200, identity (baseline ×)', h24);
    serverCost(id);
    const br = await run('cached 24 h heatmap JSON 400×200, Accept-Encoding: gzip, br (autocannon-bound, see below)', h24, compressed, { baseline: id });
    serverCost(br);
    // The same bytes from a server doing nothing else: the most this load generator receives per second.
    const bare = await bareServer(sent.body, sent.encoding);
    try {
      const ceiling = await load(bare.url, {});
      line('  same bytes from a bare node:http server (autocannon ceiling)', `${Math.round(ceiling.requests.average).toLocaleString('en-US')} req/s  p99 ${ceiling.latency.p99} ms  ${(br.rps / ceiling.requests.average).toFixed(2)}× of it`);
    } finally {
      await bare.close();
    }
    const wId = await wrk(base + h24, {});
    const w = wId && (await wrk(base + h24, compressed));
    if (wId && w) {
      line('wrk: cached 24 h heatmap JSON 400×200, identity (baseline ×)', `${Math.round(wId.rps).toLocaleString('en-US')} req/s  p99 ${wId.p99Ms.toFixed(1)} ms`);
      line('wrk: cached 24 h heatmap JSON 400×200, gzip, br  [TARGET ROW]', `${Math.round(w.rps).toLocaleString('en-US')} req/s  p99 ${w.p99Ms.toFixed(1)} ms  ${(w.rps / wId.rps).toFixed(2)}×`, '≥ 5,000 req/s on 2 cores');
    } else line('cached 24 h heatmap, wrk load generator', 'skipped: install wrk (apt-get install wrk) for a load generator that is not the bottleneck');
    await run('cached 24 h heatmap JSON 400×200, Accept-Encoding: gzip', h24, { 'accept-encoding': 'gzip' }, { baseline: id });
    await run('cached 24 h heatmap bin 400×200, Accept-Encoding: gzip, br', `${h24}&format=bin`, compressed, { baseline: id });
    const bot = '/api/v1/heatmap?range=24h&cols=96&rows=100';
    await sizes('24 h 96×100 JSON', bot);
    await run('cached 24 h heatmap JSON 96×100 (bot size), identity', bot, {}, { baseline: id });
    await run('cached 24 h heatmap JSON 96×100 (bot size), Accept-Encoding: gzip, br', bot, compressed, { baseline: id });
    const { etag } = await rawGet(base + h24, compressed);
    await run('cached 24 h heatmap, revalidated (304)', h24, { ...compressed, 'if-none-match': etag }, { baseline: id });
    const y1 = '/api/v1/heatmap?range=1y&rows=200';
    // Uncached: every request after a new bar (the version bump) recomputes the grid.
    const ms: number[] = [];
    for (let i = 0; i < 20; i++) {
      bus.publish('bars', []);
      const t0 = performance.now();
      const r = await fetch(base + y1, { headers: compressed });
      await r.arrayBuffer();
      ms.push(performance.now() - t0);
    }
    line('1 y heatmap computed (400×200) + br, p50 / p99', `${pct(ms, 0.5).toFixed(1)} / ${pct(ms, 0.99).toFixed(1)} ms`);
    await run('cached 1 y heatmap JSON 400×200, Accept-Encoding: gzip, br', y1, compressed, { baseline: id });
  } finally {
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function fanout(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-api-bench-'));
  const store = SqliteStore.open(dir);
  const model = createModel(DEFAULT_PARAMS, rulesFor);
  const bus = new LocalBus();
  const cfg = ConfigSchema.parse({ venues: VENUES, dataDir: dir, rateLimitPerMin: 10_000_000 });
  const { app } = await buildServer(
    { cfg, store, bus, model: () => model, livePrice: () => null, venues: VENUES, simulated: true, warmedUp: () => true, now: Date.now },
    silentLogger,
    { logRequests: false, webDir: path.join(dir, 'none') },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  const url = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1/stream`;
  const n = 1000;
  const lat: number[] = [];
  const sockets: WebSocket[] = [];
  try {
    await Promise.all(
      Array.from({ length: n }, () => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        ws.on('message', (d) => {
          const m = JSON.parse(d.toString()) as { type: string; data?: { recvTs: number } };
          if (m.type === 'liquidation' && m.data) lat.push(Date.now() - m.data.recvTs);
        });
        return new Promise<void>((res) => ws.on('open', () => (ws.send(JSON.stringify({ op: 'subscribe', topics: ['liquidations'] })), res())));
      }),
    );
    await new Promise((r) => setTimeout(r, 500));
    const events = 100;
    for (let i = 0; i < events; i++) {
      const now = Date.now();
      bus.publish('liquidation', { kind: 'liquidation', venue: 'binance-usdm', market: 'BTCUSDT', ts: now, recvTs: now, price: 60_000, qty: 0.5, notionalUsd: 30_000, side: 'long' });
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 1000));
    line(`liquidation fan-out to ${n} WS clients, p50 / p99`, `${pct(lat, 0.5)} / ${pct(lat, 0.99)} ms`, 'p99 < 50 ms');
    line('  deliveries', `${lat.length} of ${n * events}`);
  } finally {
    for (const ws of sockets) ws.terminate();
    await app.close();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Demo venues (mock servers speaking the venues' protocols) → collectors → pipeline → bus → WS client. */
async function live(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-api-bench-'));
  const venues: VenueId[] = ['binance-usdm', 'bybit-linear', 'okx-swap'];
  const cfg = ConfigSchema.parse({ venues, dataDir: dir, host: '127.0.0.1', port: 0, rateLimitPerMin: 10_000_000 });
  const app = await startApp({ cfg, log: silentLogger, demo: { seed: 7, speed: 60, historyDays: 0.05 } });
  const server = await startServer(app, silentLogger, { logRequests: false, webDir: path.join(dir, 'none') });
  const lat: number[] = [];
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`);
  try {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; data?: { recvTs: number } };
      if (m.type === 'liquidation' && m.data) lat.push(Date.now() - m.data.recvTs);
    });
    await new Promise<void>((res) => ws.on('open', () => (ws.send(JSON.stringify({ op: 'subscribe', topics: ['liquidations'] })), res())));
    await new Promise((r) => setTimeout(r, 20_000));
    line('live liquidation, venue frame → WS client, p50 / p99', `${pct(lat, 0.5)} / ${pct(lat, 0.99)} ms (n=${lat.length})`, 'p99 < 100 ms');
  } finally {
    ws.terminate();
    await server.close();
    await app.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<void> {
  const mod = (await import('autocannon' as string)) as { default: Cannon };
  line('cores', String(os.availableParallelism()));
  await httpFigures(mod.default);
  await fanout();
  await live();
}
