// The mock speaks Hyperliquid: encode → parse round trip, subscribe/ack/error/pong, POST /info answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer } from '../mock/server.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { until } from '../testing/until.js';

const T0 = 1_781_416_800_000;
const trade: MarketEvent = { kind: 'trade', venue: 'hyperliquid', market: 'BTC', ts: T0 + 1234, recvTs: T0 + 1234, price: 64411, qty: 0.31377, takerSide: 'buy', id: `${T0 + 1234}-828642708897583` };
const oi: MarketEvent = { kind: 'openInterest', venue: 'hyperliquid', market: 'BTC', ts: T0, recvTs: T0, oiBtc: 32227.66018, oiUsd: 32227.66018 * 64405 };
const mark: MarketEvent = { kind: 'mark', venue: 'hyperliquid', market: 'BTC', ts: T0, recvTs: T0, markPrice: 64405, indexPrice: 64429, fundingRate: 0.0000125 };

let server: MockServer;
let base: { httpUrl: string; wsUrl: string };
let sockets: WebSocket[] = [];

beforeEach(async () => {
  server = new MockServer(createMockProtocol(), { now: () => T0 + 120_000 });
  base = await server.start();
});
afterEach(async () => {
  for (const s of sockets) s.terminate();
  sockets = [];
  await server.close();
});

async function client(): Promise<{ ws: WebSocket; frames: string[] }> {
  const ws = new WebSocket(`${base.wsUrl}/ws`);
  sockets.push(ws);
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(String(d)));
  await new Promise((r) => ws.once('open', r));
  return { ws, frames };
}

function parseAll(frames: readonly string[], recvTs: number): MarketEvent[] {
  const p = adapter.createParser(adapter.fallbackMarkets);
  return frames.flatMap((f) => {
    const out = p.ws(f, recvTs);
    return out.kind === 'events' ? [...out.events] : [];
  });
}

describe('hyperliquid mock protocol', () => {
  it('round-trips every event kind through encode → parse', () => {
    const proto = createMockProtocol();
    const state = { venue: 'hyperliquid' as const, last: new Map<string, MarketEvent>([['openInterest:BTC', oi], ['mark:BTC', mark]]), history: [], now: () => T0 };
    const liq: MarketEvent = { kind: 'liquidation', venue: 'hyperliquid', market: 'BTC', ts: T0, recvTs: T0, price: 64000, qty: 2, notionalUsd: 128000, side: 'short' };
    expect(parseAll(proto.encode(trade, state).map((f) => f.frame), trade.recvTs)).toEqual([trade]);
    expect(parseAll(proto.encode(liq, state).map((f) => f.frame), T0)).toContainEqual(liq);
    expect(parseAll(proto.encode(mark, state).map((f) => f.frame), T0)).toEqual([oi, mark]);
  });

  it('acks subscriptions, answers ping with pong, rejects bad requests on the error channel', async () => {
    const { ws, frames } = await client();
    ws.send('{"method":"subscribe","subscription":{"type":"trades","coin":"BTC"}}');
    ws.send('{"method":"ping"}');
    ws.send('{"method":"subscribe","subscription":{"coin":"BTC"}}');
    await until('three answers', () => frames.length >= 4);
    expect(frames[0]).toBe('Websocket connection established.');
    expect(JSON.parse(frames[1]!)).toEqual({ channel: 'subscriptionResponse', data: { method: 'subscribe', subscription: { type: 'trades', coin: 'BTC' } } });
    expect(frames[2]).toBe('{"channel":"pong"}');
    expect(JSON.parse(frames[3]!)).toMatchObject({ channel: 'error' });
    server.publish(trade);
    await until('trade frame', () => frames.length >= 5);
    expect(parseAll(frames.slice(4), trade.recvTs)).toEqual([trade]);
  });

  it('sends the current asset context on activeAssetCtx subscribe', async () => {
    server.publish(oi);
    server.publish(mark);
    const { ws, frames } = await client();
    ws.send('{"method":"subscribe","subscription":{"type":"activeAssetCtx","coin":"BTC"}}');
    await until('ctx', () => frames.length >= 3);
    expect(parseAll(frames, T0)).toEqual([oi, mark]);
  });

  it('serves instrument facts, asset contexts and candles over POST /info', async () => {
    const http = createHttpClient(base.httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 });
    server.publish(oi);
    server.publish(mark);
    for (let i = 0; i < 3; i++) server.publish({ ...trade, ts: T0 + i * 60_000 + 5, price: 64000 + i, id: `${T0 + i}-${i}` });
    expect(await adapter.loadMarkets!(http, ['BTC'])).toEqual([{ symbol: 'BTC', kind: 'linear', contractSize: 1, tickSize: 1, maxLeverage: 40 }]);
    const polled = await http.request(adapter.polls({ wsUrl: '', restUrl: '', markets: ['BTC'], pollIntervalMs: 5000 }, adapter.fallbackMarkets)[0]!.request);
    const out = adapter.createParser(adapter.fallbackMarkets).rest({ method: 'POST', path: '/info', body: '{"type":"metaAndAssetCtxs"}' }, polled.body, T0);
    expect(out.kind === 'events' && out.events).toEqual([oi, mark]);
    const klines = await adapter.history!.klines(http, adapter.fallbackMarkets[0]!, T0, T0 + 180_000);
    expect(klines.map((k) => [k.ts, k.open, k.close, k.volume])).toEqual([
      [T0, 64000, 64000, 0.31377],
      [T0 + 60_000, 64001, 64001, 0.31377],
      [T0 + 120_000, 64002, 64002, 0.31377],
    ]);
    expect(await adapter.history!.openInterest(http, adapter.fallbackMarkets[0]!, T0, T0 + 180_000)).toEqual([]);
    expect((await http.request({ method: 'POST', path: '/info', body: '{"type":"nope"}' })).status).toBe(422);
  });
});
