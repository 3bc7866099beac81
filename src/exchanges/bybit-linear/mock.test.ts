// The bybit-linear mock speaks Bybit v5: path, acks and errors, pong, tickers snapshot then deltas,
// REST market endpoints; encode → parse round trip; history (klines + OI) against it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer } from '../mock/server.js';
import { adapter, FALLBACK_MARKETS } from './index.js';
import { createMockProtocol } from './mock.js';
import { loadV5RiskTiers } from './v5/markets.js';
import { until } from '../testing/until.js';

const M = FALLBACK_MARKETS[0] ?? { symbol: 'BTCUSDT', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 100 };
let now = 1_786_310_820_000;
let server: MockServer;
let urls: { httpUrl: string; wsUrl: string };
const sockets: WebSocket[] = [];

beforeEach(async () => {
  now = 1_786_310_820_000;
  server = new MockServer(createMockProtocol(), { now: () => now });
  urls = await server.start();
});
afterEach(async () => {
  for (const s of sockets.splice(0)) s.terminate();
  await server.close();
});

async function open(path = '/v5/public/linear'): Promise<{ ws: WebSocket; got: string[]; closed: () => number | null }> {
  const ws = new WebSocket(`${urls.wsUrl}${path}`);
  sockets.push(ws);
  const got: string[] = [];
  let code: number | null = null;
  ws.on('message', (d) => got.push(String(d)));
  ws.on('close', (c) => (code = c));
  await new Promise<void>((resolve) => {
    ws.once('open', () => resolve());
    ws.once('close', () => resolve());
  });
  return { ws, got, closed: () => code };
}

const ev = {
  mark: (ts: number, markPrice: number): MarketEvent => ({ kind: 'mark', venue: 'bybit-linear', market: 'BTCUSDT', ts, recvTs: ts, markPrice, indexPrice: 65010, fundingRate: 0.0001, nextFundingTs: 1786320000000 }),
  oi: (ts: number, oiBtc: number, price: number): MarketEvent => ({ kind: 'openInterest', venue: 'bybit-linear', market: 'BTCUSDT', ts, recvTs: ts, oiBtc, oiUsd: oiBtc * price }),
  trade: (ts: number, price: number, qty: number): MarketEvent => ({ kind: 'trade', venue: 'bybit-linear', market: 'BTCUSDT', ts, recvTs: ts, price, qty, takerSide: 'buy', id: `t${ts}` }),
};

describe('bybit-linear mock: WebSocket protocol', () => {
  it('refuses other paths', async () => {
    const c = await open('/v5/public/spot');
    await until('closed', () => c.closed() !== null);
    expect(c.closed()).toBe(4004);
  });

  it('answers {"op":"ping"} with the linear/inverse pong shape', async () => {
    const c = await open();
    c.ws.send('{"req_id":"100001","op":"ping"}');
    await until('pong', () => c.got.length > 0);
    expect(JSON.parse(c.got[0] ?? '')).toEqual({ success: true, ret_msg: 'pong', conn_id: expect.any(String), req_id: '100001', op: 'ping' });
  });

  it('acks subscribes, refuses unknown and duplicate topics, sends a tickers snapshot then deltas', async () => {
    server.publish(ev.mark(now, 65000));
    server.publish(ev.oi(now, 30000, 65000));
    const c = await open();
    c.ws.send('{"op":"subscribe","args":["publicTrade.ETHUSDT"]}');
    c.ws.send('{"req_id":"a","op":"subscribe","args":["tickers.BTCUSDT","publicTrade.BTCUSDT"]}');
    c.ws.send('{"req_id":"b","op":"subscribe","args":["tickers.BTCUSDT"]}');
    await until('answers', () => c.got.length >= 4);
    const [err, ack, snap, dup] = c.got.map((g) => JSON.parse(g) as Record<string, unknown>);
    expect(err).toMatchObject({ success: false, ret_msg: 'error:handler not found,topic:publicTrade.ETHUSDT', op: 'subscribe' });
    expect(ack).toMatchObject({ success: true, ret_msg: '', req_id: 'a', op: 'subscribe' });
    expect(snap).toMatchObject({ topic: 'tickers.BTCUSDT', type: 'snapshot', data: { symbol: 'BTCUSDT', markPrice: '65000', singleOpenInterest: '30000', openInterest: '60000' } });
    expect(dup).toMatchObject({ success: false, ret_msg: 'error:already subscribed,topic:tickers.BTCUSDT', req_id: 'b' });
    server.publish(ev.mark(now + 100, 65001.5));
    await until('delta', () => c.got.length >= 5);
    expect(JSON.parse(c.got[4] ?? '')).toEqual({
      topic: 'tickers.BTCUSDT',
      type: 'delta',
      data: { symbol: 'BTCUSDT', markPrice: '65001.5', indexPrice: '65010', fundingRate: '0.0001', nextFundingTime: '1786320000000' },
      cs: expect.any(Number),
      ts: now + 100,
    });
  });

  it('round trip: parse(encode(e)) gives e back for every event kind', () => {
    const proto = createMockProtocol();
    const parser = adapter.createParser(FALLBACK_MARKETS);
    const t = now;
    const input: MarketEvent[] = [
      ev.mark(t, 65000.25),
      ev.oi(t + 1, 29947.989, 65000.25),
      ev.trade(t + 2, 65001.1, 0.123),
      { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: t + 3, recvTs: t + 3, price: 64000, qty: 1.5, notionalUsd: 96000, side: 'long' },
      { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: t + 4, recvTs: t + 4, price: 66000, qty: 0.01, notionalUsd: 660, side: 'short' },
    ];
    const state = { venue: 'bybit-linear' as const, last: new Map(), history: [], now: () => t };
    for (const e of input) {
      const frames = proto.encode(e, state);
      expect(frames).toHaveLength(1);
      const out = parser.ws(frames[0]?.frame ?? '', e.recvTs);
      expect(out.kind).toBe('events');
      const got = out.kind === 'events' ? out.events.filter((x) => x.kind === e.kind) : [];
      expect(got).toHaveLength(1);
      const g = got[0] as Record<string, unknown>;
      for (const [k, v] of Object.entries(e)) {
        if (typeof v === 'number') expect(g[k] as number).toBeCloseTo(v, 2);
        else expect(g[k]).toEqual(v);
      }
    }
  });
});

describe('bybit-linear mock: REST', () => {
  const http = () => createHttpClient(urls.httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 });
  const get = async (path: string): Promise<Record<string, unknown>> => JSON.parse((await http().request({ method: 'GET', path })).body) as Record<string, unknown>;

  it('instruments-info feeds loadMarkets; wrong category and symbol are retCode 10001', async () => {
    expect(await adapter.loadMarkets?.(http(), ['BTCUSDT'])).toEqual([M]);
    expect(await get('/v5/market/instruments-info?category=inverse&symbol=BTCUSDT')).toMatchObject({ retCode: 10001 });
    expect(await get('/v5/market/tickers?category=linear&symbol=ETHUSDT')).toMatchObject({ retCode: 10001 });
    await expect(adapter.loadMarkets?.(http(), ['ETHUSDT'])).rejects.toThrow(/retCode: venue error 10001/);
  });

  it('tickers parse into the same mark and one-sided OI', async () => {
    server.publish(ev.mark(now, 65000));
    server.publish(ev.oi(now, 30000, 65000));
    const body = (await http().request({ method: 'GET', path: '/v5/market/tickers?category=linear&symbol=BTCUSDT' })).body;
    const out = adapter.createParser(FALLBACK_MARKETS).rest({ method: 'GET', path: '/v5/market/tickers?category=linear&symbol=BTCUSDT' }, body, now);
    expect(out).toMatchObject({ kind: 'events', events: [{ kind: 'mark', markPrice: 65000, fundingRate: 0.0001 }, { kind: 'openInterest', oiBtc: 30000, oiUsd: 30000 * 65000 }] });
  });

  it('risk-limit tiers parse into maintenance tiers', async () => {
    expect(await loadV5RiskTiers(http(), M, 65000)).toEqual([{ maxNotionalUsd: Infinity, mmr: 0.005, maxLeverage: 100 }]);
  });

  it('history: 1-minute klines (paged, newest-first answers) and 5-minute OI valued at the kline price', async () => {
    const t0 = 1_786_300_000_000 - (1_786_300_000_000 % 300_000);
    // 1500 minutes of one trade per minute (two kline pages), OI every minute.
    for (let i = 0; i < 1500; i++) {
      const ts = t0 + i * 60_000 + 1000;
      server.publish(ev.trade(ts, 60000 + i, 0.5));
      server.publish(ev.oi(ts, 30000 + i, 60000 + i));
    }
    now = t0 + 1500 * 60_000;
    const h = adapter.history;
    if (!h) throw new Error('no history');
    const kl = await h.klines(http(), M, t0, t0 + 1500 * 60_000);
    expect(kl).toHaveLength(1500);
    expect(kl[0]).toEqual({ ts: t0, open: 60000, high: 60000, low: 60000, close: 60000, volume: 0.5 });
    expect(kl[1499]?.close).toBe(61499);
    const oi = await h.openInterest(http(), M, t0, t0 + 1500 * 60_000);
    // Points every 5 minutes after the first event; OI then = the last value published before it.
    expect(oi.length).toBeGreaterThan(290);
    const p = oi.find((x) => x.ts === t0 + 600_000);
    expect(p?.oiBtc).toBe(30000 + 9);
    // valued at the close of the 5-minute kline ending at that time (last trade price 60009)
    expect(p?.oiUsd).toBeCloseTo((30000 + 9) * 60009, 3);
  });
});
