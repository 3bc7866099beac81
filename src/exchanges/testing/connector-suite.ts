// The standard fault tests for a venue adapter, shared by the venues: the real VenueCollector
// against the venue's mock protocol on a simulated market — drop, close, stall, garbage and refused
// upgrades (and, on request, record → replay). The venue supplies its mock, URLs, market feed and
// its own assertions (the live test, HTTP faults, anything venue-only) through hooks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureLine, MarketEvent } from '../../core/events.js';
import type { VenueAdapter, WsEndpoint } from '../../core/venue.js';
import { openCaptureWriter } from '../../feed/capture.js';
import { VenueCollector } from '../../feed/collector.js';
import { createHttpClient } from '../../feed/http.js';
import { newReplayStats, replayEvents } from '../../feed/replay.js';
import { MockServer, type MockProtocol } from '../mock/server.js';
import { until } from './until.js';

export interface ConnectorSuiteDef {
  readonly adapter: VenueAdapter;
  readonly mock: () => MockProtocol;
  /** Appended to the mock's ws:// root for the configured wsUrl. */
  readonly wsPath: string;
  /** Appended to the mock's http:// root for restUrl and the HTTP client ('' = the root). */
  readonly restPath?: string;
  readonly markets: readonly string[];
  /** Endpoint fields set on top of the test-sized silence timeout (400 ms), e.g. a fast keep-alive. */
  fastEndpoint?(ep: WsEndpoint): Partial<WsEndpoint>;
  /** Called once on the started mock, before the simulated market begins. */
  prime?(server: MockServer): void;
  /** Publishes the simulated market's n-th tick (one every 20 ms). */
  tick(server: MockServer, n: number, ts: number): void;
  /** Whether a client frame is a subscribe request. */
  isSubscribe(frame: string): boolean;
  /** Subscribe frames the adapter sends per connection (default 1). */
  readonly subscribesPerConnect?: number;
  /** How long the stall fault silences the socket. */
  readonly stallMs: number;
  /** Added to the stall test's name (e.g. what the venue's keep-alive must not count as data). */
  readonly stallNote?: string;
  /** Default timeout of the suite's waits (ms). */
  readonly waitMs?: number;
  /** Also check that record → replay through the same parser gives the same events. */
  readonly replay?: boolean;
  /** The venue's live test (registered first). */
  readonly live: { readonly name: string; run(t: SuiteContext): Promise<void> };
  /** Registers the venue's own tests (HTTP faults, refused subscriptions, …) after the standard ones. */
  extra?(t: SuiteContext): void;
}

export interface SuiteContext {
  /** The running mock (fresh per test). */
  server(): MockServer;
  /** Every event the collector emitted in this test. */
  events(): MarketEvent[];
  /** The adapter with test-sized timers; `extraSubscribe` frames are appended to each endpoint. */
  fast(extraSubscribe?: readonly string[]): VenueAdapter;
  /** Starts a collector (stopped after the test) against the mock. */
  start(opts?: { adapter?: VenueAdapter; onRaw?: (l: CaptureLine) => void }): Promise<VenueCollector>;
  /** Stops the running collector (the test may start another). */
  stop(): void;
  count(kind: MarketEvent['kind']): number;
  trades(): number;
  subscribes(): number;
  /** `connected` of each status event, in order. */
  statuses(): (boolean | null)[];
  until(what: string, cond: () => boolean, ms?: number): Promise<void>;
}

export function connectorSuite(def: ConnectorSuiteDef): void {
  const perConnect = def.subscribesPerConnect ?? 1;
  const restPath = def.restPath ?? '';
  const wait = (what: string, cond: () => boolean, ms = def.waitMs ?? 8000): Promise<void> => until(what, cond, ms);

  let server: MockServer;
  let collector: VenueCollector | null = null;
  let feed: NodeJS.Timeout | null = null;
  let events: MarketEvent[] = [];
  let urls: { httpUrl: string; wsUrl: string };

  beforeEach(async () => {
    server = new MockServer(def.mock());
    urls = await server.start();
    events = [];
    def.prime?.(server);
    let n = 0;
    feed = setInterval(() => def.tick(server, n++, Date.now()), 20);
  });

  afterEach(async () => {
    collector?.stop();
    collector = null;
    if (feed) clearInterval(feed);
    await server.close();
  });

  const fast = (extra: readonly string[] = []): VenueAdapter => ({
    ...def.adapter,
    endpoints: async (cfg, markets, http) =>
      (await def.adapter.endpoints(cfg, markets, http)).map((ep) => ({ ...ep, subscribe: [...ep.subscribe, ...extra], silenceTimeoutMs: 400, ...def.fastEndpoint?.(ep) })),
  });

  const t: SuiteContext = {
    server: () => server,
    events: () => events,
    fast,
    async start(opts = {}) {
      collector = new VenueCollector({
        adapter: opts.adapter ?? fast(),
        config: { wsUrl: `${urls.wsUrl}${def.wsPath}`, restUrl: `${urls.httpUrl}${restPath}`, markets: [...def.markets], pollIntervalMs: 1000 },
        http: createHttpClient(`${urls.httpUrl}${restPath}`, { timeoutMs: 2000, maxRequestsPerSec: 1000, retries: 0 }),
        onEvent: (e) => events.push(e),
        ...(opts.onRaw ? { onRaw: opts.onRaw } : {}),
        backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 },
      });
      await collector.start();
      return collector;
    },
    stop: () => collector?.stop(),
    count: (kind) => events.filter((e) => e.kind === kind).length,
    trades: () => t.count('trade'),
    subscribes: () => server.clientFrames.filter((f) => def.isSubscribe(f)).length,
    statuses: () => events.filter((e) => e.kind === 'status').map((e) => (e.kind === 'status' ? e.connected : null)),
    until: wait,
  };

  const flowing = (): Promise<void> => wait('subscribed and flowing', () => t.trades() > 3 && t.subscribes() === perConnect);

  async function expectRecovery(c: VenueCollector): Promise<void> {
    await wait('gap closed', () => t.statuses().at(-1) === true);
    const before = t.trades();
    await wait('data after reconnect', () => t.trades() > before + 3);
    await wait('resubscribed', () => t.subscribes() >= 2 * perConnect);
    expect(c.health().gaps).toBeGreaterThanOrEqual(1);
    expect(c.health().reconnects).toBeGreaterThanOrEqual(1);
  }

  describe(`${def.adapter.id} collector against the mock`, () => {
    it(def.live.name, () => def.live.run(t));

    if (def.replay) it('record → replay through the same parser gives the same events', async () => {
      const raw: CaptureLine[] = [];
      const c = await t.start({ onRaw: (l) => raw.push(l) });
      await wait('data', () => t.trades() > 10 && events.some((e) => e.kind === 'openInterest'));
      c.stop();
      const file = path.join(os.tmpdir(), `liqmap-${c.venue}-replay-${process.pid}-${Date.now()}.jsonl`);
      const w = openCaptureWriter(file);
      for (const l of raw) w.write(l);
      await w.close();
      const replayed: MarketEvent[] = [];
      const stats = newReplayStats();
      for await (const e of replayEvents(file, stats)) replayed.push(e);
      fs.rmSync(file);
      expect(replayed).toEqual(events.filter((e) => e.kind !== 'status'));
      expect(stats.drops.total).toBe(0);
    });

    it('drop: reconnects and resubscribes, with a gap marker', async () => {
      const c = await t.start();
      await flowing();
      server.fault({ kind: 'drop' });
      await wait('gap opened', () => t.statuses().includes(false));
      await expectRecovery(c);
    });

    it('close: reconnects after a clean server close', async () => {
      const c = await t.start();
      await flowing();
      server.fault({ kind: 'close', code: 1001, reason: 'going away' });
      await expectRecovery(c);
    });

    it(`stall: silence detection recycles the socket${def.stallNote ? ` (${def.stallNote})` : ''}`, async () => {
      const c = await t.start();
      await flowing();
      server.fault({ kind: 'stall', ms: def.stallMs });
      await wait('gap opened', () => t.statuses().includes(false));
      await expectRecovery(c);
    });

    it('garbage: counted as a drop, the stream continues', async () => {
      const c = await t.start();
      await wait('events', () => t.trades() > 3);
      server.fault({ kind: 'garbage' });
      await wait('drop counted', () => Object.keys(c.health().drops).length > 0);
      const before = t.trades();
      await wait('more data', () => t.trades() > before + 3);
      expect(Object.keys(c.health().drops)).toEqual([expect.stringMatching(/^frame: not JSON/)]);
      expect(c.health().gaps).toBe(0);
    });

    it('reject: refused upgrades are retried with backoff', async () => {
      server.fault({ kind: 'reject', count: 2 });
      const c = await t.start();
      await wait('connected after rejects', () => t.trades() > 3);
      expect(c.health().reconnects).toBeGreaterThanOrEqual(2);
    });

    def.extra?.(t);
  });
}
