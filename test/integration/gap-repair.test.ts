// Gap repair after a reconnect, for three venues with REST history: the link is cut and the mock
// stalls for 2.5 simulated minutes. The bars of the outage, flagged live, must be replaced in the
// store by bars rebuilt from the venue's klines; a minute the venue has no kline for stays flagged.
import { afterEach, describe, expect, it } from 'vitest';
import type { Bar } from '../../src/bars/bar.js';
import type { MarketEvent, VenueId } from '../../src/core/events.js';
import { SIM_MARKETS } from '../../src/sim/markets.js';
import { startGapRig, type GapRig } from './gap-rig.js';
import { MIN, until } from './support.js';

const VENUES: readonly VenueId[] = ['binance-usdm', 'bybit-linear', 'okx-swap'];
const MARKETS = SIM_MARKETS.filter((m) => VENUES.includes(m.venue));
const STALL_MS = 2.5 * MIN;
/** Kline prices are rounded to the venue's tick (0.1 at most here). */
const PRICE_TOL = 0.1;

let rig: GapRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const key = (venue: string, market: string): string => `${venue}|${market}`;
const floorMin = (ts: number): number => Math.floor(ts / MIN) * MIN;

/** Repairs the GapRepairer has scheduled: reconnects that follow a disconnect, per venue-market. */
function reconnects(statuses: readonly Extract<MarketEvent, { kind: 'status' }>[]): number {
  const down = new Set<string>();
  let n = 0;
  for (const s of statuses) {
    const k = key(s.venue, s.market);
    if (!s.connected) down.add(k);
    else if (down.delete(k)) n++;
  }
  return n;
}

/** The kline the mock serves for a minute: OHLC and volume of the trades it was fed. */
function kline(r: GapRig, venue: VenueId, market: string, ts: number): { open: number; high: number; low: number; close: number; volume: number } | null {
  const t = r.trades.filter((e) => e.venue === venue && e.market === market && e.ts >= ts && e.ts < ts + MIN);
  const first = t[0];
  const last = t[t.length - 1];
  if (!first || !last) return null;
  const prices = t.map((e) => e.price);
  return { open: first.price, high: Math.max(...prices), low: Math.min(...prices), close: last.price, volume: t.reduce((s, e) => s + e.qty, 0) };
}

function expectPrices(b: Bar, k: { open: number; high: number; low: number; close: number }, what: string): void {
  for (const f of ['open', 'high', 'low', 'close'] as const) expect(Math.abs(b[f] - k[f]), `${what} ${f} ${b[f]} vs kline ${k[f]}`).toBeLessThanOrEqual(PRICE_TOL);
}

describe('gap repair from REST history after a reconnect', () => {
  it('binance-usdm, bybit-linear and okx-swap (2 markets): outage minutes rebuilt from klines; a minute without one stays flagged', async () => {
    const r = await startGapRig(VENUES);
    rig = r;
    const closedFor = (m: { venue: string; market: string }): Bar[] => r.closed.filter((b) => key(b.venue, b.market) === key(m.venue, m.market));
    // One closed bar per market first, then cut the link 35-45 s into a minute, so that the
    // 2.5-minute stall misses two whole minutes after the partial first one.
    await until(() => MARKETS.every((m) => closedFor(m).length >= 1) && r.now() % MIN >= 35_000 && r.now() % MIN < 45_000, 30_000, () => 'no bars before the outage');
    const downAt = r.now();
    const m0 = floorMin(downAt);
    const backAt = downAt + STALL_MS;
    // The venue had no trade in the first whole minute of the outage: no kline exists for it.
    const quiet = m0 + MIN;
    r.withhold(quiet, quiet + MIN);
    const seen = r.statuses.length;
    for (const s of r.servers.values()) {
      s.fault({ kind: 'stall', ms: STALL_MS });
      s.fault({ kind: 'drop' });
    }
    // Reconnects during the stall only bring subscription snapshots; trades flow again after it.
    const lastStatus = (m: { venue: string; market: string }): boolean | undefined => r.statuses.filter((x) => key(x.venue, x.market) === key(m.venue, m.market)).at(-1)?.connected;
    await until(() => r.now() > backAt + 20_000 && MARKETS.every((m) => lastStatus(m) === true), 30_000, () => 'no reconnect');
    await until(() => r.repairer.stats.repairs + r.repairer.stats.failures >= reconnects(r.statuses), 30_000, () => `repairs ${JSON.stringify(r.repairer.stats)}`);
    await r.repairer.idle();
    await r.pipeline.flush();
    expect(r.repairer.stats.failures).toBe(0);
    // Status events run on the collectors' clock (REST polls included) and none ended the outage early.
    const outage = r.statuses.slice(seen);
    for (const x of outage) expect(x.ts).toBeGreaterThanOrEqual(downAt);
    // Binance's mock sends no snapshot on subscribe and its REST polls go on: the stream is back only after the stall.
    expect(outage.find((x) => x.connected && x.venue === 'binance-usdm')?.ts).toBeGreaterThanOrEqual(backAt);

    for (const m of MARKETS) {
      const minutes: number[] = [];
      for (let ts = m0; ts <= floorMin(backAt); ts += MIN) minutes.push(ts);
      const live = new Map(closedFor(m).map((b) => [b.ts, b]));
      const stored = new Map((await r.store.readBars({ fromMs: m0, toMs: floorMin(backAt) + MIN, venues: [m.venue], markets: [m.market] })).map((b) => [b.ts, b]));
      for (const ts of minutes) {
        const what = `${m.venue} ${m.market} minute ${(ts - m0) / MIN}`;
        expect(live.get(ts)?.gap, `${what} flagged live`).toBe(true);
        const b = stored.get(ts);
        if (!b) throw new Error(`${what}: not stored`);
        const k = kline(r, m.venue, m.market, ts);
        if (k) {
          expect(b.gap, `${what} repaired`).toBe(false);
          expectPrices(b, k, what);
          // Venues print sizes rounded (Binance to 0.001 BTC per trade).
          expect(Math.abs(b.buyVolume + b.sellVolume - k.volume), `${what} volume`).toBeLessThanOrEqual(k.volume * 1e-3);
        } else if (m.venue === 'bybit-linear') {
          // Bybit answers a quiet minute with a flat row at the last close: repaired as such.
          const prev = stored.get(ts - MIN) as Bar;
          expect(ts, what).toBe(quiet);
          expect(b.gap, `${what} repaired flat`).toBe(false);
          expectPrices(b, { open: prev.close, high: prev.close, low: prev.close, close: prev.close }, what);
          expect(b.buyVolume + b.sellVolume).toBe(0);
        } else {
          expect(ts, what).toBe(quiet);
          expect(b.gap, `${what} stays flagged`).toBe(true);
        }
      }
    }
  }, 60_000);
});
