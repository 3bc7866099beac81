// The generic transport against a minimal line protocol: "T <price> <qty>" frames are trades,
// "hb" is a heartbeat, REST /oi answers open interest.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../core/events.js';
import { FrameError } from '../core/fields.js';
import type { HttpClient, VenueAdapter, WsEndpoint } from '../core/venue.js';
import { MockServer, type MockProtocol } from '../exchanges/mock/server.js';
import { VenueCollector } from './collector.js';

const protocol: MockProtocol = {
  venue: 'binance-usdm',
  onOpen: (s) => s.path === '/feed',
  onMessage: (s, text) => {
    if (text === 'sub') {
      s.topics.add('trades');
      s.send('ack');
    }
    if (text === 'ping') s.send('pong');
  },
  encode: (e) => (e.kind === 'trade' ? [{ topic: 'trades', frame: `T ${e.price} ${e.qty} ${e.ts}` }] : []),
  rest: (req, state) => {
    if (req.path !== '/oi') return undefined;
    const oi = state.last.get('openInterest:BTCUSDT');
    return { status: 200, body: JSON.stringify({ oi: oi && oi.kind === 'openInterest' ? oi.oiBtc : 1 }) };
  },
  heartbeat: { intervalMs: 20, frame: () => 'hb' },
};

function adapter(silenceTimeoutMs: number, keepaliveMs?: number): VenueAdapter {
  return {
    id: 'binance-usdm',
    defaultWsUrl: 'ws://unused',
    defaultRestUrl: 'http://unused',
    fallbackMarkets: [{ symbol: 'BTCUSDT', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 125 }],
    publishesLiquidations: true,
    endpoints: async (cfg) => {
      const ep: WsEndpoint = {
        name: 'main',
        url: `${cfg.wsUrl}/feed`,
        subscribe: ['sub'],
        maxMessagesPerSec: 10,
        silenceTimeoutMs,
        ...(keepaliveMs ? { keepalive: { intervalMs: keepaliveMs, message: 'ping' } } : {}),
      };
      return [ep];
    },
    polls: () => [{ request: { method: 'GET', path: '/oi' }, intervalMs: 30 }],
    createParser: () => ({
      ws(frame, recvTs) {
        if (frame === 'ack' || frame === 'pong' || frame === 'hb') return { kind: 'control', what: frame };
        const [tag, p, q, ts] = frame.split(' ');
        if (tag !== 'T') throw new FrameError('frame', 'unknown');
        return {
          kind: 'events',
          events: [{ kind: 'trade', venue: 'binance-usdm', market: 'BTCUSDT', ts: Number(ts), recvTs, price: Number(p), qty: Number(q), takerSide: 'buy' }],
        };
      },
      rest(_req, body, recvTs) {
        const v = JSON.parse(body) as { oi: number };
        return { kind: 'events', events: [{ kind: 'openInterest', venue: 'binance-usdm', market: 'BTCUSDT', ts: recvTs, recvTs, oiBtc: v.oi, oiUsd: v.oi * 100 }] };
      },
    }),
  };
}

function http(base: string): HttpClient {
  return {
    async request(req) {
      const r = await fetch(base + req.path, { method: req.method });
      return { status: r.status, body: await r.text() };
    },
  };
}

const until = async (cond: () => boolean, ms = 5000): Promise<void> => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function setup(silenceTimeoutMs = 5000, keepaliveMs?: number) {
  const mock = new MockServer(protocol);
  const { wsUrl, httpUrl } = await mock.start();
  const events: MarketEvent[] = [];
  const raws: string[] = [];
  const col = new VenueCollector({
    adapter: adapter(silenceTimeoutMs, keepaliveMs),
    config: { wsUrl, restUrl: httpUrl, markets: ['BTCUSDT'], pollIntervalMs: 30 },
    http: http(httpUrl),
    onEvent: (e) => events.push(e),
    onRaw: (l) => raws.push(l.raw),
    backoff: { initialMs: 20, maxMs: 100, factor: 2, jitter: 0.5 },
  });
  cleanup.push(async () => {
    col.stop();
    await mock.close();
  });
  await col.start();
  await until(() => mock.connectionCount === 1 && mock.clientFrames.includes('sub'));
  await until(() => col.health().connected);
  return { mock, col, events, raws };
}

const trade = (ts: number, price = 100): MarketEvent => ({ kind: 'trade', venue: 'binance-usdm', market: 'BTCUSDT', ts, recvTs: ts, price, qty: 1, takerSide: 'buy' });
const trades = (ev: MarketEvent[]) => ev.filter((e) => e.kind === 'trade');
const statuses = (ev: MarketEvent[]) => ev.filter((e) => e.kind === 'status').map((e) => (e.kind === 'status' ? e.connected : null));

describe('VenueCollector', () => {
  it('subscribes, parses data, polls REST and records raw frames', async () => {
    const { mock, events, raws, col } = await setup();
    mock.publish(trade(1_700_000_000_000));
    await until(() => trades(events).length === 1 && events.some((e) => e.kind === 'openInterest'));
    expect(raws).toContain('ack');
    expect(col.health()).toMatchObject({ connected: true, venue: 'binance-usdm', gaps: 0 });
  });

  it('reconnects after a drop, resubscribes and marks the gap with status events', async () => {
    const { mock, events, col } = await setup();
    mock.fault({ kind: 'drop' });
    await until(() => statuses(events).includes(false));
    await until(() => mock.stats.connections === 2 && mock.connectionCount === 1 && mock.clientFrames.filter((f) => f === 'sub').length === 2);
    mock.publish(trade(1_700_000_000_500));
    await until(() => statuses(events).includes(true));
    expect(statuses(events)).toEqual([false, true]);
    expect(col.health().gaps).toBe(1);
    expect(col.health().reconnects).toBeGreaterThanOrEqual(1);
  });

  it('survives a clean server close and a refused reconnect', async () => {
    const { mock, events } = await setup();
    mock.fault({ kind: 'reject', count: 2 });
    mock.fault({ kind: 'close', code: 1001, reason: '24h' });
    // Publish only once the new socket has subscribed again (else the trade has no subscriber).
    await until(() => mock.stats.connections === 2 && mock.clientFrames.filter((f) => f === 'sub').length === 2);
    mock.publish(trade(1_700_000_000_500));
    await until(() => trades(events).length === 1);
  });

  it('counts a garbage frame as a drop with a reason, without disconnecting', async () => {
    const { mock, col, events } = await setup();
    mock.fault({ kind: 'garbage' });
    await until(() => Object.keys(col.health().drops).length > 0);
    mock.publish(trade(1_700_000_000_500));
    await until(() => trades(events).length === 1);
    expect(col.health().drops).toMatchObject({ 'frame: unknown': 1 });
    expect(mock.stats.connections).toBe(1);
  });

  it('treats a socket that only sends heartbeats as dead (silence watchdog)', async () => {
    const { mock, events } = await setup(150);
    mock.fault({ kind: 'stall', ms: 100_000 });
    await until(() => mock.stats.connections >= 2);
    expect(statuses(events)[0]).toBe(false);
  });

  it('sends the venue keep-alive and backs off REST polls on 429', async () => {
    const { mock, col } = await setup(5000, 25);
    await until(() => mock.clientFrames.includes('ping'));
    mock.fault({ kind: 'http', status: 429, count: 2 });
    await until(() => col.health().restErrors >= 1);
    expect(col.health().connected).toBe(true);
  });
});
