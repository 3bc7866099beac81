// The USDⓈ-M mock speaks Binance's protocol: paths per category, SUBSCRIBE/ack/errors, combined
// wrapping, the 1-liquidation-per-second quirk, REST answers, ping frames; and parse(encode(e)) ≈ e.
import { afterEach, describe, expect, it } from 'vitest';
import type { LiquidationEvent, MarkEvent, MarketEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';
import { MockServer } from '../mock/server.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { httpClient, openClient, waitFor, type TestClient } from './test-support.js';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const base = { venue: 'binance-usdm' as const, market: 'BTCUSDT', recvTs: T0 };
const trade = (ts: number, price: number, qty: number, takerSide: 'buy' | 'sell' = 'buy'): TradeEvent => ({ ...base, kind: 'trade', ts, price, qty, takerSide });
const liq = (ts: number, qty: number, side: 'long' | 'short'): LiquidationEvent => ({ ...base, kind: 'liquidation', ts, price: 60000, qty, notionalUsd: qty * 60000, side });
const mark = (ts: number, markPrice: number): MarkEvent => ({ ...base, kind: 'mark', ts, markPrice, indexPrice: markPrice - 5, fundingRate: 0.0001, nextFundingTs: T0 + 3600_000 });
const oi = (ts: number, oiBtc: number): OpenInterestEvent => ({ ...base, kind: 'openInterest', ts, oiBtc, oiUsd: oiBtc * 60000 });
const spec: MarketSpec = adapter.fallbackMarkets[0] as MarketSpec;

let server: MockServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.close();
  server = null;
});

async function start(pingMs?: number): Promise<{ ws: string; http: string }> {
  server = new MockServer(createMockProtocol(pingMs ? { wsPingIntervalMs: pingMs } : {}), { now: () => T0 });
  const { wsUrl, httpUrl } = await server.start();
  return { ws: wsUrl, http: httpUrl };
}
async function client(url: string): Promise<TestClient> {
  const c = await openClient(url);
  clients.push(c);
  return c;
}
const STREAMS = 'btcusdt@aggTrade/btcusdt@forceOrder/btcusdt@markPrice@1s';

describe('binance-usdm mock: WebSocket', () => {
  it('combined /market/stream wraps {"stream","data"}; raw /market/ws sends bare payloads', async () => {
    const u = await start();
    const combined = await client(`${u.ws}/market/stream?streams=${STREAMS}`);
    const raw = await client(`${u.ws}/market/ws/btcusdt@aggTrade`);
    server?.publish(trade(T0, 60000.5, 0.25, 'sell'));
    await waitFor(() => combined.messages.length === 1 && raw.messages.length === 1, 'frames');
    expect(JSON.parse(combined.messages[0] ?? '')).toMatchObject({ stream: 'btcusdt@aggTrade', data: { e: 'aggTrade', s: 'BTCUSDT', p: '60000.5', q: '0.250', m: true } });
    expect(JSON.parse(raw.messages[0] ?? '')).toMatchObject({ e: 'aggTrade', T: T0 });
  });

  it('SUBSCRIBE acks with {"result":null,"id":n}, LIST_SUBSCRIPTIONS lists, errors follow the doc table', async () => {
    const u = await start();
    const c = await client(`${u.ws}/market/stream`);
    c.send({ method: 'SUBSCRIBE', params: ['btcusdt@markPrice@1s'], id: 7 });
    c.send({ method: 'LIST_SUBSCRIPTIONS', id: 8 });
    c.send({ method: 'SUBSCRIB', params: [], id: 9 });
    c.send({ method: 'SUBSCRIBE', params: [], id: 'x' });
    c.send('{nope');
    await waitFor(() => c.messages.length === 5, 'replies');
    expect(c.messages.map((m) => JSON.parse(m) as unknown)).toEqual([
      { result: null, id: 7 },
      { result: ['btcusdt@markPrice@1s'], id: 8 },
      { code: 2, msg: expect.stringContaining('unknown variant "SUBSCRIB"') as unknown, id: 9 },
      { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' },
      { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' },
    ]);
    server?.publish(mark(T0, 60001));
    await waitFor(() => c.messages.length === 6, 'mark frame');
    expect(JSON.parse(c.messages[5] ?? '')).toMatchObject({ stream: 'btcusdt@markPrice@1s', data: { e: 'markPriceUpdate', p: '60001.00000000' } });
    // The parser treats the replies as control frames and drops.
    const p = adapter.createParser([spec]);
    expect(c.messages.slice(0, 5).map((m) => p.ws(m, T0).kind)).toEqual(['control', 'control', 'drop', 'drop', 'drop']);
  });

  it('more than 10 client messages in a second → disconnected', async () => {
    const u = await start();
    const c = await client(`${u.ws}/market/ws`);
    for (let i = 1; i <= 12; i++) c.send({ method: 'LIST_SUBSCRIPTIONS', id: i });
    await waitFor(() => c.closeCode !== null, 'close');
    expect(c.closeCode).toBe(1008);
  });

  it('the retired root path and the wrong category connect but push nothing; unknown paths are refused', async () => {
    const u = await start();
    const legacy = await client(`${u.ws}/stream?streams=${STREAMS}`);
    const publicCat = await client(`${u.ws}/public/stream?streams=${STREAMS}`);
    const current = await client(`${u.ws}/market/stream?streams=${STREAMS}`);
    const trades = await client(`${u.ws}/public/ws/btcusdt@trade`);
    server?.publish(trade(T0, 60000, 1));
    server?.publish(mark(T0, 60000));
    await waitFor(() => current.messages.length === 2 && trades.messages.length === 1, 'frames on the current paths');
    expect(JSON.parse(trades.messages[0] ?? '')).toMatchObject({ e: 'trade', X: 'MARKET' });
    expect(legacy.messages).toEqual([]);
    expect(publicCat.messages).toEqual([]);
    const nowhere = await client(`${u.ws}/nowhere`);
    await waitFor(() => nowhere.closeCode !== null, 'refusal');
    expect(nowhere.closeCode).toBe(4004);
  });

  it('pushes at most the latest liquidation per symbol per second, once the second is over', async () => {
    const u = await start();
    const c = await client(`${u.ws}/market/stream?streams=btcusdt@forceOrder`);
    server?.publish(liq(T0 + 100, 0.1, 'long'));
    server?.publish(liq(T0 + 500, 0.2, 'short'));
    server?.publish(liq(T0 + 900, 0.3, 'long'));
    server?.publish(mark(T0 + 999, 60000)); // same second: nothing yet
    server?.publish(liq(T0 + 1200, 0.4, 'short'));
    server?.publish(mark(T0 + 2000, 60000)); // closes the second window
    await waitFor(() => c.messages.length === 2, 'two forceOrder frames');
    const p = adapter.createParser([spec]);
    const got = c.messages.map((m) => p.ws(m, T0)).flatMap((o) => (o.kind === 'events' ? o.events : []));
    expect(got.map((e) => (e.kind === 'liquidation' ? [e.ts, e.qty, e.side] : null))).toEqual([
      [T0 + 900, 0.3, 'long'],
      [T0 + 1200, 0.4, 'short'],
    ]);
  });

  it('answers the server ping frames with pongs (ws library, automatic)', async () => {
    const u = await start(30);
    await client(`${u.ws}/market/ws/btcusdt@aggTrade`);
    await waitFor(() => (server?.stats.pongs ?? 0) >= 2, 'pongs');
  });
});

describe('binance-usdm mock: encode round trip', () => {
  it('parse(encode(e)) ≈ e for trades, marks and liquidations', () => {
    const proto = createMockProtocol();
    const state = { venue: 'binance-usdm' as const, last: new Map<string, MarketEvent>(), history: [], now: () => T0 };
    const events: MarketEvent[] = [trade(T0, 61234.5, 0.123, 'sell'), mark(T0 + 10, 61230.1), liq(T0 + 20, 1.5, 'short'), mark(T0 + 1500, 61231)];
    const p = adapter.createParser([spec]);
    const back = events
      .flatMap((e) => proto.encode(e, state))
      .filter((f) => f.topic.startsWith('market|c|') && !f.topic.endsWith('@markPrice'))
      .flatMap((f) => {
        const o = p.ws(f.frame, T0);
        return o.kind === 'events' ? o.events : [];
      });
    expect(back).toEqual([
      { ...events[0], id: '1' },
      events[1],
      events[2],
      events[3],
    ]);
  });
});

describe('binance-usdm mock: REST', () => {
  it('exchangeInfo → instrument facts; openInterest from the last published value; venue errors', async () => {
    const u = await start();
    const http = httpClient(u.http);
    expect(await adapter.loadMarkets?.(http, ['BTCUSDT'])).toEqual([spec]);
    expect((await http.request({ method: 'GET', path: '/fapi/v1/openInterest?symbol=BTCUSDT' })).status).toBe(503);
    server?.publish(oi(T0, 80000.123));
    const res = await http.request({ method: 'GET', path: '/fapi/v1/openInterest?symbol=BTCUSDT' });
    expect(JSON.parse(res.body)).toEqual({ symbol: 'BTCUSDT', openInterest: '80000.123', time: T0 });
    const bad = await http.request({ method: 'GET', path: '/fapi/v1/openInterest?symbol=XYZ' });
    expect([bad.status, JSON.parse(bad.body)]).toEqual([400, { code: -1121, msg: 'Invalid symbol.' }]);
    const none = await http.request({ method: 'GET', path: '/fapi/v1/openInterest' });
    expect(JSON.parse(none.body)).toMatchObject({ code: -1102 });
  });

  it('history: 1m klines from trades and 5m open-interest history, through the adapter', async () => {
    const u = await start();
    const http = httpClient(u.http);
    server?.publish(trade(T0 + 1000, 60000, 0.5, 'buy'));
    server?.publish(trade(T0 + 2000, 60100, 0.25, 'sell'));
    server?.publish(trade(T0 + 61_000, 59900, 1, 'buy'));
    server?.publish(oi(T0 + 10_000, 1000));
    server?.publish(oi(T0 + 290_000, 1001));
    server?.publish(oi(T0 + 310_000, 1002));
    const h = adapter.history;
    if (!h) throw new Error('no history');
    expect(await h.klines(http, spec, T0, T0 + 120_000)).toEqual([
      { ts: T0, open: 60000, high: 60100, low: 60000, close: 60100, volume: 0.75, buyVolume: 0.5 },
      { ts: T0 + 60_000, open: 59900, high: 59900, low: 59900, close: 59900, volume: 1, buyVolume: 1 },
    ]);
    expect(await h.openInterest(http, spec, T0, T0 + 600_000)).toEqual([
      { ts: T0, oiBtc: 1001, oiUsd: 1001 * 60000 },
      { ts: T0 + 300_000, oiBtc: 1002, oiUsd: 1002 * 60000 },
    ]);
    expect(http.paths.some((p) => p.startsWith('/futures/data/openInterestHist?symbol=BTCUSDT&period=5m'))).toBe(true);
  });
});
