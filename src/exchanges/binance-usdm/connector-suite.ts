// Connector tests shared by both Binance venues: the real VenueCollector against the venue's mock,
// one test per fault — reconnects, gap markers (status events), counted drops, REST back-off, the
// silent legacy URL (USDⓈ-M), fallback instrument facts.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent, OpenInterestEvent, StatusEvent } from '../../core/events.js';
import type { VenueAdapter } from '../../core/venue.js';
import { VenueCollector } from '../../feed/collector.js';
import { MockServer, type MockProtocol } from '../mock/server.js';
import { httpClient, waitFor, withEndpointTimings } from './test-support.js';

const BACKOFF = { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 };

export interface ConnectorSuite {
  readonly adapter: VenueAdapter;
  createMockProtocol(): MockProtocol;
  readonly market: string;
  /** Appended to the mock root for the configured wsUrl ('' = bare root, as the demo passes it). */
  readonly currentPath: string;
  /** Path of a base that connects but pushes nothing (USDⓈ-M's retired root), if any. */
  readonly silentPath?: string;
  /** What the polled OI must look like after 80 000 BTC at 60 000 were published. */
  checkOi(e: OpenInterestEvent): void;
}

export function binanceConnectorSuite(cfg: ConnectorSuite): void {
  const { adapter } = cfg;
  const base = { venue: adapter.id, market: cfg.market };

  let server: MockServer | null = null;
  let collector: VenueCollector | null = null;
  let feed: NodeJS.Timeout | null = null;
  afterEach(async () => {
    if (feed) clearInterval(feed);
    feed = null;
    collector?.stop();
    collector = null;
    await server?.close();
    server = null;
  });

  interface Run {
    readonly events: MarketEvent[];
    readonly c: VenueCollector;
    readonly s: MockServer;
    count(kind: MarketEvent['kind']): number;
    statuses(): StatusEvent[];
  }

  /** Mock + simulated market (a trade and a mark every 20 ms) + collector on `path` of the mock. */
  async function run(opts: { path?: string; silenceMs?: number; lifetimeMs?: number; httpFault?: { status: number; count: number } } = {}): Promise<Run> {
    const s = new MockServer(cfg.createMockProtocol());
    server = s;
    const { wsUrl, httpUrl } = await s.start();
    let price = 60000;
    s.publish({ ...base, kind: 'openInterest', ts: Date.now(), recvTs: Date.now(), oiBtc: 80000, oiUsd: 80000 * price });
    feed = setInterval(() => {
      const ts = Date.now();
      price += 0.5;
      s.publish({ ...base, kind: 'trade', ts, recvTs: ts, price, qty: 0.01, takerSide: 'buy' });
      s.publish({ ...base, kind: 'mark', ts, recvTs: ts, markPrice: price, fundingRate: 0.0001 });
    }, 20);
    if (opts.httpFault) s.fault({ kind: 'http', ...opts.httpFault });
    const events: MarketEvent[] = [];
    const c = new VenueCollector({
      adapter: withEndpointTimings(adapter, { silenceTimeoutMs: opts.silenceMs ?? 2000, ...(opts.lifetimeMs ? { maxLifetimeMs: opts.lifetimeMs } : {}) }),
      config: { wsUrl: `${wsUrl}${opts.path ?? cfg.currentPath}`, restUrl: httpUrl, markets: [cfg.market], pollIntervalMs: 50 },
      http: httpClient(httpUrl),
      onEvent: (e) => events.push(e),
      backoff: BACKOFF,
    });
    collector = c;
    await c.start();
    return {
      events,
      c,
      s,
      count: (k) => events.filter((e) => e.kind === k).length,
      statuses: () => events.filter((e): e is StatusEvent => e.kind === 'status'),
    };
  }

  /** After a fault: a gap opened (connected:false), then closed (connected:true), and trades flow again. */
  async function expectRecovered(r: Run): Promise<void> {
    await waitFor(() => r.statuses().some((e) => !e.connected), 'gap marker');
    await waitFor(() => r.statuses().some((e) => e.connected), 'reconnected marker');
    const after = r.events.length;
    await waitFor(() => r.events.slice(after).some((e) => e.kind === 'trade'), 'trades after reconnect');
    expect(r.c.health().reconnects).toBeGreaterThanOrEqual(1);
    expect(r.c.health().gaps).toBeGreaterThanOrEqual(1);
  }

  describe(`${adapter.id} connector against the mock`, () => {
    it('streams trades, marks, liquidations and polled open interest with live instrument facts', async () => {
      const r = await run();
      await waitFor(() => r.count('trade') > 3 && r.count('mark') > 3 && r.count('openInterest') > 1, 'data');
      r.s.publish({ ...base, kind: 'liquidation', ts: Date.now(), recvTs: Date.now(), price: 60000, qty: 0.5, notionalUsd: 30000, side: 'long' });
      await waitFor(() => r.count('liquidation') === 1, 'liquidation after its second closed');
      const h = r.c.health();
      expect(h.connected).toBe(true);
      expect(h.notes).toEqual([]);
      expect(h.publishesLiquidations).toBe(true);
      const oi = r.events.find((e): e is OpenInterestEvent => e.kind === 'openInterest');
      if (!oi) throw new Error('no open interest');
      cfg.checkOi(oi);
      expect(r.s.stats.clientFrames).toBe(0); // streams ride in the URL: nothing to send, nothing to rate-limit
    });

    it('drop (socket cut without close frame) → gap, reconnect, data again', async () => {
      const r = await run();
      await waitFor(() => r.count('trade') > 0, 'first trade');
      r.s.fault({ kind: 'drop' });
      await expectRecovered(r);
    });

    it('close (the 24 h cut) → gap, reconnect, data again', async () => {
      const r = await run();
      await waitFor(() => r.count('trade') > 0, 'first trade');
      r.s.fault({ kind: 'close', code: 1001, reason: 'connection lifetime' });
      await expectRecovered(r);
    });

    it('stall (socket open, no data) → the silence watchdog reconnects', async () => {
      const r = await run({ silenceMs: 250 });
      await waitFor(() => r.count('trade') > 0, 'first trade');
      r.s.fault({ kind: 'stall', ms: 700 });
      await expectRecovered(r);
      expect(r.statuses().find((e) => !e.connected)?.reason).toMatch(/silent/);
    });

    it('connection lifetime reached (Binance cuts at 24 h; we leave at 23.5 h) → proactive reconnect', async () => {
      const r = await run({ lifetimeMs: 300 });
      await expectRecovered(r);
      expect(r.statuses().find((e) => !e.connected)?.reason).toMatch(/lifetime 300 ms reached/);
    });

    it('garbage frame → one counted drop, no disconnect', async () => {
      const r = await run();
      await waitFor(() => r.count('trade') > 0, 'first trade');
      r.s.fault({ kind: 'garbage' });
      await waitFor(() => Object.keys(r.c.health().drops).length > 0, 'drop counted');
      expect(Object.entries(r.c.health().drops)).toEqual([[expect.stringMatching(/^frame: not JSON/) as unknown, 1]]);
      expect(r.statuses()).toEqual([]);
    });

    it('upgrade refused with 503 → backoff and retry until connected', async () => {
      const r = await run();
      await waitFor(() => r.count('trade') > 0, 'first trade');
      r.s.fault({ kind: 'reject', count: 3 });
      r.s.fault({ kind: 'drop' });
      await expectRecovered(r);
      expect(r.c.health().reconnects).toBeGreaterThanOrEqual(3);
    });

    it.each([429, 503])('HTTP %i on the open-interest poll → counted REST error, polling resumes', async (status) => {
      const r = await run();
      await waitFor(() => r.count('openInterest') > 0, 'first open interest');
      r.s.fault({ kind: 'http', status, count: 1 });
      await waitFor(() => r.c.health().restErrors === 1, 'REST error counted');
      const before = r.count('openInterest');
      await waitFor(() => r.count('openInterest') > before, 'open interest again');
    });

    it('instrument facts unreachable at start → bundled fallback, said in health notes', async () => {
      const r = await run({ httpFault: { status: 500, count: 1 } });
      await waitFor(() => r.count('trade') > 0, 'trades');
      expect(r.c.health().markets).toEqual([cfg.market]);
      expect(r.c.health().notes.join(' ')).toMatch(/using bundled fallback/);
    });

    it.runIf(cfg.silentPath !== undefined)('a URL that connects but pushes nothing (USDⓈ-M legacy root) is caught by the silence watchdog', async () => {
      const r = await run({ path: cfg.silentPath ?? '', silenceMs: 150 });
      await waitFor(() => r.c.health().reconnects >= 2, 'repeated reconnects');
      expect(r.count('trade')).toBe(0);
      expect(r.statuses()[0]).toMatchObject({ connected: false, reason: expect.stringMatching(/silent for 150 ms/) as unknown });
    });
  });
}
