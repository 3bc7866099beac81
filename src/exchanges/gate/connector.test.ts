// The real VenueCollector against the Gate mock, for every fault: drop, close, stall, garbage,
// HTTP 429/5xx, refused upgrades. Short timeouts through an adapter wrapper; no timing asserts.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent, StatusEvent } from '../../core/events.js';
import type { VenueAdapter } from '../../core/venue.js';
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

/** The adapter with test-sized silence and keep-alive periods. */
function fast(silenceTimeoutMs: number): VenueAdapter {
  return {
    ...adapter,
    endpoints: async (cfg, markets, http) =>
      (await adapter.endpoints(cfg, markets, http)).map((ep) => ({ ...ep, silenceTimeoutMs, keepalive: { intervalMs: 50, message: ep.keepalive?.message ?? '' } })),
  };
}

async function start(opts: { silenceMs?: number; before?: (s: MockServer) => void } = {}): Promise<Rig> {
  const server = new MockServer(createMockProtocol());
  const { httpUrl, wsUrl } = await server.start();
  opts.before?.(server);
  const events: MarketEvent[] = [];
  const collector = new VenueCollector({
    adapter: fast(opts.silenceMs ?? 5000),
    config: { wsUrl: `${wsUrl}/v4/ws/usdt`, restUrl: `${httpUrl}/api/v4`, markets: ['BTC_USDT'], pollIntervalMs: 1000 },
    http: createHttpClient(`${httpUrl}/api/v4`, { timeoutMs: 1000, maxRequestsPerSec: 1000, retries: 1, initialBackoffMs: 10 }),
    onEvent: (e) => events.push(e),
    backoff: BACKOFF,
  });
  rig = { server, collector, events };
  await collector.start();
  let i = 0;
  pump = setInterval(() => {
    const ts = Date.now();
    i++;
    server.publish({ kind: 'trade', venue: 'gate', market: 'BTC_USDT', ts, recvTs: ts, price: 60000 + (i % 7), qty: 0.00015 * (1 + (i % 3)), takerSide: i % 2 ? 'buy' : 'sell', id: String(i) });
    if (i % 5 === 0) server.publish({ kind: 'mark', venue: 'gate', market: 'BTC_USDT', ts, recvTs: ts, markPrice: 60000, indexPrice: 60001, fundingRate: 0.0001 });
  }, 10);
  pump.unref();
  return rig;
}

const statuses = (r: Rig): StatusEvent[] => r.events.filter((e): e is StatusEvent => e.kind === 'status');
const trades = (r: Rig): number => r.events.filter((e) => e.kind === 'trade').length;
const subscribes = (s: MockServer): number => s.clientFrames.filter((f) => f.includes('"event":"subscribe"')).length;

/** Waits for a disconnect then for data flowing again. */
async function recovers(r: Rig): Promise<void> {
  await until('gap opened', () => statuses(r).some((s) => !s.connected));
  const before = trades(r);
  await until('gap closed', () => statuses(r).some((s) => s.connected));
  await until('trades after reconnect', () => trades(r) > before + 3);
}

describe('gate collector against the mock', () => {
  it('loads live facts, subscribes with the size-decimal header and parses data', async () => {
    const r = await start();
    await until('trades and marks', () => trades(r) > 5 && r.events.some((e) => e.kind === 'mark'));
    await until('all four subscriptions', () => subscribes(r.server) === 4);
    expect(r.server.clientFrames.some((f) => f.includes('futures.contract_stats') && f.includes('["BTC_USDT","1m"]'))).toBe(true);
    await until('futures.ping keep-alive', () => r.server.clientFrames.some((f) => f.includes('"futures.ping"')));
    const h = r.collector.health();
    expect(h.notes).toEqual([]);
    expect(h.publishesLiquidations).toBe(true);
    expect(h.drops).toEqual({});
    const t = r.events.find((e) => e.kind === 'trade');
    // Fractional sizes survive only with the header: 0.00015 BTC = "1.5" contracts (1 without it).
    const qtys = r.events.flatMap((e) => (e.kind === 'trade' ? [e.qty] : []));
    expect(qtys.some((q) => Math.abs(q - 0.00015) < 1e-12)).toBe(true);
    expect(t?.kind).toBe('trade');
  });

  it('reconnects and resubscribes after a drop', async () => {
    const r = await start();
    await until('subscribed and data', () => subscribes(r.server) === 4 && trades(r) > 3);
    r.server.fault({ kind: 'drop' });
    await recovers(r);
    await until('resubscribed', () => subscribes(r.server) === 8);
    expect(r.collector.health().gaps).toBe(1);
  });

  it('reconnects after a clean close', async () => {
    const r = await start();
    await until('data', () => trades(r) > 3);
    r.server.fault({ kind: 'close', code: 1001, reason: 'service upgrade' });
    await recovers(r);
  });

  it('detects a stall by silence and reconnects', async () => {
    const r = await start({ silenceMs: 150 });
    await until('data', () => trades(r) > 3);
    r.server.fault({ kind: 'stall', ms: 400 });
    await recovers(r);
    expect(r.collector.health().reconnects).toBeGreaterThan(0);
  });

  it('counts a garbage frame as a drop and keeps going', async () => {
    const r = await start();
    await until('data', () => trades(r) > 3);
    r.server.fault({ kind: 'garbage' });
    await until('drop counted', () => Object.keys(r.collector.health().drops).length > 0);
    const before = trades(r);
    await until('more trades', () => trades(r) > before + 3);
    expect(Object.keys(r.collector.health().drops)[0]).toMatch(/not JSON/);
    expect(statuses(r)).toEqual([]);
  });

  it('retries a 429 on the instrument request, and falls back (noted) on lasting 5xx', async () => {
    const ok = await start({ before: (s) => s.fault({ kind: 'http', status: 429, count: 1 }) });
    expect(ok.collector.health().notes).toEqual([]);
    ok.collector.stop();
    await ok.server.close();
    rig = null;
    const r = await start({ before: (s) => s.fault({ kind: 'http', status: 503, count: 5 }) });
    expect(r.collector.health().notes.join(' ')).toMatch(/instrument facts unavailable.*bundled fallback/);
    await until('data on fallback facts', () => trades(r) > 3);
  });

  it('backs off through refused upgrades and connects', async () => {
    const r = await start({ before: (s) => s.fault({ kind: 'reject', count: 3 }) });
    await until('data after refusals', () => trades(r) > 3);
    expect(r.collector.health().reconnects).toBeGreaterThanOrEqual(3);
  });
});
