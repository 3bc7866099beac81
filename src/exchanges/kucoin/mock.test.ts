// The KuCoin mock as product code: trade and mark events encode to KuCoin frames our parser reads
// back; the bullet, contract, kline and OI-history answers feed the adapter and history functions.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer, type MockState } from '../mock/server.js';
import { requestBullet, connectUrl } from './bullet.js';
import { kucoinHistory, parseKlines } from './history.js';
import { KUCOIN_FALLBACK_MARKETS, kucoinData, loadKucoinMarkets } from './markets.js';
import { createMockProtocol } from './mock.js';
import { createKucoinParser } from './parse.js';
import { fixtures } from './testing.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const XBT = KUCOIN_FALLBACK_MARKETS[0]!;
const base = { venue: 'kucoin', market: 'XBTUSDTM', recvTs: T0 } as const;

function state(last: MarketEvent[]): MockState {
  return { venue: 'kucoin', last: new Map(last.map((e) => [`${e.kind}:${e.market}`, e])), history: last, now: () => T0 };
}

describe('kucoin mock encode → parse', () => {
  it('trades survive the nanosecond timestamp and contract sizes', () => {
    const proto = createMockProtocol();
    for (const ts of [T0, T0 + 1, T0 + 999, 1706068863101]) {
      const e: MarketEvent = { ...base, kind: 'trade', ts, price: 60000.5, qty: 0.017, takerSide: 'buy', id: 'abc' };
      const [f] = proto.encode(e, state([e]));
      const out = createKucoinParser(KUCOIN_FALLBACK_MARKETS).ws(f!.frame, T0);
      expect(out.kind === 'events' && out.events).toEqual([e]);
    }
  });

  it('marks with funding, and no frames for OI or liquidations (KuCoin pushes neither)', () => {
    const proto = createMockProtocol();
    const e: MarketEvent = { ...base, kind: 'mark', ts: T0, markPrice: 60000, indexPrice: 60001, fundingRate: 0.0001 };
    const parser = createKucoinParser(KUCOIN_FALLBACK_MARKETS);
    const outs = proto.encode(e, state([e])).map((f) => parser.ws(f.frame, T0));
    const last = outs.at(-1);
    expect(last?.kind === 'events' && last.events).toEqual([e]);
    expect(proto.encode({ ...base, kind: 'openInterest', ts: T0, oiBtc: 1, oiUsd: 60000 }, state([]))).toEqual([]);
    expect(proto.encode({ ...base, kind: 'liquidation', ts: T0, price: 1, qty: 1, notionalUsd: 1, side: 'long' }, state([]))).toEqual([]);
  });
});

describe('kucoin mock server', () => {
  let server: MockServer | null = null;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.terminate();
    sockets.length = 0;
    await server?.close();
    server = null;
  });

  async function start(opts = {}): Promise<{ server: MockServer; http: ReturnType<typeof createHttpClient> }> {
    let now = T0;
    server = new MockServer(createMockProtocol(opts), { now: () => now });
    const { httpUrl } = await server.start();
    for (let m = 0; m < 30; m++) {
      now = T0 + m * 60_000;
      server.publish({ ...base, kind: 'trade', ts: now + 1000, price: 60000 + m, qty: 0.01, takerSide: 'buy' });
      server.publish({ ...base, kind: 'trade', ts: now + 2000, price: 59990 + m, qty: 0.02, takerSide: 'sell' });
      server.publish({ ...base, kind: 'openInterest', ts: now + 3000, oiBtc: 1000 + m, oiUsd: (1000 + m) * 60000 });
    }
    return { server, http: createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 }) };
  }

  it('hands out a token and its own endpoint; the socket welcomes, pongs and acks', async () => {
    const { http } = await start({ pingIntervalMs: 1234, pingTimeoutMs: 567 });
    const b = await requestBullet(http);
    expect(b).toMatchObject({ pingIntervalMs: 1234, pingTimeoutMs: 567 });
    const ws = new WebSocket(connectUrl(b.endpoint, b.token, 'c1'));
    sockets.push(ws);
    const got: string[] = [];
    ws.on('message', (d) => got.push(String(d)));
    await new Promise((r) => ws.once('open', r));
    ws.send('{"id":"p1","type":"ping"}');
    ws.send('{"id":"s1","type":"subscribe","topic":"/contractMarket/execution:XBTUSDTM","privateChannel":false,"response":true}');
    ws.send('{"id":"s2","type":"subscribe","topic":"/contractMarket/liquidation:XBTUSDTM","privateChannel":false,"response":true}');
    while (got.length < 4) await new Promise((r) => setTimeout(r, 5));
    expect(got.map((g) => JSON.parse(g) as unknown)).toEqual([
      { id: 'c1', type: 'welcome' },
      { id: 'p1', type: 'pong' },
      { id: 's1', type: 'ack' },
      { id: 's2', type: 'error', code: 404, data: 'topic /contractMarket/liquidation:XBTUSDTM does not exist' },
    ]);
  });

  it('refuses unknown tokens and closes sockets that stop pinging', async () => {
    const { http } = await start({ pingIntervalMs: 40, pingTimeoutMs: 40 });
    const b = await requestBullet(http);
    const bad = new WebSocket(connectUrl(b.endpoint, 'forged', 'c2'));
    sockets.push(bad);
    const badMsg = await new Promise<string>((r) => bad.once('message', (d) => r(String(d))));
    expect(JSON.parse(badMsg)).toMatchObject({ type: 'error', code: 401 });
    const silent = new WebSocket(connectUrl(b.endpoint, b.token, 'c3'));
    sockets.push(silent);
    const code = await new Promise<number>((r) => silent.once('close', (c) => r(c)));
    expect(code).toBe(1000);
  });

  it('serves the contract (with OI) to loadMarkets and the poll, klines and OI history to history', async () => {
    const { http } = await start();
    expect(await loadKucoinMarkets(http, ['XBTUSDTM'])).toEqual([XBT]);
    const res = await http.request({ method: 'GET', path: '/api/v1/contracts/XBTUSDTM' });
    expect(Number((kucoinData(res.body) as { openInterest: string }).openInterest)).toBe(1029000);
    const k = await kucoinHistory.klines(http, XBT, T0, T0 + 30 * 60_000);
    expect(k).toHaveLength(30);
    expect(k[2]).toMatchObject({ ts: T0 + 120_000, open: 60002, high: 60002, low: 59992, close: 59992 });
    expect(k[2]?.volume).toBeCloseTo(0.03, 9);
    const oi = await kucoinHistory.openInterest(http, XBT, T0, T0 + 30 * 60_000);
    expect(oi.map((r) => r.ts)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T0 + i * 300_000));
    expect(oi[1]?.oiBtc).toBeCloseTo(1009, 6);
    expect(oi[1]!.oiUsd / oi[1]!.oiBtc).toBeGreaterThan(59_000);
  });

  it('parses the documented kline rows', () => {
    const rows = parseKlines(kucoinData(fixtures('rest-kline')[0]!.raw), XBT);
    expect(rows[0]).toEqual({ ts: 1575331200000, open: 7495.01, high: 8309.67, low: 7250, close: 7463.55, volume: 0 });
  });
});
