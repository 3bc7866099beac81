// Connection plan: URLs from configured bases, ≤ 200 streams per socket, lifetime and rate caps, polls.
import { describe, expect, it } from 'vitest';
import type { MarketSpec } from '../../core/venue.js';
import { adapter as coinm } from '../binance-coinm/index.js';
import { combinedUrl } from './connect.js';
import { adapter } from './index.js';

const cfg = { wsUrl: adapter.defaultWsUrl, restUrl: adapter.defaultRestUrl, markets: ['BTCUSDT'], pollIntervalMs: 5000 };
const http = { request: () => Promise.reject(new Error('no network in this test')) };

describe('binance connection plan', () => {
  it('USDⓈ-M: aggTrade, forceOrder and markPrice@1s on the current /market combined stream', async () => {
    const [ep, ...rest] = await adapter.endpoints(cfg, adapter.fallbackMarkets, http);
    expect(rest).toEqual([]);
    expect(ep).toMatchObject({
      url: 'wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade/btcusdt@forceOrder/btcusdt@markPrice@1s',
      subscribe: [],
      maxLifetimeMs: 23.5 * 3600_000,
      silenceTimeoutMs: 10_000,
    });
    expect(ep?.maxMessagesPerSec).toBeLessThanOrEqual(10);
  });

  it('COIN-M: the same streams on dstream (no market/public split)', async () => {
    const [ep] = await coinm.endpoints({ ...cfg, wsUrl: coinm.defaultWsUrl, markets: ['BTCUSD_PERP'] }, coinm.fallbackMarkets, http);
    expect(ep?.url).toBe('wss://dstream.binance.com/stream?streams=btcusd_perp@aggTrade/btcusd_perp@forceOrder/btcusd_perp@markPrice@1s');
  });

  it('configured URLs: a bare host gets the current base; a given path is kept (legacy stays legacy)', () => {
    expect(combinedUrl('wss://fstream.binance.com', '/market', ['a'])).toBe('wss://fstream.binance.com/market/stream?streams=a');
    expect(combinedUrl('ws://127.0.0.1:9/', '/market', ['a'])).toBe('ws://127.0.0.1:9/market/stream?streams=a');
    expect(combinedUrl('wss://fstream.binance.com/market/ws', '/market', ['a'])).toBe('wss://fstream.binance.com/market/stream?streams=a');
    expect(combinedUrl('wss://fstream.binance.com/stream', '/market', ['a'])).toBe('wss://fstream.binance.com/stream?streams=a');
  });

  it('splits into sockets of at most 200 streams', async () => {
    const many: MarketSpec[] = Array.from({ length: 150 }, (_, i) => ({ symbol: `X${i}USDT`, kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 20 }));
    const eps = await adapter.endpoints(cfg, many, http);
    const counts = eps.map((e) => (new URL(e.url).searchParams.get('streams') ?? '').split('/').length);
    expect(counts).toEqual([200, 200, 50]);
    expect(new Set(eps.map((e) => e.name)).size).toBe(3);
  });

  it('polls open interest per market at the configured period', () => {
    expect(adapter.polls(cfg, adapter.fallbackMarkets)).toEqual([{ request: { method: 'GET', path: '/fapi/v1/openInterest?symbol=BTCUSDT' }, intervalMs: 5000 }]);
    expect(coinm.polls({ ...cfg, pollIntervalMs: 2000 }, coinm.fallbackMarkets)).toEqual([
      { request: { method: 'GET', path: '/dapi/v1/openInterest?symbol=BTCUSD_PERP' }, intervalMs: 2000 },
    ]);
  });
});
