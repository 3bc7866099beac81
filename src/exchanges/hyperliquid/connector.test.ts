// The real VenueCollector against the Hyperliquid mock, one test per fault: it reconnects,
// resubscribes, reports gaps as status events, counts bad frames, falls back on REST failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureLine, MarketEvent } from '../../core/events.js';
import type { VenueAdapter } from '../../core/venue.js';
import { VenueCollector } from '../../feed/collector.js';
import { openCaptureWriter } from '../../feed/capture.js';
import { createHttpClient } from '../../feed/http.js';
import { newReplayStats, replayEvents } from '../../feed/replay.js';
import { MockServer } from '../mock/server.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { until } from './test-support.js';

/** The real adapter with test-sized timers. */
const fast: VenueAdapter = {
  ...adapter,
  endpoints: async (cfg, markets, http) =>
    (await adapter.endpoints(cfg, markets, http)).map((ep) => ({ ...ep, silenceTimeoutMs: 400, keepalive: { intervalMs: 100, message: ep.keepalive!.message } })),
};

let server: MockServer;
let collector: VenueCollector | null = null;
let feed: NodeJS.Timeout | null = null;
let events: MarketEvent[] = [];
let urls: { httpUrl: string; wsUrl: string };

beforeEach(async () => {
  server = new MockServer(createMockProtocol());
  urls = await server.start();
  events = [];
  // The venue always has an asset context; give the mock one before the first poll.
  const t0 = Date.now();
  server.publish({ kind: 'openInterest', venue: 'hyperliquid', market: 'BTC', ts: t0, recvTs: t0, oiBtc: 30000, oiUsd: 30000 * 64000 });
  server.publish({ kind: 'mark', venue: 'hyperliquid', market: 'BTC', ts: t0, recvTs: t0, markPrice: 64000 });
  let n = 0;
  feed = setInterval(() => {
    const ts = Date.now();
    server.publish({ kind: 'openInterest', venue: 'hyperliquid', market: 'BTC', ts, recvTs: ts, oiBtc: 30000 + n, oiUsd: (30000 + n) * 64000 });
    server.publish({ kind: 'mark', venue: 'hyperliquid', market: 'BTC', ts, recvTs: ts, markPrice: 64000, fundingRate: 0.0000125 });
    server.publish({ kind: 'trade', venue: 'hyperliquid', market: 'BTC', ts, recvTs: ts, price: 64000 + (n % 7), qty: 0.01, takerSide: n % 2 ? 'buy' : 'sell', id: `${ts}-${n}` });
    n++;
  }, 20);
});

afterEach(async () => {
  collector?.stop();
  collector = null;
  if (feed) clearInterval(feed);
  await server.close();
});

async function startCollector(onRaw?: (l: CaptureLine) => void): Promise<VenueCollector> {
  collector = new VenueCollector({
    adapter: fast,
    config: { wsUrl: `${urls.wsUrl}/ws`, restUrl: urls.httpUrl, markets: ['BTC'], pollIntervalMs: 1000 },
    http: createHttpClient(urls.httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 }),
    onEvent: (e) => events.push(e),
    ...(onRaw ? { onRaw } : {}),
    backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 },
  });
  await collector.start();
  return collector;
}

const subscribes = () => server.clientFrames.filter((f) => f.includes('"subscribe"')).length;
const trades = () => events.filter((e) => e.kind === 'trade').length;
const statuses = () => events.filter((e) => e.kind === 'status').map((e) => (e.kind === 'status' ? e.connected : null));

async function expectRecovery(c: VenueCollector): Promise<void> {
  await until('gap closed', () => statuses().at(-1) === true);
  const before = trades();
  await until('data after reconnect', () => trades() > before + 3);
  await until('resubscribed', () => subscribes() >= 4);
  expect(c.health().gaps).toBeGreaterThanOrEqual(1);
  expect(c.health().reconnects).toBeGreaterThanOrEqual(1);
}

describe('hyperliquid collector against the mock', () => {
  it('streams trades, OI and mark, pings, and reports health without liquidations', async () => {
    const c = await startCollector();
    await until('events', () => trades() > 5 && events.some((e) => e.kind === 'openInterest') && events.some((e) => e.kind === 'mark'));
    await until('a ping', () => server.clientFrames.includes('{"method":"ping"}'));
    const h = c.health();
    expect(h.connected).toBe(true);
    expect(h.publishesLiquidations).toBe(false);
    expect(h.notes).toContain('venue publishes no public liquidation stream');
    expect(h.drops).toEqual({});
    await until('both subscriptions', () => subscribes() === 2);
  });

  it('record → replay through the same parser gives the same events', async () => {
    const raw: CaptureLine[] = [];
    const c = await startCollector((l) => raw.push(l));
    await until('data', () => trades() > 10 && events.some((e) => e.kind === 'openInterest'));
    c.stop();
    const file = path.join(os.tmpdir(), `liqmap-${c.venue}-replay-${process.pid}-${Date.now()}.jsonl`);
    const w = openCaptureWriter(file);
    for (const l of raw) w.write(l);
    await w.close();
    const replayed: MarketEvent[] = [];
    const stats = newReplayStats();
    for await (const e of replayEvents(file, stats)) replayed.push(e);
    fs.rmSync(file);
    expect(replayed).toEqual(events.filter((e) => e.kind !== 'status'));
    expect(stats.drops.total).toBe(0);
  });

  it('drop: reconnects and resubscribes, with a gap marker', async () => {
    const c = await startCollector();
    await until('subscribed and flowing', () => trades() > 3 && subscribes() === 2);
    server.fault({ kind: 'drop' });
    await until('gap opened', () => statuses().includes(false));
    await expectRecovery(c);
  });

  it('close: reconnects after a clean server close', async () => {
    const c = await startCollector();
    await until('subscribed and flowing', () => trades() > 3 && subscribes() === 2);
    server.fault({ kind: 'close', code: 1001, reason: 'going away' });
    await expectRecovery(c);
  });

  it('stall: silence detection recycles the socket', async () => {
    const c = await startCollector();
    await until('subscribed and flowing', () => trades() > 3 && subscribes() === 2);
    server.fault({ kind: 'stall', ms: 1500 });
    await until('gap opened', () => statuses().includes(false));
    await expectRecovery(c);
  });

  it('garbage: counted as a drop, the stream continues', async () => {
    const c = await startCollector();
    await until('events', () => trades() > 3);
    server.fault({ kind: 'garbage' });
    await until('drop counted', () => Object.keys(c.health().drops).length > 0);
    const before = trades();
    await until('more data', () => trades() > before + 3);
    expect(Object.keys(c.health().drops)).toEqual([expect.stringMatching(/^frame: not JSON/)]);
    expect(c.health().gaps).toBe(0);
  });

  it('HTTP 429 at start: bundled instrument facts are used and noted; polls back off and recover', async () => {
    server.fault({ kind: 'http', status: 429, count: 2 });
    const c = await startCollector();
    expect(c.health().markets).toEqual(['BTC']);
    expect(c.health().notes.some((n) => n.includes('using bundled fallback'))).toBe(true);
    await until('rest error counted', () => c.health().restErrors >= 1);
    await until('stream flows', () => trades() > 3);
  });

  it('HTTP 5xx on polls: errors counted, no crash', async () => {
    const c = await startCollector();
    await until('events', () => trades() > 3);
    server.fault({ kind: 'http', status: 503, count: 1 });
    await until('rest error counted', () => c.health().restErrors >= 1, 4000);
    expect(c.health().connected).toBe(true);
  });

  it('reject: refused upgrades are retried with backoff', async () => {
    server.fault({ kind: 'reject', count: 2 });
    const c = await startCollector();
    await until('connected after rejects', () => trades() > 3);
    expect(c.health().reconnects).toBeGreaterThanOrEqual(2);
  });
});
