// The real VenueCollector against the BitMEX mock, one test per fault (../testing/connector-suite.ts):
// it reconnects, resubscribes, reports gaps as status events, counts bad frames, falls back on REST failure.
import { expect, it } from 'vitest';
import { connectorSuite } from '../testing/connector-suite.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

const MARKETS = ['XBTUSD', 'XBTUSDT'];
const base = { venue: 'bitmex', market: 'XBTUSD' } as const;

connectorSuite({
  adapter,
  mock: () => createMockProtocol(),
  wsPath: '/realtime',
  restPath: '/api/v1',
  markets: MARKETS,
  fastEndpoint: () => ({ keepalive: { intervalMs: 100, message: 'ping' } }),
  tick: (server, n, ts) => {
    server.publish({ ...base, kind: 'openInterest', ts, recvTs: ts, oiBtc: (300_000_000 + n) / 64000, oiUsd: 300_000_000 + n });
    server.publish({ ...base, kind: 'mark', ts, recvTs: ts, markPrice: 64000, fundingRate: 0.0000125 });
    server.publish({ ...base, kind: 'trade', ts, recvTs: ts, price: 64000 + (n % 7), qty: 0.01, takerSide: n % 2 ? 'buy' : 'sell', id: `${ts}-${n}` });
  },
  isSubscribe: (f) => f.startsWith('{"op":"subscribe"'),
  stallMs: 1500,
  waitMs: 5000,
  replay: true,
  live: {
    name: 'streams trades, OI, mark and liquidations, pings, and reports health',
    async run(t) {
      const c = await t.start();
      await t.until('events', () => t.trades() > 5 && t.count('openInterest') > 0 && t.count('mark') > 0);
      const ts = Date.now();
      t.server().publish({ ...base, kind: 'liquidation', ts, recvTs: ts, price: 64000, qty: 1, notionalUsd: 64000, side: 'long' });
      await t.until('a liquidation', () => t.events().some((e) => e.kind === 'liquidation' && e.side === 'long'));
      await t.until('a ping', () => t.server().clientFrames.includes('ping'));
      const h = c.health();
      expect(h.connected).toBe(true);
      expect(h.publishesLiquidations).toBe(true);
      expect(h.notes).toEqual([]);
      expect(h.drops).toEqual({});
      expect(h.markets).toEqual(MARKETS);
    },
  },
  extra(t) {
    it('HTTP 429 at start: bundled instrument facts are used and noted; the stream still flows', async () => {
      t.server().fault({ kind: 'http', status: 429, count: 2 });
      const c = await t.start();
      expect(c.health().markets).toEqual(MARKETS);
      expect(c.health().notes.some((n) => n.includes('using bundled fallback'))).toBe(true);
      await t.until('stream flows', () => t.trades() > 3);
    });

    it('HTTP 5xx at start: same fallback, no crash', async () => {
      t.server().fault({ kind: 'http', status: 502, count: 1 });
      const c = await t.start();
      expect(c.health().notes.some((n) => n.includes('HTTP 502'))).toBe(true);
      await t.until('stream flows', () => t.trades() > 3);
    });
  },
});
