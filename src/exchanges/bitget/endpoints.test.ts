// Bitget socket URL, subscribe frame and keep-alive.
import { describe, expect, it } from 'vitest';
import { socketUrl, subscribeFrame } from './endpoints.js';
import { adapter } from './index.js';
import { FALLBACK_MARKETS } from './markets.js';

describe('bitget endpoints', () => {
  it('uses the configured URL, or the real path on a bare host', () => {
    expect(socketUrl('wss://ws.bitget.com/v2/ws/public')).toBe('wss://ws.bitget.com/v2/ws/public');
    expect(socketUrl('ws://127.0.0.1:4000')).toBe('ws://127.0.0.1:4000/v2/ws/public');
  });

  it('one subscribe message with trade and ticker (instType USDT-FUTURES); text ping under 30 s; 10 msgs/s', async () => {
    expect(JSON.parse(subscribeFrame(FALLBACK_MARKETS))).toEqual({
      op: 'subscribe',
      args: [
        { instType: 'USDT-FUTURES', channel: 'trade', instId: 'BTCUSDT' },
        { instType: 'USDT-FUTURES', channel: 'ticker', instId: 'BTCUSDT' },
      ],
    });
    const [ep] = await adapter.endpoints({ wsUrl: adapter.defaultWsUrl, restUrl: adapter.defaultRestUrl, markets: [], pollIntervalMs: 1 }, FALLBACK_MARKETS, {
      request: () => Promise.reject(new Error('unused')),
    });
    expect(ep?.keepalive?.message).toBe('ping');
    expect(ep?.keepalive?.intervalMs).toBeLessThan(30_000);
    expect(ep?.maxMessagesPerSec).toBe(10);
    expect(adapter.publishesLiquidations).toBe(false);
  });
});
