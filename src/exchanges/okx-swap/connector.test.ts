// The real VenueCollector against the OKX mock, one test per fault: both sockets come back,
// resubscribe, gaps show as status events, bad frames are counted drops, nothing crashes.
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';
import { rig, until, type Rig } from './test-support.js';

const MARKETS = ['BTC-USDT-SWAP', 'BTC-USD-SWAP'];
let r: Rig | null = null;
let feed: NodeJS.Timeout | null = null;

afterEach(async () => {
  if (feed) clearInterval(feed);
  feed = null;
  await r?.close();
  r = null;
});

/** Publishes a trade, a mark and a liquidation round-robin every 15 ms. */
function startFeed(x: Rig): void {
  let n = 0;
  feed = setInterval(() => {
    const ts = Date.now();
    const market = MARKETS[n % 2] ?? 'BTC-USDT-SWAP';
    const base = { venue: 'okx-swap', market, ts, recvTs: ts } as const;
    const events: MarketEvent[] = [
      { ...base, kind: 'trade', price: 50000 + (n % 7), qty: 0.01 * (1 + (n % 3)), takerSide: n % 2 ? 'buy' : 'sell', id: String(n) },
      { ...base, kind: 'mark', markPrice: 50000.5, fundingRate: 0.0001 },
    ];
    if (n % 5 === 0) events.push({ ...base, kind: 'liquidation', price: 49000 + n, qty: 0.2, notionalUsd: 0.2 * (49000 + n), side: n % 2 ? 'long' : 'short' });
    for (const e of events) x.server.publish(e);
    n++;
  }, 15);
}

const subscribes = (x: Rig): number => x.server.clientFrames.filter((f) => f.includes('"op":"subscribe"')).length;
const count = (x: Rig, kind: MarketEvent['kind']): number => x.events.filter((e) => e.kind === kind).length;
const statuses = (x: Rig, connected: boolean): number => x.events.filter((e) => e.kind === 'status' && e.connected === connected).length;

async function running(): Promise<Rig> {
  const x = await rig(createMockProtocol(), adapter, MARKETS);
  r = x;
  await x.collector.start();
  startFeed(x);
  await until(() => count(x, 'trade') > 4 && count(x, 'mark') > 4 && count(x, 'liquidation') > 0);
  return x;
}

describe('okx-swap collector against the mock', () => {
  it('live: trades from the business socket, the rest from the public one, live instrument facts', async () => {
    const x = await running();
    expect(x.server.stats.connections).toBe(2);
    expect(subscribes(x)).toBe(2);
    expect(x.server.clientFrames.some((f) => f.includes('trades-all'))).toBe(true);
    const h = x.collector.health();
    expect(h.connected).toBe(true);
    expect(h.publishesLiquidations).toBe(true);
    expect(h.notes).toEqual([]);
    // Liquidations of both markets come through (the inverse one may trail the first by a tick).
    await until(() => x.events.some((e) => e.kind === 'liquidation' && e.market === 'BTC-USD-SWAP'));
    await until(() => x.server.clientFrames.includes('ping'));
  });

  it('drop: both sockets reconnect and resubscribe; the gap is marked', async () => {
    const x = await running();
    x.server.fault({ kind: 'drop' });
    await until(() => statuses(x, false) > 0 && subscribes(x) >= 4);
    const before = count(x, 'trade');
    await until(() => count(x, 'trade') > before + 4 && statuses(x, true) > 0);
    expect(x.collector.health().gaps).toBeGreaterThanOrEqual(1);
  });

  it('close: a clean server close is a reconnect too', async () => {
    const x = await running();
    x.server.fault({ kind: 'close', code: 1001, reason: 'going away' });
    await until(() => subscribes(x) >= 4 && statuses(x, true) > 0);
    expect(x.collector.health().reconnects).toBeGreaterThanOrEqual(2);
  });

  it('stall: silence (pongs do not count) recycles the sockets', async () => {
    const x = await running();
    x.server.fault({ kind: 'stall', ms: 900 });
    await until(() => statuses(x, false) > 0);
    await until(() => statuses(x, true) > 0 && subscribes(x) >= 4, 10_000);
  });

  it('garbage: counted drops, the feed goes on', async () => {
    const x = await running();
    x.server.fault({ kind: 'garbage' });
    const before = count(x, 'trade');
    await until(() => count(x, 'trade') > before + 4);
    const drops = x.collector.health().drops;
    expect(Object.entries(drops).some(([k, n]) => k.startsWith('frame: not JSON') && n === 2)).toBe(true);
    expect(x.collector.health().reconnects).toBe(0);
  });

  it('reject: refused upgrades are retried with backoff', async () => {
    const x = await running();
    x.server.fault({ kind: 'reject', count: 3 });
    x.server.fault({ kind: 'drop' });
    await until(() => subscribes(x) >= 4 && statuses(x, true) > 0, 10_000);
    expect(x.collector.health().reconnects).toBeGreaterThanOrEqual(4);
  });

  for (const status of [429, 503]) {
    it(`HTTP ${status} at start: bundled instrument facts, logged in health notes`, async () => {
      const x = await rig(createMockProtocol(), adapter, MARKETS);
      r = x;
      x.server.fault({ kind: 'http', status, count: 1 });
      await x.collector.start();
      startFeed(x);
      await until(() => count(x, 'trade') > 2);
      expect(x.collector.health().notes.join(' ')).toMatch(new RegExp(`instrument facts unavailable.*HTTP ${status}.*bundled fallback`));
    });
  }

  it('a subscription the venue refuses is a counted drop with the OKX error code', async () => {
    const x = await running();
    x.server.broadcast('{"event":"error","code":"60018","msg":"Wrong URL or channel","connId":"1"}');
    await until(() => Object.keys(x.collector.health().drops).some((k) => k.startsWith('venue error 60018')));
  });
});
