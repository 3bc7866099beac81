// Connector tests shared by bybit-linear and bybit-inverse: the standard fault tests
// (../../testing/connector-suite.ts) plus the V5 live test, HTTP 429/5xx and a refused subscribe.
import { expect, it } from 'vitest';
import type { VenueAdapter } from '../../../core/venue.js';
import type { MockProtocol } from '../../mock/server.js';
import { connectorSuite as venueConnectorSuite } from '../../testing/connector-suite.js';

export interface SuiteDef {
  readonly adapter: VenueAdapter;
  readonly mock: () => MockProtocol;
  readonly symbol: string;
  readonly price: number;
}

export function connectorSuite(def: SuiteDef): void {
  const venue = def.adapter.id;
  const p = def.price;
  venueConnectorSuite({
    adapter: def.adapter,
    mock: def.mock,
    wsPath: new URL(def.adapter.defaultWsUrl).pathname,
    markets: [def.symbol],
    fastEndpoint: (ep) => ({ keepalive: { intervalMs: 100, message: ep.keepalive?.message ?? '' } }),
    tick: (server, n, ts) => {
      server.publish({ kind: 'mark', venue, market: def.symbol, ts, recvTs: ts, markPrice: p + (n % 3), indexPrice: p, fundingRate: 0.0001, nextFundingTs: 1786320000000 });
      server.publish({ kind: 'openInterest', venue, market: def.symbol, ts, recvTs: ts, oiBtc: 30000 + n, oiUsd: (30000 + n) * p });
      server.publish({ kind: 'trade', venue, market: def.symbol, ts, recvTs: ts, price: p + (n % 7), qty: 0.5, takerSide: n % 2 ? 'buy' : 'sell', id: `t-${n}` });
      if (n % 5 === 0) server.publish({ kind: 'liquidation', venue, market: def.symbol, ts, recvTs: ts, price: p, qty: 0.2, notionalUsd: 0.2 * p, side: n % 10 ? 'long' : 'short' });
    },
    isSubscribe: (f) => f.includes('"op":"subscribe"'),
    stallMs: 800,
    stallNote: 'pongs do not count as data',
    live: {
      name: 'streams trades, liquidations, OI and mark; pings with {"op":"ping"}; loads instruments',
      async run(t) {
        const c = await t.start();
        await t.until('all kinds', () => t.count('trade') > 5 && t.count('liquidation') > 0 && t.count('openInterest') > 0 && t.count('mark') > 0);
        await t.until('a ping', () => t.server().clientFrames.includes('{"op":"ping"}'));
        const sub = t.server().clientFrames.find((f) => f.includes('"op":"subscribe"'));
        expect(JSON.parse(sub ?? '{}')).toEqual({ req_id: 'sub-1', op: 'subscribe', args: [`publicTrade.${def.symbol}`, `allLiquidation.${def.symbol}`, `tickers.${def.symbol}`] });
        const h = c.health();
        expect(h.connected).toBe(true);
        expect(h.publishesLiquidations).toBe(true);
        expect(h.notes).toEqual([]);
        expect(h.drops).toEqual({});
        const liq = t.events().find((e) => e.kind === 'liquidation');
        expect(liq).toMatchObject({ venue, market: def.symbol, price: def.price });
        expect(liq?.kind === 'liquidation' ? liq.qty : 0).toBeCloseTo(0.2, 3);
      },
    },
    extra(t) {
      it('HTTP 429 / 5xx at start: bundled instrument facts are used and noted', async () => {
        t.server().fault({ kind: 'http', status: 503, count: 1 });
        const c = await t.start();
        expect(c.health().markets).toEqual([def.symbol]);
        expect(c.health().notes.some((n) => n.includes('using bundled fallback'))).toBe(true);
        await t.until('stream flows', () => t.count('trade') > 3);
        t.stop();
        t.server().fault({ kind: 'http', status: 429, count: 1 });
        const c2 = await t.start();
        expect(c2.health().notes.some((n) => n.includes('HTTP 429') || n.includes('429'))).toBe(true);
      });

      it('a refused subscribe is a counted venue error; the other topics keep flowing', async () => {
        const c = await t.start({ adapter: t.fast(['{"op":"subscribe","args":["publicTrade.NOPEUSDT"]}']) });
        await t.until('error counted', () => Object.keys(c.health().drops).length > 0);
        expect(c.health().drops).toEqual({ 'venue error on subscribe: error:handler not found,topic:publicTrade.NOPEUSDT': 1 });
        const before = t.count('trade');
        await t.until('more data', () => t.count('trade') > before + 3);
      });
    },
  });
}
