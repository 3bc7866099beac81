// All eleven venues at once: every mock fed by the simulator, the real collectors started from
// the normal configuration (startFeed), events folded into bars. Each of the 13 venue-markets
// must close bars, each venue must be healthy, and the venues that publish liquidations deliver them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BarSchema, type Bar } from '../../src/bars/bar.js';
import { BarBuilder } from '../../src/bars/builder.js';
import { MarketEventSchema, VENUE_IDS, type MarketEvent, type VenueId } from '../../src/core/events.js';
import type { DemoMarket } from '../../src/demo/driver.js';
import type { VenueHealth } from '../../src/feed/collector.js';
import { startFeed, type RunningFeed } from '../../src/feed/runtime.js';
import { ALL_MARKETS, ISSUE6_VENUES, mockConfig, startMarket, until } from './support.js';

const BARS_PER_MARKET = 2;

interface Rig {
  demo: DemoMarket;
  feed: RunningFeed;
  readonly bars: Bar[];
  readonly liqs: Map<VenueId, number>;
  readonly invalid: string[];
}

let rig: Rig | null = null;

const key = (venue: string, market: string): string => `${venue}|${market}`;

function barCounts(bars: readonly Bar[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const b of bars) n.set(key(b.venue, b.market), (n.get(key(b.venue, b.market)) ?? 0) + 1);
  return n;
}

function publishers(r: Rig): VenueId[] {
  return r.feed.collectors.filter((c) => c.adapter.publishesLiquidations).map((c) => c.venue);
}

function complete(r: Rig): boolean {
  const n = barCounts(r.bars);
  return ALL_MARKETS.every((m) => (n.get(key(m.venue, m.market)) ?? 0) >= BARS_PER_MARKET) && publishers(r).every((v) => (r.liqs.get(v) ?? 0) > 0);
}

beforeAll(async () => {
  const { demo, urls } = await startMarket();
  const builder = new BarBuilder({ barMs: 60_000, graceMs: 5000 });
  const bars: Bar[] = [];
  const liqs = new Map<VenueId, number>();
  const invalid: string[] = [];
  const onEvent = (e: MarketEvent): void => {
    if (!MarketEventSchema.safeParse(e).success) invalid.push(JSON.stringify(e));
    if (e.kind === 'liquidation') liqs.set(e.venue, (liqs.get(e.venue) ?? 0) + 1);
    bars.push(...builder.push(e));
  };
  const feed = await startFeed(mockConfig(urls), VENUE_IDS, { onEvent });
  rig = { demo, feed, bars, liqs, invalid };
  demo.run();
  const r = rig;
  await until(() => complete(r), 40_000, () => `bars ${JSON.stringify([...barCounts(r.bars)])}, liquidations ${JSON.stringify([...r.liqs])}`);
}, 60_000);

afterAll(async () => {
  rig?.feed.stop();
  await rig?.demo.stop();
  rig = null;
});

function healthOf(r: Rig, venue: VenueId): VenueHealth {
  const c = r.feed.collectors.find((x) => x.venue === venue);
  if (!c) throw new Error(`no collector for ${venue}`);
  return c.health();
}

function checkVenues(r: Rig, venues: readonly VenueId[]): void {
  const n = barCounts(r.bars);
  for (const m of ALL_MARKETS.filter((x) => venues.includes(x.venue))) {
    expect(n.get(key(m.venue, m.market)) ?? 0, `${m.venue} ${m.market} closed bars`).toBeGreaterThanOrEqual(BARS_PER_MARKET);
    const own = r.bars.filter((b) => b.venue === m.venue && b.market === m.market);
    expect(own.some((b) => b.trades > 0), `${m.venue} ${m.market} traded`).toBe(true);
    for (const b of own) expect(BarSchema.safeParse(b).success).toBe(true);
  }
  for (const v of venues) {
    const h = healthOf(r, v);
    expect(h.connected, `${v} connected`).toBe(true);
    expect(h.frames, `${v} frames`).toBeGreaterThan(0);
    expect(h.lastMessageAgeMs, `${v} has data`).not.toBeNull();
    expect(h.gaps, `${v} gaps`).toBe(0);
    expect(Object.keys(h.drops).filter((d) => d.includes('parser error')), `${v} parser errors`).toEqual([]);
    if (h.publishesLiquidations) expect(r.liqs.get(v) ?? 0, `${v} liquidations`).toBeGreaterThan(0);
    else {
      expect(h.notes).toContain('venue publishes no public liquidation stream');
      // Hyperliquid's only liquidations are backstop fills recognised in its trades.
      if (v !== 'hyperliquid') expect(r.liqs.get(v) ?? 0, `${v} liquidations`).toBe(0);
    }
  }
}

describe('all venues against their mocks at once', () => {
  it('13 venue-markets close bars; every venue healthy; publishers deliver liquidations', () => {
    const r = rig as Rig;
    expect(r.feed.collectors.map((c) => c.venue).sort()).toEqual([...VENUE_IDS].sort());
    expect(new Set(ALL_MARKETS.map((m) => key(m.venue, m.market))).size).toBe(13);
    expect(r.invalid).toEqual([]);
    checkVenues(r, VENUE_IDS);
  });

  it("issue 6's six venue-markets (binance-coinm, bybit ×2, okx-swap ×2, bitget)", () => {
    const r = rig as Rig;
    expect(ALL_MARKETS.filter((m) => ISSUE6_VENUES.includes(m.venue))).toHaveLength(6);
    checkVenues(r, ISSUE6_VENUES);
  });
});
