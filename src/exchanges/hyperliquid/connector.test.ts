// The real VenueCollector against the Hyperliquid mock, one test per fault (../testing/connector-suite.ts):
// it reconnects, resubscribes, reports gaps as status events, counts bad frames, counts REST failures.
import { expect, it } from 'vitest';
import { connectorSuite } from '../testing/connector-suite.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

const base = { venue: 'hyperliquid', market: 'BTC' } as const;

connectorSuite({
  adapter,
  mock: () => createMockProtocol(),
  wsPath: '/ws',
  markets: ['BTC'],
  fastEndpoint: (ep) => ({ keepalive: { intervalMs: 100, message: ep.keepalive!.message } }),
  // The venue always has an asset context; give the mock one before the first poll.
  prime: (server) => {
    const t0 = Date.now();
    server.publish({ ...base, kind: 'openInterest', ts: t0, recvTs: t0, oiBtc: 30000, oiUsd: 30000 * 64000 });
    server.publish({ ...base, kind: 'mark', ts: t0, recvTs: t0, markPrice: 64000 });
  },
  tick: (server, n, ts) => {
    server.publish({ ...base, kind: 'openInterest', ts, recvTs: ts, oiBtc: 30000 + n, oiUsd: (30000 + n) * 64000 });
    server.publish({ ...base, kind: 'mark', ts, recvTs: ts, markPrice: 64000, fundingRate: 0.0000125 });
    server.publish({ ...base, kind: 'trade', ts, recvTs: ts, price: 64000 + (n % 7), qty: 0.01, takerSide: n % 2 ? 'buy' : 'sell', id: `${ts}-${n}` });
  },
  isSubscribe: (f) => f.includes('"subscribe"'),
  subscribesPerConnect: 2,
  stallMs: 1500,
  waitMs: 5000,
  replay: true,
  live: {
    name: 'streams trades, OI and mark, pings, and reports health without liquidations',
    async run(t) {
      const c = await t.start();
      await t.until('events', () => t.trades() > 5 && t.count('openInterest') > 0 && t.count('mark') > 0);
      await t.until('a ping', () => t.server().clientFrames.includes('{"method":"ping"}'));
      const h = c.health();
      expect(h.connected).toBe(true);
      expect(h.publishesLiquidations).toBe(false);
      expect(h.notes).toContain('venue publishes no public liquidation stream');
      expect(h.drops).toEqual({});
      await t.until('both subscriptions', () => t.subscribes() === 2);
    },
  },
  extra(t) {
    it('HTTP 429 at start: bundled instrument facts are used and noted; polls back off and recover', async () => {
      t.server().fault({ kind: 'http', status: 429, count: 2 });
      const c = await t.start();
      expect(c.health().markets).toEqual(['BTC']);
      expect(c.health().notes.some((n) => n.includes('using bundled fallback'))).toBe(true);
      await t.until('rest error counted', () => c.health().restErrors >= 1);
      await t.until('stream flows', () => t.trades() > 3);
    });

    it('HTTP 5xx on polls: errors counted, no crash', async () => {
      const c = await t.start();
      await t.until('events', () => t.trades() > 3);
      t.server().fault({ kind: 'http', status: 503, count: 1 });
      await t.until('rest error counted', () => c.health().restErrors >= 1, 4000);
      expect(c.health().connected).toBe(true);
    });
  },
});
