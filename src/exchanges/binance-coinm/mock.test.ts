// The COIN-M mock: /ws and /stream on one base, contract-sized frames (100 USD), the pair field on
// liquidations, REST in contracts; parse(encode(e)) ≈ e up to whole-contract rounding.
import { afterEach, describe, expect, it } from 'vitest';
import type { LiquidationEvent, MarketEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';
import { MockServer } from '../mock/server.js';
import { httpClient, openClient, waitFor, type TestClient } from '../binance-usdm/test-support.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const base = { venue: 'binance-coinm' as const, market: 'BTCUSD_PERP', recvTs: T0 };
const spec = adapter.fallbackMarkets[0] as MarketSpec;
// 0.01 BTC at 60 000 = 600 USD = 6 contracts exactly.
const trade = (ts: number, price: number, qty: number, takerSide: 'buy' | 'sell' = 'buy'): TradeEvent => ({ ...base, kind: 'trade', ts, price, qty, takerSide });
const liq = (ts: number): LiquidationEvent => ({ ...base, kind: 'liquidation', ts, price: 50000, qty: 0.02, notionalUsd: 1000, side: 'short' });
const oi = (ts: number, contracts: number, price: number): OpenInterestEvent => ({ ...base, kind: 'openInterest', ts, oiBtc: (contracts * 100) / price, oiUsd: contracts * 100 });

let server: MockServer | null = null;
const clients: TestClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate();
  await server?.close();
  server = null;
});

async function start(): Promise<{ ws: string; http: string }> {
  server = new MockServer(createMockProtocol(), { now: () => T0 });
  const { wsUrl, httpUrl } = await server.start();
  return { ws: wsUrl, http: httpUrl };
}

describe('binance-coinm mock', () => {
  it('serves /stream (wrapped) and /ws (raw) with sizes in contracts and the pair on forceOrder', async () => {
    const u = await start();
    const combined = await openClient(`${u.ws}/stream?streams=btcusd_perp@aggTrade/btcusd_perp@forceOrder`);
    const raw = await openClient(`${u.ws}/ws/btcusd_perp@aggTrade`);
    clients.push(combined, raw);
    server?.publish(trade(T0, 60000, 0.01));
    server?.publish(liq(T0 + 10));
    server?.publish(trade(T0 + 1000, 60000, 0.01));
    await waitFor(() => combined.messages.length === 3 && raw.messages.length === 2, 'frames');
    expect(JSON.parse(raw.messages[0] ?? '')).toMatchObject({ e: 'aggTrade', s: 'BTCUSD_PERP', q: '6', p: '60000.0' });
    expect(JSON.parse(combined.messages[1] ?? '')).toMatchObject({
      stream: 'btcusd_perp@forceOrder',
      data: { e: 'forceOrder', o: { s: 'BTCUSD_PERP', ps: 'BTCUSD', S: 'BUY', q: '10', z: '10', ap: '50000.0' } },
    });
  });

  it('parse(encode(e)) returns the event, sizes rounded to whole contracts', () => {
    const proto = createMockProtocol();
    const state = { venue: 'binance-coinm' as const, last: new Map<string, MarketEvent>(), history: [], now: () => T0 };
    const p = adapter.createParser([spec]);
    const back = [trade(T0, 60000, 0.0101, 'sell'), liq(T0 + 5), trade(T0 + 1001, 50000, 0.02)]
      .flatMap((e) => proto.encode(e, state))
      .filter((f) => f.topic.startsWith('all|c|') && !f.topic.endsWith('@trade'))
      .flatMap((f) => {
        const o = p.ws(f.frame, T0);
        return o.kind === 'events' ? o.events : [];
      });
    expect(back).toEqual([
      { ...trade(T0, 60000, 0.01, 'sell'), id: '1' }, // 6.06 contracts → 6
      liq(T0 + 5),
      { ...trade(T0 + 1001, 50000, 0.02), id: '2' },
    ]);
  });

  it('REST: exchangeInfo contractSize, openInterest in contracts, klines and OI history through the adapter', async () => {
    const u = await start();
    const http = httpClient(u.http);
    expect(await adapter.loadMarkets?.(http, ['BTCUSD_PERP'])).toEqual([spec]);
    server?.publish(oi(T0, 4_800_000, 60000));
    const res = await http.request({ method: 'GET', path: '/dapi/v1/openInterest?symbol=BTCUSD_PERP' });
    expect(JSON.parse(res.body)).toEqual({ symbol: 'BTCUSD_PERP', pair: 'BTCUSD', openInterest: '4800000', contractType: 'PERPETUAL', time: T0 });
    server?.publish(trade(T0 + 1000, 60000, 0.01, 'buy'));
    server?.publish(trade(T0 + 2000, 50000, 0.02, 'sell'));
    const h = adapter.history;
    if (!h) throw new Error('no history');
    expect(await h.klines(http, spec, T0, T0 + 60_000)).toEqual([
      { ts: T0, open: 60000, high: 60000, low: 50000, close: 50000, volume: 0.03, buyVolume: 0.01 },
    ]);
    expect(await h.openInterest(http, spec, T0, T0 + 300_000)).toEqual([{ ts: T0, oiBtc: 8000, oiUsd: 480_000_000 }]);
    expect(http.paths.some((p) => p.startsWith('/futures/data/openInterestHist?pair=BTCUSD&contractType=PERPETUAL&period=5m'))).toBe(true);
    const missing = await http.request({ method: 'GET', path: '/futures/data/openInterestHist?symbol=BTCUSD_PERP&period=5m' });
    expect([missing.status, JSON.parse(missing.body)]).toMatchObject([400, { code: -1102 }]);
  });
});
