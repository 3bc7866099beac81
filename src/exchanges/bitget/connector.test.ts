// The real VenueCollector against the Bitget mock, one test per fault: reconnect, resubscribe,
// gaps as status events, bad frames as counted drops, health says "no public liquidations".
import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { rig, until, type Rig } from '../okx-swap/test-support.js';
import { adapter } from './index.js';
import { createMockProtocol } from './mock.js';

const MARKETS = ['BTCUSDT'];
/** Keep-alive in tests: 4/s stays under Bitget's 10 messages/s. */
const KEEPALIVE_MS = 250;
let r: Rig | null = null;
let feed: NodeJS.Timeout | null = null;

afterEach(async () => {
  if (feed) clearInterval(feed);
  feed = null;
  await r?.close();
  r = null;
});

function startFeed(x: Rig): void {
  let n = 0;
  feed = setInterval(() => {
    const ts = Date.now();
    const base = { venue: 'bitget', market: 'BTCUSDT', ts, recvTs: ts } as const;
    const events: MarketEvent[] = [
      { ...base, kind: 'trade', price: 50000 + (n % 7), qty: 0.001 * (1 + (n % 3)), takerSide: n % 2 ? 'buy' : 'sell', id: String(n) },
      { ...base, kind: 'mark', markPrice: 50000.5, indexPrice: 50001, fundingRate: 0.0001, nextFundingTs: ts + 3_600_000 },
      { ...base, kind: 'openInterest', oiBtc: 1000 + n, oiUsd: (1000 + n) * 50000.5 },
    ];
    for (const e of events) x.server.publish(e);
    n++;
  }, 15);
}

const subscribes = (x: Rig): number => x.server.clientFrames.filter((f) => f.includes('"op":"subscribe"')).length;
const count = (x: Rig, kind: MarketEvent['kind']): number => x.events.filter((e) => e.kind === kind).length;
const statuses = (x: Rig, connected: boolean): number => x.events.filter((e) => e.kind === 'status' && e.connected === connected).length;

async function running(): Promise<Rig> {
  const x = await rig(createMockProtocol(), adapter, MARKETS, KEEPALIVE_MS);
  r = x;
  await x.collector.start();
  startFeed(x);
  await until(() => count(x, 'trade') > 4 && count(x, 'mark') > 4 && count(x, 'openInterest') > 4);
  return x;
}

describe('bitget collector against the mock', () => {
  it('live: trades, mark and open interest; health says there are no public liquidations', async () => {
    const x = await running();
    expect(subscribes(x)).toBe(1);
    const h = x.collector.health();
    expect(h.connected).toBe(true);
    expect(h.publishesLiquidations).toBe(false);
    expect(h.notes).toEqual(['venue publishes no public liquidation stream']);
    expect(count(x, 'liquidation')).toBe(0);
    await until(() => x.server.clientFrames.includes('ping'));
  });

  it('drop: reconnects and resubscribes; the gap is marked', async () => {
    const x = await running();
    x.server.fault({ kind: 'drop' });
    await until(() => statuses(x, false) > 0 && subscribes(x) >= 2);
    const before = count(x, 'trade');
    await until(() => count(x, 'trade') > before + 4 && statuses(x, true) > 0);
    expect(x.collector.health().gaps).toBeGreaterThanOrEqual(1);
  });

  it('close (the 24 h cut): reconnects', async () => {
    const x = await running();
    x.server.fault({ kind: 'close', code: 1000, reason: '24h' });
    await until(() => subscribes(x) >= 2 && statuses(x, true) > 0);
  });

  it('stall: silence (pongs do not count) recycles the socket', async () => {
    const x = await running();
    x.server.fault({ kind: 'stall', ms: 900 });
    await until(() => statuses(x, false) > 0);
    await until(() => statuses(x, true) > 0 && subscribes(x) >= 2, 10_000);
  });

  it('garbage: a counted drop, the feed goes on', async () => {
    const x = await running();
    x.server.fault({ kind: 'garbage' });
    const before = count(x, 'trade');
    await until(() => count(x, 'trade') > before + 4);
    expect(Object.entries(x.collector.health().drops).some(([k, n]) => k.startsWith('frame: not JSON') && n === 1)).toBe(true);
    expect(x.collector.health().reconnects).toBe(0);
  });

  it('reject: refused upgrades are retried with backoff', async () => {
    const x = await running();
    x.server.fault({ kind: 'reject', count: 3 });
    x.server.fault({ kind: 'drop' });
    await until(() => subscribes(x) >= 2 && statuses(x, true) > 0, 10_000);
    expect(x.collector.health().reconnects).toBeGreaterThanOrEqual(4);
  });

  for (const status of [429, 500]) {
    it(`HTTP ${status} at start: bundled instrument facts, logged in health notes`, async () => {
      const x = await rig(createMockProtocol(), adapter, MARKETS, KEEPALIVE_MS);
      r = x;
      x.server.fault({ kind: 'http', status, count: 1 });
      await x.collector.start();
      startFeed(x);
      await until(() => count(x, 'trade') > 2);
      expect(x.collector.health().notes.join(' ')).toMatch(new RegExp(`instrument facts unavailable.*HTTP ${status}.*bundled fallback`));
    });
  }
});
