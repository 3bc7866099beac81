// Connector tests shared by bybit-linear and bybit-inverse: the real VenueCollector against the
// venue's mock, one test per fault (drop, close, stall, garbage, HTTP 429/5xx, reject, refused subscribe).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../core/events.js';
import type { VenueAdapter } from '../../../core/venue.js';
import { VenueCollector } from '../../../feed/collector.js';
import { createHttpClient } from '../../../feed/http.js';
import { MockServer, type MockProtocol } from '../../mock/server.js';
import { until } from './until.js';

export interface SuiteDef {
  readonly adapter: VenueAdapter;
  readonly mock: () => MockProtocol;
  readonly symbol: string;
  readonly price: number;
}

export function connectorSuite(def: SuiteDef): void {
  const venue = def.adapter.id;
  /** The real adapter with test-sized timers; `extra` subscribe frames are appended. */
  const fast = (extra: readonly string[] = []): VenueAdapter => ({
    ...def.adapter,
    endpoints: async (cfg, markets, http) =>
      (await def.adapter.endpoints(cfg, markets, http)).map((ep) => ({
        ...ep,
        subscribe: [...ep.subscribe, ...extra],
        silenceTimeoutMs: 400,
        keepalive: { intervalMs: 100, message: ep.keepalive?.message ?? '' },
      })),
  });

  let server: MockServer;
  let collector: VenueCollector | null = null;
  let feed: NodeJS.Timeout | null = null;
  let events: MarketEvent[] = [];
  let urls: { httpUrl: string; wsUrl: string };

  beforeEach(async () => {
    server = new MockServer(def.mock());
    urls = await server.start();
    events = [];
    let n = 0;
    const p = def.price;
    feed = setInterval(() => {
      const ts = Date.now();
      server.publish({ kind: 'mark', venue, market: def.symbol, ts, recvTs: ts, markPrice: p + (n % 3), indexPrice: p, fundingRate: 0.0001, nextFundingTs: 1786320000000 });
      server.publish({ kind: 'openInterest', venue, market: def.symbol, ts, recvTs: ts, oiBtc: 30000 + n, oiUsd: (30000 + n) * p });
      server.publish({ kind: 'trade', venue, market: def.symbol, ts, recvTs: ts, price: p + (n % 7), qty: 0.5, takerSide: n % 2 ? 'buy' : 'sell', id: `t-${n}` });
      if (n % 5 === 0) server.publish({ kind: 'liquidation', venue, market: def.symbol, ts, recvTs: ts, price: p, qty: 0.2, notionalUsd: 0.2 * p, side: n % 10 ? 'long' : 'short' });
      n++;
    }, 20);
  });

  afterEach(async () => {
    collector?.stop();
    collector = null;
    if (feed) clearInterval(feed);
    await server.close();
  });

  async function start(adapter = fast()): Promise<VenueCollector> {
    collector = new VenueCollector({
      adapter,
      config: { wsUrl: `${urls.wsUrl}${new URL(def.adapter.defaultWsUrl).pathname}`, restUrl: urls.httpUrl, markets: [def.symbol], pollIntervalMs: 1000 },
      http: createHttpClient(urls.httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 }),
      onEvent: (e) => events.push(e),
      backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 },
    });
    await collector.start();
    return collector;
  }

  const subscribes = (): number => server.clientFrames.filter((f) => f.includes('"op":"subscribe"')).length;
  const count = (kind: MarketEvent['kind']): number => events.filter((e) => e.kind === kind).length;
  const statuses = (): (boolean | null)[] => events.filter((e) => e.kind === 'status').map((e) => (e.kind === 'status' ? e.connected : null));

  async function expectRecovery(c: VenueCollector): Promise<void> {
    await until('gap closed', () => statuses().at(-1) === true);
    const before = count('trade');
    await until('data after reconnect', () => count('trade') > before + 3);
    await until('resubscribed', () => subscribes() >= 2);
    expect(c.health().gaps).toBeGreaterThanOrEqual(1);
    expect(c.health().reconnects).toBeGreaterThanOrEqual(1);
  }

  describe(`${venue} collector against the mock`, () => {
    it('streams trades, liquidations, OI and mark; pings with {"op":"ping"}; loads instruments', async () => {
      const c = await start();
      await until('all kinds', () => count('trade') > 5 && count('liquidation') > 0 && count('openInterest') > 0 && count('mark') > 0);
      await until('a ping', () => server.clientFrames.includes('{"op":"ping"}'));
      const sub = server.clientFrames.find((f) => f.includes('"op":"subscribe"'));
      expect(JSON.parse(sub ?? '{}')).toEqual({ req_id: 'sub-1', op: 'subscribe', args: [`publicTrade.${def.symbol}`, `allLiquidation.${def.symbol}`, `tickers.${def.symbol}`] });
      const h = c.health();
      expect(h.connected).toBe(true);
      expect(h.publishesLiquidations).toBe(true);
      expect(h.notes).toEqual([]);
      expect(h.drops).toEqual({});
      const liq = events.find((e) => e.kind === 'liquidation');
      expect(liq).toMatchObject({ venue, market: def.symbol, price: def.price });
      expect(liq?.kind === 'liquidation' ? liq.qty : 0).toBeCloseTo(0.2, 3);
    });

    it('drop: reconnects and resubscribes, with a gap marker', async () => {
      const c = await start();
      await until('flowing', () => count('trade') > 3 && subscribes() === 1);
      server.fault({ kind: 'drop' });
      await until('gap opened', () => statuses().includes(false));
      await expectRecovery(c);
    });

    it('close: reconnects after a clean server close', async () => {
      const c = await start();
      await until('flowing', () => count('trade') > 3);
      server.fault({ kind: 'close', code: 1001, reason: 'going away' });
      await expectRecovery(c);
    });

    it('stall: silence detection recycles the socket (pongs do not count as data)', async () => {
      const c = await start();
      await until('flowing', () => count('trade') > 3);
      server.fault({ kind: 'stall', ms: 800 });
      await until('gap opened', () => statuses().includes(false));
      await expectRecovery(c);
    });

    it('garbage: counted as a drop, the stream continues', async () => {
      const c = await start();
      await until('flowing', () => count('trade') > 3);
      server.fault({ kind: 'garbage' });
      await until('drop counted', () => Object.keys(c.health().drops).length > 0);
      const before = count('trade');
      await until('more data', () => count('trade') > before + 3);
      expect(Object.keys(c.health().drops)).toEqual([expect.stringMatching(/^frame: not JSON/)]);
      expect(c.health().gaps).toBe(0);
    });

    it('HTTP 429 / 5xx at start: bundled instrument facts are used and noted', async () => {
      server.fault({ kind: 'http', status: 503, count: 1 });
      const c = await start();
      expect(c.health().markets).toEqual([def.symbol]);
      expect(c.health().notes.some((n) => n.includes('using bundled fallback'))).toBe(true);
      await until('stream flows', () => count('trade') > 3);
      collector?.stop();
      server.fault({ kind: 'http', status: 429, count: 1 });
      const c2 = await start();
      expect(c2.health().notes.some((n) => n.includes('HTTP 429') || n.includes('429'))).toBe(true);
    });

    it('reject: refused upgrades are retried with backoff', async () => {
      server.fault({ kind: 'reject', count: 2 });
      const c = await start();
      await until('connected after rejects', () => count('trade') > 3);
      expect(c.health().reconnects).toBeGreaterThanOrEqual(2);
    });

    it('a refused subscribe is a counted venue error; the other topics keep flowing', async () => {
      const c = await start(fast(['{"op":"subscribe","args":["publicTrade.NOPEUSDT"]}']));
      await until('error counted', () => Object.keys(c.health().drops).length > 0);
      expect(c.health().drops).toEqual({ 'venue error on subscribe: error:handler not found,topic:publicTrade.NOPEUSDT': 1 });
      const before = count('trade');
      await until('more data', () => count('trade') > before + 3);
    });
  });
}
