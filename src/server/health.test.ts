import { describe, expect, it } from 'vitest';
import { fixture } from './testing.js';

describe('/api/v1/health and the store', () => {
  it('reports degraded while the store is unreachable, ok again when it returns', async () => {
    let reachable = false;
    const f = await fixture({}, {}, { storeHealthy: () => reachable });
    f.bus.publish('venues', [
      { venue: 'binance-usdm', markets: ['BTCUSDT'], connected: true, msgsPerSec: 5, lastMessageAgeMs: 10, reconnects: 0, gaps: 0, frames: 10, drops: {}, restErrors: 0, publishesLiquidations: true, notes: [] },
    ]);
    const down = (await f.app.inject({ url: '/api/v1/health' })).json<{ status: string; storeHealthy: boolean }>();
    expect(down).toMatchObject({ status: 'degraded', storeHealthy: false });
    reachable = true;
    const up = (await f.app.inject({ url: '/api/v1/health' })).json<{ status: string; storeHealthy: boolean }>();
    expect(up.storeHealthy).toBe(true);
    expect(up.status).not.toBe('degraded');
    await f.close();
  });
});
