// The mock speaks Deribit JSON-RPC: encode → parse round trip, subscribe/heartbeat/test/errors,
// closing a socket that ignores test_request, REST instrument/ticker/chart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer, type MockState } from '../mock/server.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { until } from '../testing/until.js';

const T0 = 1_781_416_800_000;
const PERP = adapter.fallbackMarkets[0]!;
const base = { venue: 'deribit', market: 'BTC-PERPETUAL' } as const;
const trade: MarketEvent = { kind: 'trade', ...base, ts: T0 + 1234, recvTs: T0 + 1234, price: 64000, qty: 0.5, takerSide: 'buy' };
const oi: MarketEvent = { kind: 'openInterest', ...base, ts: T0, recvTs: T0, oiBtc: 1500, oiUsd: 96_000_000 };
const mark: MarketEvent = { kind: 'mark', ...base, ts: T0, recvTs: T0, markPrice: 64000, indexPrice: 63990, fundingRate: 0.0001 };

let server: MockServer;
let urls: { httpUrl: string; wsUrl: string };
let sockets: WebSocket[] = [];

beforeEach(async () => {
  server = new MockServer(createMockProtocol({ heartbeatMs: 100 }), { now: () => T0 + 240_000 });
  urls = await server.start();
});
afterEach(async () => {
  for (const s of sockets) s.terminate();
  sockets = [];
  await server.close();
});

async function client(): Promise<{ ws: WebSocket; frames: string[]; closed: Promise<number> }> {
  const ws = new WebSocket(`${urls.wsUrl}/ws/api/v2`);
  sockets.push(ws);
  const frames: string[] = [];
  ws.on('message', (d) => frames.push(String(d)));
  const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
  await new Promise((r) => ws.once('open', r));
  return { ws, frames, closed };
}

function parseAll(frames: readonly string[], recvTs: number): MarketEvent[] {
  const p = adapter.createParser(adapter.fallbackMarkets);
  return frames.flatMap((f) => {
    const out = p.ws(f, recvTs);
    return out.kind === 'events' ? [...out.events] : [];
  });
}

describe('deribit mock protocol', () => {
  it('round-trips every event kind through encode → parse (amounts in whole 10 USD contracts)', () => {
    const proto = createMockProtocol();
    const state: MockState = { venue: 'deribit', last: new Map<string, MarketEvent>([['openInterest:BTC-PERPETUAL', oi], ['mark:BTC-PERPETUAL', mark]]), history: [], now: () => T0 };
    expect(parseAll(proto.encode(trade, state).map((f) => f.frame), trade.recvTs)).toEqual([{ ...trade, id: expect.any(String) }]);
    const liq: MarketEvent = { kind: 'liquidation', ...base, ts: T0, recvTs: T0, price: 64000, qty: 2, notionalUsd: 128000, side: 'short' };
    expect(parseAll(proto.encode(liq, state).map((f) => f.frame), T0)).toContainEqual(liq);
    expect(parseAll(proto.encode(mark, state).map((f) => f.frame), T0)).toEqual([oi, mark]);
  });

  it('answers set_heartbeat, subscribe (result = channels taken), test, and JSON-RPC errors', async () => {
    const { ws, frames } = await client();
    ws.send('{"jsonrpc":"2.0","id":1,"method":"public/set_heartbeat","params":{"interval":10}}');
    ws.send('{"jsonrpc":"2.0","id":2,"method":"public/subscribe","params":{"channels":["trades.BTC-PERPETUAL.100ms","trades.BTC-PERPETUAL.raw","ticker.NOPE.100ms"]}}');
    ws.send('{"jsonrpc":"2.0","id":3,"method":"public/nothing","params":{}}');
    ws.send('not json');
    await until('four answers', () => frames.filter((f) => f.includes('"id"')).length >= 4);
    const answers = frames.filter((f) => f.includes('"id"')).map((f) => JSON.parse(f) as Record<string, unknown>);
    expect(answers[0]).toMatchObject({ id: 1, result: 'ok' });
    expect(answers[1]).toMatchObject({ id: 2, result: ['trades.BTC-PERPETUAL.100ms'] });
    expect(answers[2]).toMatchObject({ id: 3, error: { code: -32601 } });
    expect(answers[3]).toMatchObject({ error: { code: -32700 } });
    server.publish(trade);
    await until('trade', () => frames.some((f) => f.includes('"subscription"')));
    expect(parseAll(frames, trade.recvTs)).toEqual([{ ...trade, id: expect.any(String) }]);
  });

  it('closes a socket that leaves a test_request unanswered', async () => {
    const { ws, frames, closed } = await client();
    ws.send('{"jsonrpc":"2.0","id":1,"method":"public/set_heartbeat","params":{"interval":10}}');
    await until('a test_request', () => frames.some((f) => f.includes('test_request')));
    expect(await closed).toBe(1000);
  });

  it('serves instrument facts, ticker and 1m chart bars for gap repair', async () => {
    const http = createHttpClient(`${urls.httpUrl}/api/v2`, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 });
    server.publish(oi);
    server.publish(mark);
    for (let i = 0; i < 3; i++) server.publish({ ...trade, ts: T0 + i * 60_000 + 5, price: 64000 + i });
    expect(await adapter.loadMarkets!(http, ['BTC-PERPETUAL'])).toEqual(adapter.fallbackMarkets);
    const t = await http.request({ method: 'GET', path: '/public/ticker?instrument_name=BTC-PERPETUAL' });
    const out = adapter.createParser(adapter.fallbackMarkets).rest({ method: 'GET', path: '/public/ticker?instrument_name=BTC-PERPETUAL' }, t.body, T0);
    expect(out.kind === 'events' && out.events).toEqual([oi, mark]);
    const klines = await adapter.history!.klines(http, PERP, T0, T0 + 180_000);
    expect(klines.map((k) => [k.ts, k.open, k.close, k.volume])).toEqual([
      [T0, 64000, 64000, 0.5],
      [T0 + 60_000, 64001, 64001, 0.5],
      [T0 + 120_000, 64002, 64002, 0.5],
    ]);
    expect(await adapter.history!.openInterest(http, PERP, T0, T0 + 180_000)).toEqual([]);
    await expect(adapter.loadMarkets!(http, ['ETH-NOPE'])).rejects.toThrow('HTTP 400');
  });
});
