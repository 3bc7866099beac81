// The Gate mock as product code: every event kind encodes to real Gate frames that our parser reads
// back, both size encodings; REST answers feed loadMarkets and the history (gap repair) functions.
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer, type MockState } from '../mock/server.js';
import { gateHistory } from './history.js';
import { GATE_FALLBACK_MARKETS, loadGateMarkets } from './markets.js';
import { createMockProtocol } from './mock.js';
import { createGateParser } from './parse.js';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const BTC = GATE_FALLBACK_MARKETS[0]!;
const base = { venue: 'gate', market: 'BTC_USDT', recvTs: T0 } as const;

function fakeState(last: MarketEvent[]): MockState {
  return { venue: 'gate', last: new Map(last.map((e) => [`${e.kind}:${e.market}`, e])), history: last, now: () => T0 + 5 };
}

function roundTrip(e: MarketEvent, last: MarketEvent[]): MarketEvent[][] {
  const proto = createMockProtocol();
  const frames = proto.encode(e, fakeState([...last, e]));
  expect(frames.length).toBeGreaterThan(0);
  return frames.map((f) => {
    const out = createGateParser(GATE_FALLBACK_MARKETS).ws(f.frame, T0);
    if (out.kind !== 'events') throw new Error(`${f.topic}: ${JSON.stringify(out)}`);
    return [...out.events];
  });
}

describe('gate mock encode → parse', () => {
  const mark: MarketEvent = { ...base, kind: 'mark', ts: T0, markPrice: 60000.5, indexPrice: 60001, fundingRate: 0.0001 };
  const oi: MarketEvent = { ...base, kind: 'openInterest', ts: T0, oiBtc: 12345.6789, oiUsd: 12345.6789 * 60000.5 };

  it('trades, in decimal and integer size form', () => {
    const e: MarketEvent = { ...base, kind: 'trade', ts: T0 + 1, price: 60000.1, qty: 0.0123, takerSide: 'sell', id: '77' };
    const [dec, int] = roundTrip(e, []);
    expect(dec).toEqual([e]);
    expect(int).toEqual([e]);
  });

  it('liquidations keep side, qty and price; the stats frame adds no second count', () => {
    const e: MarketEvent = { ...base, kind: 'liquidation', ts: T0 + 2, price: 59000, qty: 0.25, notionalUsd: 0.25 * 59000, side: 'long' };
    const proto = createMockProtocol();
    const state = fakeState([mark, oi, e]);
    const parser = createGateParser(GATE_FALLBACK_MARKETS);
    const decimalFrames = proto.encode(e, state).filter((f) => !f.topic.endsWith('#int'));
    const out = decimalFrames.flatMap((f) => {
      const o = parser.ws(f.frame, T0);
      return o.kind === 'events' ? [...o.events] : [];
    });
    expect(out.filter((x) => x.kind === 'liquidation')).toEqual([e]);
    expect(out.filter((x) => x.kind === 'openInterest')).toHaveLength(1);
  });

  it('mark and open interest through the ticker', () => {
    const [fromMark] = roundTrip(mark, [oi]);
    expect(fromMark?.find((x) => x.kind === 'mark')).toEqual(mark);
    const [fromOi] = roundTrip(oi, [mark]);
    const got = fromOi?.find((x) => x.kind === 'openInterest');
    expect(got?.kind === 'openInterest' && got.oiBtc).toBeCloseTo(oi.oiBtc, 4);
  });
});

describe('gate mock REST', () => {
  let server: MockServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function start(): Promise<{ server: MockServer; http: ReturnType<typeof createHttpClient> }> {
    let now = T0;
    server = new MockServer(createMockProtocol(), { now: () => now });
    const { httpUrl } = await server.start();
    // 30 minutes of trades, OI and liquidations.
    for (let m = 0; m < 30; m++) {
      now = T0 + m * 60_000;
      server.publish({ ...base, kind: 'trade', ts: now + 1000, price: 60000 + m, qty: 0.01, takerSide: 'buy', id: String(2 * m) });
      server.publish({ ...base, kind: 'trade', ts: now + 2000, price: 59990 + m, qty: 0.02, takerSide: 'sell', id: String(2 * m + 1) });
      server.publish({ ...base, kind: 'openInterest', ts: now + 3000, oiBtc: 1000 + m, oiUsd: (1000 + m) * 60000 });
    }
    return { server, http: createHttpClient(`${httpUrl}/api/v4`, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 }) };
  }

  it('serves the contract for loadMarkets', async () => {
    const { http } = await start();
    expect(await loadGateMarkets(http, ['BTC_USDT'])).toEqual([BTC]);
    await expect(loadGateMarkets(http, ['NOPE_USDT'])).rejects.toThrow(/HTTP 400/);
  });

  it('serves 1m candles and 5m OI stats to the history functions', async () => {
    const { http } = await start();
    const k = await gateHistory.klines(http, BTC, T0, T0 + 30 * 60_000);
    expect(k).toHaveLength(30);
    expect(k[3]).toMatchObject({ ts: T0 + 3 * 60_000, open: 60003, high: 60003, low: 59993, close: 59993 });
    expect(k[3]?.volume).toBeCloseTo(0.03, 9);
    const oi = await gateHistory.openInterest(http, BTC, T0, T0 + 30 * 60_000);
    expect(oi.map((r) => r.ts)).toEqual([0, 1, 2, 3, 4, 5].map((i) => T0 + i * 300_000));
    expect(oi[1]?.oiBtc).toBeCloseTo(1009, 6);
  });

  it('rejects limit together with from/to as Gate does', async () => {
    const { http } = await start();
    const res = await http.request({ method: 'GET', path: `/futures/usdt/candlesticks?contract=BTC_USDT&interval=1m&from=${T0 / 1000}&limit=5` });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ label: 'INVALID_PARAM_VALUE' });
  });
});

describe('gate mock WebSocket protocol', () => {
  let server: MockServer | null = null;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.terminate();
    sockets.length = 0;
    await server?.close();
    server = null;
  });

  async function client(wsUrl: string, headers: Record<string, string>): Promise<{ ws: WebSocket; next: () => Promise<Record<string, unknown>> }> {
    const ws = new WebSocket(`${wsUrl}/v4/ws/usdt`, { headers });
    sockets.push(ws);
    const queue: Record<string, unknown>[] = [];
    const waiters: ((m: Record<string, unknown>) => void)[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      const w = waiters.shift();
      if (w) w(m);
      else queue.push(m);
    });
    await new Promise((r) => ws.once('open', r));
    return { ws, next: () => new Promise((r) => (queue.length ? r(queue.shift()!) : waiters.push(r))) };
  }

  it('sends decimal sizes only to sockets that asked with X-Gate-Size-Decimal', async () => {
    server = new MockServer(createMockProtocol());
    const { wsUrl } = await server.start();
    const dec = await client(wsUrl, { 'X-Gate-Size-Decimal': '1' });
    const int = await client(wsUrl, {});
    for (const c of [dec, int]) {
      c.ws.send('{"time":1,"channel":"futures.trades","event":"subscribe","payload":["BTC_USDT"],"id":7}');
      expect(await c.next()).toMatchObject({ channel: 'futures.trades', event: 'subscribe', id: 7, result: { status: 'success' } });
    }
    server.publish({ ...base, kind: 'trade', ts: T0, price: 60000, qty: 0.00015, takerSide: 'sell', id: '1' });
    expect(((await dec.next())['result'] as { size: unknown }[])[0]?.size).toBe('-1.5');
    expect(((await int.next())['result'] as { size: unknown }[])[0]?.size).toBe(-1);
  });

  it('answers futures.ping, and rejects unknown channels and contracts with Gate errors', async () => {
    server = new MockServer(createMockProtocol());
    const { wsUrl } = await server.start();
    const c = await client(wsUrl, {});
    c.ws.send('{"time":1,"channel":"futures.ping"}');
    expect(await c.next()).toMatchObject({ channel: 'futures.pong', event: '', result: null });
    c.ws.send('{"time":1,"channel":"futures.trades","event":"subscribe","payload":["BTC_USDX"]}');
    expect(await c.next()).toMatchObject({ event: 'subscribe', error: { code: 2, message: 'unknown contract BTC_USDX' } });
    c.ws.send('{"time":1,"channel":"futures.contract_stats","event":"subscribe","payload":["BTC_USDT"]}');
    expect(await c.next()).toMatchObject({ error: { code: 2 } });
    c.ws.send('not json');
    expect(await c.next()).toMatchObject({ error: { code: 1 } });
  });
});
