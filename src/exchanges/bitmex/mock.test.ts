// The mock speaks BitMEX: encode → parse round trip, op/URL subscriptions with acks and partials,
// text ping → pong, the 400 error frame, REST instrument and 1m buckets.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer, type MockState } from '../mock/server.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { until } from '../testing/until.js';

const T0 = 1_781_416_800_000;
const XBTUSD = adapter.fallbackMarkets[0]!;
const trade: MarketEvent = { kind: 'trade', venue: 'bitmex', market: 'XBTUSD', ts: T0 + 1234, recvTs: T0 + 1234, price: 64000, qty: 0.5, takerSide: 'buy' };
const oi: MarketEvent = { kind: 'openInterest', venue: 'bitmex', market: 'XBTUSD', ts: T0, recvTs: T0, oiBtc: 4000, oiUsd: 256_000_000 };
const mark: MarketEvent = { kind: 'mark', venue: 'bitmex', market: 'XBTUSD', ts: T0, recvTs: T0, markPrice: 64000, indexPrice: 63990, fundingRate: 0.0001, nextFundingTs: T0 + 3_600_000 };

let server: MockServer;
let base: { httpUrl: string; wsUrl: string };
let sockets: WebSocket[] = [];

beforeEach(async () => {
  server = new MockServer(createMockProtocol(), { now: () => T0 + 240_000 });
  base = await server.start();
});
afterEach(async () => {
  for (const s of sockets) s.terminate();
  sockets = [];
  await server.close();
});

async function client(query = ''): Promise<{ ws: WebSocket; frames: string[] }> {
  const ws = new WebSocket(`${base.wsUrl}/realtime${query}`);
  sockets.push(ws);
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(String(d)));
  await new Promise((r) => ws.once('open', r));
  return { ws, frames };
}

function parseAll(frames: readonly string[], recvTs: number, p = adapter.createParser(adapter.fallbackMarkets)): MarketEvent[] {
  return frames.flatMap((f) => {
    const out = p.ws(f, recvTs);
    return out.kind === 'events' ? [...out.events] : [];
  });
}

describe('bitmex mock protocol', () => {
  it('round-trips every event kind through encode → parse (whole contracts)', () => {
    const proto = createMockProtocol();
    const state: MockState = { venue: 'bitmex', last: new Map<string, MarketEvent>([['openInterest:XBTUSD', oi], ['mark:XBTUSD', mark]]), history: [], now: () => T0 };
    const p = adapter.createParser(adapter.fallbackMarkets);
    // The instrument partial a subscriber receives first, then deltas.
    p.ws(JSON.stringify({ table: 'instrument', action: 'partial', data: [{ symbol: 'XBTUSD', markPrice: 64000 }] }), T0);
    expect(parseAll(proto.encode(trade, state).map((f) => f.frame), trade.recvTs, p)).toEqual([{ ...trade, id: expect.any(String) }]);
    const liq: MarketEvent = { kind: 'liquidation', venue: 'bitmex', market: 'XBTUSD', ts: T0, recvTs: T0, price: 64000, qty: 2, notionalUsd: 128000, side: 'long' };
    expect(parseAll(proto.encode(liq, state).map((f) => f.frame), T0, p)).toEqual([liq]);
    expect(parseAll(proto.encode(oi, state).map((f) => f.frame), T0, p)).toEqual([oi]);
    expect(parseAll(proto.encode(mark, state).map((f) => f.frame), T0, p)).toEqual([oi, mark]);
  });

  it('acks each arg, sends partials, answers ping, rejects unknown requests', async () => {
    server.publish(oi);
    server.publish(mark);
    const { ws, frames } = await client();
    ws.send('{"op":"subscribe","args":["trade:XBTUSD","instrument:XBTUSD"]}');
    ws.send('ping');
    ws.send('hello');
    await until('answers', () => frames.length >= 7);
    expect(JSON.parse(frames[0]!)).toMatchObject({ info: 'Welcome to the BitMEX Realtime API.' });
    expect(JSON.parse(frames[1]!)).toMatchObject({ success: true, subscribe: 'trade:XBTUSD' });
    expect(JSON.parse(frames[2]!)).toMatchObject({ table: 'trade', action: 'partial' });
    expect(JSON.parse(frames[3]!)).toMatchObject({ success: true, subscribe: 'instrument:XBTUSD' });
    expect(parseAll([frames[4]!], T0)).toEqual([oi, { ...mark, ts: T0 }]);
    expect(frames[5]).toBe('pong');
    expect(JSON.parse(frames[6]!)).toMatchObject({ status: 400 });
    server.publish(trade);
    await until('trade insert', () => frames.length >= 8);
    expect(parseAll([frames[7]!], trade.recvTs)[0]).toMatchObject({ kind: 'trade', price: 64000, qty: 0.5 });
  });

  it('subscribes from the URL query', async () => {
    const { frames } = await client('?subscribe=liquidation:XBTUSD');
    await until('ack and partial', () => frames.length >= 3);
    expect(JSON.parse(frames[2]!)).toMatchObject({ table: 'liquidation', action: 'partial', data: [] });
  });

  it('serves instrument facts and 1m buckets (timestamp = bucket end) for gap repair', async () => {
    const http = createHttpClient(`${base.httpUrl}/api/v1`, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 });
    server.publish(oi);
    server.publish(mark);
    for (let i = 0; i < 3; i++) server.publish({ ...trade, ts: T0 + i * 60_000 + 5, price: 64000 + i });
    expect(await adapter.loadMarkets!(http, ['XBTUSD', 'XBTUSDT'])).toEqual(adapter.fallbackMarkets);
    const klines = await adapter.history!.klines(http, XBTUSD, T0, T0 + 180_000);
    expect(klines.map((k) => [k.ts, k.open, k.close])).toEqual([
      [T0, 64000, 64000],
      [T0 + 60_000, 64001, 64001],
      [T0 + 120_000, 64002, 64002],
    ]);
    expect(klines[0]!.volume).toBeCloseTo(32000 / 64000, 12);
    expect(await adapter.history!.openInterest(http, XBTUSD, T0, T0 + 180_000)).toEqual([]);
  });
});
