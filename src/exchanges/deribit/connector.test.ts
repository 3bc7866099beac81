// The real VenueCollector against the Deribit mock, one test per fault (../testing/connector-suite.ts):
// it reconnects, resubscribes, reports gaps as status events, counts bad frames, falls back on REST failure.
import { expect, it } from 'vitest';
import { connectorSuite } from '../testing/connector-suite.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

const base = { venue: 'deribit', market: 'BTC-PERPETUAL' } as const;

connectorSuite({
  adapter,
  mock: () => createMockProtocol({ heartbeatMs: 100 }),
  wsPath: '/ws/api/v2',
  restPath: '/api/v2',
  markets: ['BTC-PERPETUAL'],
  tick: (server, n, ts) => {
    server.publish({ ...base, kind: 'openInterest', ts, recvTs: ts, oiBtc: (100_000_000 + n * 10) / 64000, oiUsd: 100_000_000 + n * 10 });
    server.publish({ ...base, kind: 'mark', ts, recvTs: ts, markPrice: 64000, fundingRate: 0.0000125 });
    server.publish({ ...base, kind: 'trade', ts, recvTs: ts, price: 64000 + (n % 7), qty: 0.01, takerSide: n % 2 ? 'buy' : 'sell', id: `${ts}-${n}` });
  },
  isSubscribe: (f) => f.includes('"public/subscribe"'),
  stallMs: 1500,
  waitMs: 5000,
  replay: true,
  live: {
    name: 'streams trades, OI, mark and liquidations, answers test_request heartbeats, reports health',
    async run(t) {
      const c = await t.start();
      await t.until('events', () => t.trades() > 5 && t.count('openInterest') > 0 && t.count('mark') > 0);
      const ts = Date.now();
      t.server().publish({ ...base, kind: 'liquidation', ts, recvTs: ts, price: 64000, qty: 1, notionalUsd: 64000, side: 'short' });
      await t.until('a liquidation', () => t.events().some((e) => e.kind === 'liquidation' && e.side === 'short'));
      await t.until('heartbeats answered', () => t.server().clientFrames.filter((f) => f.includes('"public/test"')).length >= 3);
      expect(t.server().clientFrames[0]).toContain('"public/set_heartbeat"');
      const h = c.health();
      expect(h.connected).toBe(true);
      expect(h.reconnects).toBe(0);
      expect(h.publishesLiquidations).toBe(true);
      expect(h.notes).toEqual([]);
      expect(h.drops).toEqual({});
    },
  },
  extra(t) {
    it('HTTP 429 at start: bundled instrument facts are used and noted; the stream still flows', async () => {
      t.server().fault({ kind: 'http', status: 429, count: 2 });
      const c = await t.start();
      expect(c.health().markets).toEqual(['BTC-PERPETUAL']);
      expect(c.health().notes.some((n) => n.includes('using bundled fallback'))).toBe(true);
      await t.until('stream flows', () => t.trades() > 3);
    });

    it('HTTP 5xx at start: same fallback, no crash', async () => {
      t.server().fault({ kind: 'http', status: 500, count: 1 });
      const c = await t.start();
      expect(c.health().notes.some((n) => n.includes('HTTP 500'))).toBe(true);
      await t.until('stream flows', () => t.trades() > 3);
    });
  },
});
