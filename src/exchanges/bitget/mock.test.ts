// The Bitget mock: parse(encode(e)) ≈ e, REST answers read back by the adapter's own code, and
// its protocol rules (acks, errors, trade snapshot, ping, message-rate cut).
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MarketEvent } from '../../core/events.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer } from '../mock/server.js';
import { until } from '../okx-swap/test-support.js';
import { bitgetHistory } from './history.js';
import { FALLBACK_MARKETS, loadMarkets } from './markets.js';
import { createMockProtocol } from './mock.js';
import { BitgetParser } from './parse.js';

const T0 = Date.UTC(2024, 0, 2, 3, 4);
const base = { venue: 'bitget', market: 'BTCUSDT', ts: T0, recvTs: T0 } as const;
const samples: MarketEvent[] = [
  { ...base, kind: 'trade', price: 42000.5, qty: 0.37, takerSide: 'sell', id: '77' },
  { ...base, kind: 'openInterest', oiBtc: 25000.5, oiUsd: 25000.5 * 42000 },
  { ...base, kind: 'mark', markPrice: 42001.1, indexPrice: 41999.9, fundingRate: 0.0001, nextFundingTs: T0 + 3_600_000 },
];

describe('bitget mock encode → parse round trip', () => {
  for (const e of samples) {
    it(e.kind, () => {
      const last = new Map<string, MarketEvent>([[`${e.kind}:${e.market}`, e]]);
      const frames = createMockProtocol().encode(e, { venue: 'bitget', last, history: [e], now: () => T0 });
      const p = new BitgetParser(FALLBACK_MARKETS);
      const got = frames.flatMap((f) => {
        const o = p.ws(f.frame, T0);
        return o.kind === 'events' ? o.events : [];
      });
      const same = got.find((x) => x.kind === e.kind);
      expect(same, JSON.stringify(frames)).toBeDefined();
      for (const [k, v] of Object.entries(e)) {
        const g = (same as unknown as Record<string, unknown>)[k];
        if (typeof v === 'number') expect(g, k).toBeCloseTo(v, 6);
        else expect(g, k).toEqual(v);
      }
    });
  }

  it('liquidations are not encoded: Bitget publishes none', () => {
    const e: MarketEvent = { ...base, kind: 'liquidation', price: 1, qty: 1, notionalUsd: 1, side: 'long' };
    expect(createMockProtocol().encode(e, { venue: 'bitget', last: new Map(), history: [], now: () => T0 })).toEqual([]);
  });
});

describe('bitget mock server', () => {
  let server: MockServer | null = null;
  const sockets: WebSocket[] = [];
  afterEach(async () => {
    for (const s of sockets) s.terminate();
    sockets.length = 0;
    await server?.close();
    server = null;
  });

  it('serves contracts that loadMarkets reads, and Bitget errors for unknown symbols', async () => {
    server = new MockServer(createMockProtocol());
    const { httpUrl } = await server.start();
    const http = createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 100, retries: 0 });
    expect(await loadMarkets(http, ['BTCUSDT'])).toEqual(FALLBACK_MARKETS);
    await expect(loadMarkets(http, ['ETHUSDT'])).rejects.toThrow(/HTTP 400/);
  });

  it('serves 1m candles that the adapter history reads back; no OI history', async () => {
    const now = Date.now();
    const t0 = Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000;
    server = new MockServer(createMockProtocol(), { now: () => now });
    const { httpUrl } = await server.start();
    for (let i = 0; i < 30; i++) {
      server.publish({ ...base, ts: t0 + i * 60_000, kind: 'trade', price: 40000 + i, qty: 0.5, takerSide: 'buy' });
      server.publish({ ...base, ts: t0 + i * 60_000 + 30_000, kind: 'trade', price: 40010 + i, qty: 0.25, takerSide: 'sell' });
    }
    const http = createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 100, retries: 0 });
    const m = FALLBACK_MARKETS[0];
    if (!m) throw new Error('no market');
    const k = await bitgetHistory.klines(http, m, t0 + 5 * 60_000, t0 + 25 * 60_000);
    expect(k).toHaveLength(20);
    expect(k[0]).toEqual({ ts: t0 + 5 * 60_000, open: 40005, high: 40015, low: 40005, close: 40015, volume: 0.75 });
    expect(await bitgetHistory.openInterest(http, m, t0, now)).toEqual([]);
  });

  it('acks per arg with a trade snapshot, refuses unknown channels with 30001, answers ping, cuts floods', async () => {
    server = new MockServer(createMockProtocol());
    const { wsUrl } = await server.start();
    server.publish({ ...base, kind: 'trade', price: 42000, qty: 0.1, takerSide: 'buy', id: '1' });
    const frames: string[] = [];
    const ws = new WebSocket(`${wsUrl}/v2/ws/public`);
    sockets.push(ws);
    ws.on('message', (d) => frames.push(String(d)));
    await new Promise((r) => ws.once('open', r));
    ws.send('ping');
    ws.send(JSON.stringify({ op: 'subscribe', args: [{ instType: 'USDT-FUTURES', channel: 'trade', instId: 'BTCUSDT' }, { instType: 'usdt-futures', channel: 'trade', instId: 'BTCUSDT' }] }));
    await until(() => frames.length >= 4);
    expect(frames[0]).toBe('pong');
    expect(JSON.parse(frames[1] ?? '')).toEqual({ event: 'subscribe', arg: { instType: 'USDT-FUTURES', channel: 'trade', instId: 'BTCUSDT' } });
    expect(JSON.parse(frames[2] ?? '')).toMatchObject({ action: 'snapshot', data: [{ price: '42000', size: '0.1', side: 'buy', tradeId: '1' }] });
    expect(JSON.parse(frames[3] ?? '')).toMatchObject({ event: 'error', code: 30001 });
    const closed = new Promise<number>((r) => ws.once('close', (c) => r(c)));
    for (let i = 0; i < 12; i++) ws.send('ping');
    expect(await closed).toBe(1008);
    expect(frames.some((f) => f.includes('30007'))).toBe(true);
  });
});
