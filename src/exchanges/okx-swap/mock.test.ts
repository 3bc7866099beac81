// The OKX mock: parse(encode(e)) ≈ e for every event kind and both markets, its REST answers
// read back by the adapter's own instrument and history code, and its protocol rules.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer } from '../mock/server.js';
import { okxHistory } from './history.js';
import { FALLBACK_MARKETS, loadMarkets } from './markets.js';
import { createMockProtocol } from './mock.js';
import { OkxParser } from './parse.js';
import { until } from './test-support.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4);
const base = { venue: 'okx-swap', ts: T0, recvTs: T0 } as const;
const samples = (market: string): MarketEvent[] => [
  { ...base, kind: 'trade', market, price: 42000.5, qty: 0.37, takerSide: 'sell', id: '77' },
  { ...base, kind: 'liquidation', market, price: 41000, qty: 1.25, notionalUsd: 51250, side: 'long' },
  { ...base, kind: 'liquidation', market, ts: T0 + 1, price: 43000, qty: 0.5, notionalUsd: 21500, side: 'short' },
  { ...base, kind: 'openInterest', market, oiBtc: 25000.5, oiUsd: 25000.5 * 42000 },
  { ...base, kind: 'mark', market, markPrice: 42001.1, indexPrice: 41999.9, fundingRate: 0.0001, nextFundingTs: T0 + 3_600_000 },
];

describe('okx-swap mock encode → parse round trip', () => {
  for (const market of ['BTC-USDT-SWAP', 'BTC-USD-SWAP']) {
    it(market, () => {
      const proto = createMockProtocol();
      const state = { venue: 'okx-swap' as const, last: new Map(), history: [], now: () => T0 };
      for (const e of samples(market)) {
        const p = new OkxParser(FALLBACK_MARKETS);
        const frames = proto.encode(e, state);
        const out = frames.map((f) => p.ws(f.frame, T0)).flatMap((o) => (o.kind === 'events' ? o.events : []));
        const got = out.find((x) => x.kind === e.kind);
        expect(got, JSON.stringify(frames)).toBeDefined();
        for (const [k, v] of Object.entries(e)) {
          const g = (got as unknown as Record<string, unknown>)[k];
          if (typeof v === 'number') expect(g, k).toBeCloseTo(v, 6);
          else expect(g, k).toEqual(v);
        }
      }
    });
  }
});

describe('okx-swap mock server', () => {
  let server: MockServer | null = null;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.terminate();
    sockets.length = 0;
    await server?.close();
    server = null;
  });

  it('serves instruments that loadMarkets reads, and OKX errors for unknown ones', async () => {
    server = new MockServer(createMockProtocol());
    const { httpUrl } = await server.start();
    const http = createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 100, retries: 0 });
    expect(await loadMarkets(http, ['BTC-USDT-SWAP', 'BTC-USD-SWAP'])).toEqual(FALLBACK_MARKETS);
    await expect(loadMarkets(http, ['ETH-USDT-SWAP'])).rejects.toThrow(/HTTP 400/);
  });

  it('serves 1m candles and OI history that the adapter history reads back', async () => {
    const now = Date.now();
    const t0 = Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000;
    server = new MockServer(createMockProtocol(), { now: () => now });
    const { httpUrl } = await server.start();
    for (let i = 0; i < 30; i++) {
      const ts = t0 + i * 60_000;
      server.publish({ ...base, ts, kind: 'trade', market: 'BTC-USDT-SWAP', price: 40000 + i, qty: 0.5, takerSide: 'buy' });
      server.publish({ ...base, ts: ts + 30_000, kind: 'trade', market: 'BTC-USDT-SWAP', price: 40010 + i, qty: 0.25, takerSide: 'sell' });
      server.publish({ ...base, ts, kind: 'openInterest', market: 'BTC-USDT-SWAP', oiBtc: 1000 + i, oiUsd: (1000 + i) * 40000 });
    }
    const http = createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 100, retries: 0 });
    const m = FALLBACK_MARKETS[0];
    if (!m) throw new Error('no market');
    const k = await okxHistory.klines(http, m, t0 + 5 * 60_000, t0 + 25 * 60_000);
    expect(k).toHaveLength(20);
    expect(k[0]).toEqual({ ts: t0 + 5 * 60_000, open: 40005, high: 40015, low: 40005, close: 40015, volume: 0.75 });
    const oi = await okxHistory.openInterest(http, m, t0, t0 + 30 * 60_000);
    expect(oi.map((p) => p.ts)).toEqual([0, 1, 2, 3, 4, 5].map((i) => t0 + i * 300_000));
    expect(oi[1]?.oiBtc).toBeCloseTo(1009, 6);
    expect(oi[1]?.oiUsd).toBeCloseTo(1009 * 40000, 3);
  });

  it('answers ping with pong, acks per arg, refuses channels on the wrong socket, replays liquidations', async () => {
    server = new MockServer(createMockProtocol());
    const { wsUrl } = await server.start();
    server.publish({ ...base, kind: 'liquidation', market: 'BTC-USD-SWAP', price: 41000, qty: 1, notionalUsd: 41000, side: 'long' });
    const frames: string[] = [];
    const ws = new WebSocket(`${wsUrl}/ws/v5/public`);
    sockets.push(ws);
    ws.on('message', (d) => frames.push(String(d)));
    await new Promise((r) => ws.once('open', r));
    ws.send('ping');
    ws.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'liquidation-orders', instType: 'SWAP' }, { channel: 'trades-all', instId: 'BTC-USDT-SWAP' }] }));
    await until(() => frames.length >= 4);
    expect(frames[0]).toBe('pong');
    expect(JSON.parse(frames[1] ?? '')).toMatchObject({ event: 'subscribe', arg: { channel: 'liquidation-orders', instType: 'SWAP' } });
    expect(JSON.parse(frames[2] ?? '')).toMatchObject({ arg: { channel: 'liquidation-orders' }, data: [{ instId: 'BTC-USD-SWAP', details: [{ posSide: 'long', side: 'sell', sz: '410' }] }] });
    expect(JSON.parse(frames[3] ?? '')).toMatchObject({ event: 'error', code: '60018' });
    const bad = new WebSocket(`${wsUrl}/ws/v5/private-nope`);
    sockets.push(bad);
    const code = await new Promise<number>((r) => bad.once('close', (c) => r(c)));
    expect(code).toBe(4004);
  });
});
