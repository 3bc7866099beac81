// Scale-out figures (when PostgreSQL and NATS are reachable: LIQMAP_TEST_PG_URL, LIQMAP_TEST_NATS_URL):
// end-to-end events/s collect → JetStream → model → PostgreSQL against the in-process path
// (pipeline → SQLite) in the same run; venue frame → WS client latency across processes; req/s of
// two serve replicas against one.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { LocalBus } from '../src/app/bus.js';
import { Pipeline } from '../src/app/pipeline.js';
import { NatsLink } from '../src/bus/link.js';
import { ConfigSchema } from '../src/config/schema.js';
import type { MarketEvent } from '../src/core/events.js';
import { DEFAULT_PARAMS } from '../src/model/index.js';
import { startCollect } from '../src/scale/collect.js';
import { ModelWorker } from '../src/scale/model-worker.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { PgSchemas, uniqueSchema, withSchema } from '../src/store/postgres/test-support.js';
import { scriptedSource, SERIES, testServers, tradeAt, uniquePrefix, VENUES, waitFor, T0 } from '../test/scale/support.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MINUTES = 240;
const EVENTS = MINUTES * 60 * SERIES.length;

function line(label: string, value: string, note = ''): void {
  console.log(`${label.padEnd(58)} ${value}${note ? `  (${note})` : ''}`);
}

async function inProcess(): Promise<{ eps: number; bars: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-bench-'));
  const store = SqliteStore.open(dir);
  const p = new Pipeline({ store, bus: new LocalBus(), params: DEFAULT_PARAMS, venues: VENUES, barMs: 60_000, graceMs: 0 });
  await p.warm(T0);
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i++) p.onEvent(tradeAt(i));
  await p.close();
  const ms = performance.now() - t0;
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { eps: (EVENTS / ms) * 1000, bars: p.stats.barsWritten };
}

async function scaleOut(natsUrl: string, schemas: PgSchemas, expectBars: number): Promise<number> {
  const prefix = uniquePrefix('bench');
  const store = schemas.open({ schema: uniqueSchema('bench') });
  const link = await NatsLink.connect({ url: natsUrl, prefix, maxMemory: EVENTS * 2 });
  const modelLink = await NatsLink.connect({ url: natsUrl, prefix });
  const worker = new ModelWorker({ link: modelLink, store, params: DEFAULT_PARAMS, venues: VENUES, barMs: 60_000, flushEveryMs: 50, coldStartMs: 0 });
  await worker.start();
  const src = scriptedSource();
  const c = await startCollect({ cfg: ConfigSchema.parse({ venues: [...VENUES], lateGraceMs: 0 }), venues: VENUES, link, source: src, now: () => 0 });
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += 3000) {
    src.emit(i, Math.min(EVENTS, i + 3000));
    await new Promise((r) => setImmediate(r));
  }
  await c.flush();
  await waitFor('every bar in PostgreSQL', () => worker.stats.barsStored >= expectBars, 300_000, 20);
  const ms = performance.now() - t0;
  await c.stop();
  await worker.stop();
  await link.jsm.streams.delete(link.subjects.stream);
  await link.close();
  await modelLink.close();
  await store.close();
  return (EVENTS / ms) * 1000;
}

function startReplica(env: Record<string, string>): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/scale/serve-child.ts')], {
    cwd: root,
    env: { ...process.env, ...env, LIQMAP_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /url (\S+)/.exec(err);
      if (m) resolve({ proc, url: m[1] as string });
    });
    proc.once('exit', (code) => reject(new Error(`replica exited ${code}: ${err}`)));
  });
}

const pct = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};

interface CannonRequest {
  setupRequest?: (req: { path?: string }) => { path?: string };
}
type Cannon = (o: { url: string; connections: number; duration: number; requests?: CannonRequest[] }) => Promise<{ requests: { average: number; total: number }; non2xx: number }>;

/** Requests that each compute a view (a band width never asked before, so never a cache hit): server-bound work. */
function computedViews(): CannonRequest[] {
  let k = 0;
  return [{ setupRequest: (req) => ({ ...req, path: `/api/v1/clusters?n=10&bandUsd=${(20 + (k++ % 1_000_000) / 1000).toFixed(3)}` }) }];
}

/** req/s of one replica, then of two at once (each with half the connections). */
async function scaling(cannon: Cannon, a: string, b: string, path_: string, requests?: () => CannonRequest[]): Promise<{ one: number; two: number; non2xx: number }> {
  const run = (url: string, connections: number) => cannon({ url: `${url}${path_}`, connections, duration: 5, ...(requests ? { requests: requests() } : {}) });
  const one = await run(a, 20);
  const two = await Promise.all([run(a, 10), run(b, 10)]);
  return { one: one.requests.average, two: two[0].requests.average + two[1].requests.average, non2xx: one.non2xx + two[0].non2xx + two[1].non2xx };
}

async function replicas(natsUrl: string, pgUrl: string, schemas: PgSchemas): Promise<void> {
  const prefix = uniquePrefix('bench-serve');
  const schema = uniqueSchema('benchserve');
  const seed = schemas.open({ schema });
  const link = await NatsLink.connect({ url: natsUrl, prefix });
  // A model worker stores some history so replicas have a model to serve.
  const worker = new ModelWorker({ link, store: seed, params: DEFAULT_PARAMS, venues: VENUES, barMs: 60_000, flushEveryMs: 50, coldStartMs: 0 });
  await worker.start();
  const src = scriptedSource();
  const c = await startCollect({ cfg: ConfigSchema.parse({ venues: [...VENUES], lateGraceMs: 0 }), venues: VENUES, link, source: src, now: () => 0 });
  src.emit(0, 120 * 60 * SERIES.length);
  await c.flush();
  await waitFor('history stored', () => worker.stats.barsStored >= 120 * SERIES.length, 60_000, 20);
  const env = { CHILD_BUS: natsUrl, CHILD_DB: withSchema(pgUrl, schema), CHILD_PREFIX: prefix, CHILD_VENUES: VENUES.join(',') };
  const [a, b] = await Promise.all([startReplica(env), startReplica(env)]);
  try {
    // Latency: a liquidation frame received by the collector → a WS client of a replica (another process).
    const lat: number[] = [];
    const ws = new WebSocket(`${a.url.replace('http', 'ws')}/api/v1/stream`);
    ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { type: string; data?: { recvTs: number } };
      if (m.type === 'liquidation' && m.data) lat.push(Date.now() - m.data.recvTs);
    });
    await new Promise<void>((res) => ws.on('open', () => (ws.send(JSON.stringify({ op: 'subscribe', topics: ['liquidations'] })), res())));
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 200; i++) {
      const now = Date.now();
      const e: MarketEvent = { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: now, recvTs: now, price: 60_000 + i, qty: 0.1, notionalUsd: 6000 + i / 10, side: i % 2 ? 'long' : 'short' };
      c.bus.publishEvent(e);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 500));
    ws.terminate();
    line('venue frame → WS client across processes, p50 / p99', `${pct(lat, 0.5)} / ${pct(lat, 0.99)} ms (n=${lat.length})`, 'target p99 < 150 ms');

    const cannon = ((await import('autocannon' as string)) as { default: Cannon }).default;
    const cores = `${os.availableParallelism()} cores shared with the load generator`;
    // A cheap answer: the load generator costs about as much CPU per request as the server, so on a
    // 2-core machine it caps the sum. Then views each computed anew: the replicas' CPU is the limit.
    const cheap = await scaling(cannon, a.url, b.url, '/api/v1/venues');
    line('GET /api/v1/venues: one replica', `${Math.round(cheap.one)} req/s`);
    line('GET /api/v1/venues: two replicas', `${Math.round(cheap.two)} req/s  ratio ${(cheap.two / cheap.one).toFixed(2)}×`, cores);
    const views = await scaling(cannon, a.url, b.url, '/api/v1/clusters', computedViews);
    if (views.non2xx) line('computed views: non-2xx answers', String(views.non2xx), 'the figures below are not valid');
    line('GET /api/v1/clusters, each computed: one replica', `${Math.round(views.one)} req/s`);
    line('GET /api/v1/clusters, each computed: two replicas', `${Math.round(views.two)} req/s  ratio ${(views.two / views.one).toFixed(2)}×`, `target ≥ 1.8×; ${cores}`);
  } finally {
    for (const r of [a, b]) r.proc.kill('SIGTERM');
    await Promise.all([a, b].map((r) => new Promise((res) => (r.proc.exitCode !== null ? res(null) : r.proc.once('exit', res)))));
    await c.stop();
    await worker.stop();
    await link.jsm.streams.delete(link.subjects.stream);
    await link.close();
    await seed.close();
  }
}

export default async function bench(): Promise<void> {
  const servers = await testServers();
  if (servers.skip) {
    line('scale-out bench', `skipped: ${servers.skip}`);
    return;
  }
  const schemas = new PgSchemas(servers.pg);
  try {
    const base = await inProcess();
    line(`in-process: events → pipeline → SQLite (${EVENTS} events)`, `${Math.round(base.eps)} events/s`);
    const eps = await scaleOut(servers.nats, schemas, base.bars);
    line('scale-out: collect → JetStream → model → PostgreSQL', `${Math.round(eps)} events/s  ratio ${(eps / base.eps).toFixed(2)}× vs in-process`);
    await replicas(servers.nats, servers.pg, schemas);
  } finally {
    await schemas.dropAll();
  }
}
