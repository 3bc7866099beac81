// OKX socket URLs, subscribe frames and keep-alive, and history under REST faults.
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../feed/http.js';
import { MockServer } from '../mock/server.js';
import { socketUrls, subscribeFrames } from './endpoints.js';
import { okxHistory } from './history.js';
import { adapter } from './index.js';
import { FALLBACK_MARKETS } from './markets.js';
import { createMockProtocol } from './mock.js';

describe('okx-swap endpoints', () => {
  it('derives the business URL from the configured public URL', () => {
    expect(socketUrls('wss://ws.okx.com:8443/ws/v5/public')).toEqual({ public: 'wss://ws.okx.com:8443/ws/v5/public', business: 'wss://ws.okx.com:8443/ws/v5/business' });
    expect(socketUrls('wss://wspap.okx.com:8443/ws/v5/public?brokerId=9999')).toEqual({
      public: 'wss://wspap.okx.com:8443/ws/v5/public?brokerId=9999',
      business: 'wss://wspap.okx.com:8443/ws/v5/business?brokerId=9999',
    });
    expect(socketUrls('ws://127.0.0.1:4000')).toEqual({ public: 'ws://127.0.0.1:4000/ws/v5/public', business: 'ws://127.0.0.1:4000/ws/v5/business' });
  });

  it('public socket: liquidations by instType, OI/funding/index/mark per market; business socket: trades-all', async () => {
    const subs = subscribeFrames(FALLBACK_MARKETS);
    const pub = JSON.parse(subs.public) as { op: string; args: Record<string, string>[] };
    expect(pub.op).toBe('subscribe');
    expect(pub.args).toContainEqual({ channel: 'liquidation-orders', instType: 'SWAP' });
    expect(pub.args).toContainEqual({ channel: 'index-tickers', instId: 'BTC-USD' });
    expect(pub.args.filter((a) => a.channel === 'mark-price').map((a) => a.instId)).toEqual(['BTC-USDT-SWAP', 'BTC-USD-SWAP']);
    expect(JSON.parse(subs.business)).toEqual({ op: 'subscribe', args: FALLBACK_MARKETS.map((m) => ({ channel: 'trades-all', instId: m.symbol })) });
    const eps = await adapter.endpoints({ wsUrl: adapter.defaultWsUrl, restUrl: adapter.defaultRestUrl, markets: [], pollIntervalMs: 1 }, FALLBACK_MARKETS, {
      request: () => Promise.reject(new Error('unused')),
    });
    expect(eps.map((e) => [e.name, e.keepalive?.message, (e.keepalive?.intervalMs ?? 0) < 30_000])).toEqual([
      ['public', 'ping', true],
      ['business', 'ping', true],
    ]);
  });
});

describe('okx-swap history under REST faults', () => {
  let server: MockServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('a 503 is retried by the HTTP client; without retries the error surfaces', async () => {
    const now = Date.now();
    const t0 = Math.floor(now / 60_000) * 60_000 - 10 * 60_000;
    server = new MockServer(createMockProtocol(), { now: () => now });
    const { httpUrl } = await server.start();
    for (let i = 0; i < 5; i++) server.publish({ kind: 'trade', venue: 'okx-swap', market: 'BTC-USD-SWAP', ts: t0 + i * 60_000, recvTs: now, price: 40000, qty: 0.25, takerSide: 'buy' });
    const m = FALLBACK_MARKETS[1];
    if (!m) throw new Error('no market');
    server.fault({ kind: 'http', status: 503, count: 1 });
    const retrying = createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 100, retries: 2, initialBackoffMs: 5, maxRetryAfterMs: 5000, sleep: () => Promise.resolve() });
    const k = await okxHistory.klines(retrying, m, t0, t0 + 5 * 60_000);
    expect(k.map((x) => x.volume)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]);
    server.fault({ kind: 'http', status: 429, count: 1 });
    const plain = createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 100, retries: 0 });
    await expect(okxHistory.openInterest(plain, m, t0, now)).rejects.toThrow(/429/);
  });
});
