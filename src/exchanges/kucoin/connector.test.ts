// The real VenueCollector against the KuCoin mock: bullet token before every connect, the bullet's
// ping interval obeyed, OI polled over REST, and every fault (drop, close, stall, garbage, HTTP
// 429/5xx incl. a failing token request, refused upgrades). No timing asserts.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent, StatusEvent } from '../../core/events.js';
import type { HttpClient } from '../../core/venue.js';
import { VenueCollector } from '../../feed/collector.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer } from '../mock/server.js';
import { adapter } from './index.js';
import { until } from '../testing/until.js';
import { createMockProtocol } from './mock.js';

const BACKOFF = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 };

interface Rig {
  server: MockServer;
  collector: VenueCollector;
  events: MarketEvent[];
  paths: string[];
}

let rig: Rig | null = null;
let pump: NodeJS.Timeout | null = null;

afterEach(async () => {
  if (pump) clearInterval(pump);
  pump = null;
  rig?.collector.stop();
  await rig?.server.close();
  rig = null;
});

async function start(opts: { pingIntervalMs?: number; pingTimeoutMs?: number; wsUrl?: string; before?: (s: MockServer) => void } = {}): Promise<Rig> {
  // The bullet's ping values drive keep-alive and the silence timeout (interval + timeout).
  const server = new MockServer(createMockProtocol({ pingIntervalMs: opts.pingIntervalMs ?? 50, pingTimeoutMs: opts.pingTimeoutMs ?? 400 }));
  const { httpUrl, wsUrl } = await server.start();
  opts.before?.(server);
  const paths: string[] = [];
  const inner = createHttpClient(httpUrl, { timeoutMs: 1000, maxRequestsPerSec: 1000, retries: 1, initialBackoffMs: 10, maxRetryAfterMs: 0 });
  const http: HttpClient = { request: (req) => (paths.push(req.path), inner.request(req)) };
  const events: MarketEvent[] = [];
  const collector = new VenueCollector({
    adapter,
    // The default WS URL means "use the bullet's endpoint"; the mock answers with its own address.
    config: { wsUrl: opts.wsUrl === undefined ? adapter.defaultWsUrl : `${wsUrl}${opts.wsUrl}`, restUrl: httpUrl, markets: ['XBTUSDTM'], pollIntervalMs: 50 },
    http,
    onEvent: (e) => events.push(e),
    backoff: BACKOFF,
  });
  rig = { server, collector, events, paths };
  await collector.start();
  let i = 0;
  pump = setInterval(() => {
    const ts = Date.now();
    i++;
    server.publish({ kind: 'trade', venue: 'kucoin', market: 'XBTUSDTM', ts, recvTs: ts, price: 60000 + (i % 5), qty: 0.001 * (1 + (i % 3)), takerSide: i % 2 ? 'buy' : 'sell', id: String(i) });
    server.publish({ kind: 'mark', venue: 'kucoin', market: 'XBTUSDTM', ts, recvTs: ts, markPrice: 60000, indexPrice: 60002, fundingRate: 0.0001 });
    if (i % 10 === 0) server.publish({ kind: 'openInterest', venue: 'kucoin', market: 'XBTUSDTM', ts, recvTs: ts, oiBtc: 5000 + i, oiUsd: (5000 + i) * 60000 });
  }, 10);
  pump.unref();
  return rig;
}

const statuses = (r: Rig): StatusEvent[] => r.events.filter((e): e is StatusEvent => e.kind === 'status');
const count = (r: Rig, kind: MarketEvent['kind']): number => r.events.filter((e) => e.kind === kind).length;
const bullets = (r: Rig): number => r.paths.filter((p) => p === '/api/v1/bullet-public').length;
const subscribes = (s: MockServer): number => s.clientFrames.filter((f) => f.includes('"type":"subscribe"')).length;

async function recovers(r: Rig): Promise<void> {
  await until('gap opened', () => statuses(r).some((s) => !s.connected));
  const before = count(r, 'trade');
  await until('gap closed', () => statuses(r).some((s) => s.connected));
  await until('trades after reconnect', () => count(r, 'trade') > before + 3);
}

describe('kucoin collector against the mock', () => {
  it('connects through the bullet endpoint, pings at its interval, polls OI, and says it has no liquidations', async () => {
    const r = await start();
    const polledOi = (): number => r.events.filter((e) => e.kind === 'openInterest' && e.oiBtc > 5000).length;
    await until('trades, marks and polled OI', () => count(r, 'trade') > 5 && count(r, 'mark') > 5 && polledOi() > 0);
    await until('pings', () => r.server.clientFrames.filter((f) => f.includes('"type":"ping"')).length >= 3);
    expect(subscribes(r.server)).toBe(2);
    expect(bullets(r)).toBe(1);
    const oi = r.events.filter((e) => e.kind === 'openInterest').at(-1);
    // The mock's contract answer: the last published OI in whole contracts of 0.001 BTC.
    expect(oi?.kind === 'openInterest' && Number.isInteger(Math.round(oi.oiBtc * 1e6) / 1e3)).toBe(true);
    const h = r.collector.health();
    expect(h.publishesLiquidations).toBe(false);
    expect(h.notes).toEqual(['venue publishes no public liquidation stream']);
    expect(h.drops).toEqual({});
    expect(count(r, 'liquidation')).toBe(0);
  });

  it('fetches a fresh token for each reconnect after a drop, and resubscribes', async () => {
    const r = await start();
    await until('subscribed and data', () => subscribes(r.server) === 2 && count(r, 'trade') > 3);
    r.server.fault({ kind: 'drop' });
    await recovers(r);
    expect(bullets(r)).toBeGreaterThanOrEqual(2);
    await until('resubscribed', () => subscribes(r.server) === 4);
  });

  it('is cut by the server when pings stop, and comes back (ping rule enforced by the mock)', async () => {
    // A configured WS URL replaces the bullet endpoint (LIQMAP_KUCOIN_WS); the token still comes from the bullet.
    const r = await start({ wsUrl: '/endpoint' });
    await until('data', () => count(r, 'trade') > 3);
    r.server.fault({ kind: 'close', code: 1001, reason: 'going away' });
    await recovers(r);
    expect(bullets(r)).toBeGreaterThanOrEqual(2);
  });

  it('detects a stall by silence (pingInterval + pingTimeout) and reconnects', async () => {
    const r = await start({ pingIntervalMs: 50, pingTimeoutMs: 100 });
    await until('data', () => count(r, 'trade') > 3);
    r.server.fault({ kind: 'stall', ms: 500 });
    await recovers(r);
  });

  it('counts garbage as a drop and keeps going', async () => {
    const r = await start();
    await until('data', () => count(r, 'trade') > 3);
    r.server.fault({ kind: 'garbage' });
    await until('drop counted', () => Object.keys(r.collector.health().drops).length > 0);
    const before = count(r, 'trade');
    await until('more trades', () => count(r, 'trade') > before + 3);
    expect(statuses(r)).toEqual([]);
  });

  it('retries a failing token request with backoff (5xx at start) and then streams', async () => {
    const r = await start({ before: (s) => s.fault({ kind: 'http', status: 503, count: 6 }) });
    await until('data after token failures', () => count(r, 'trade') > 3);
    expect(r.collector.health().notes.join(' ')).toMatch(/bundled fallback/);
    expect(bullets(r)).toBeGreaterThanOrEqual(2);
    expect(statuses(r).some((s) => !s.connected)).toBe(true);
  });

  it('keeps polling OI through HTTP 429s (counted as REST errors)', async () => {
    const r = await start();
    await until('first OI', () => count(r, 'openInterest') > 0);
    r.server.fault({ kind: 'http', status: 429, count: 1 });
    await until('REST error counted', () => r.collector.health().restErrors > 0);
    const before = count(r, 'openInterest');
    await until('OI again', () => count(r, 'openInterest') > before, 10_000);
  });

  it('backs off through refused upgrades and connects', async () => {
    const r = await start({ before: (s) => s.fault({ kind: 'reject', count: 3 }) });
    await until('data after refusals', () => count(r, 'trade') > 3);
    expect(r.collector.health().reconnects).toBeGreaterThanOrEqual(3);
    expect(bullets(r)).toBeGreaterThanOrEqual(4);
  });
});
