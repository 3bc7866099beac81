import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MarketEvent, TradeEvent } from '../core/events.js';
import { BarSchema } from './bar.js';
import { BarBuilder } from './builder.js';

const T0 = 1_700_000_040_000 - (1_700_000_040_000 % 60_000);
const base = { venue: 'binance-usdm' as const, market: 'BTCUSDT' };

function trade(ts: number, price: number, qty: number, takerSide: 'buy' | 'sell', id?: string): TradeEvent {
  return { kind: 'trade', ...base, ts, recvTs: ts + 5, price, qty, takerSide, ...(id ? { id } : {}) };
}

function run(events: readonly MarketEvent[]) {
  const b = new BarBuilder({ barMs: 60_000, graceMs: 2000 });
  const bars = events.flatMap((e) => b.push(e));
  bars.push(...b.flush());
  return { bars, stats: b.stats };
}

const tradeArb = fc.record({
  dt: fc.integer({ min: 0, max: 10 * 60_000 }),
  price: fc.double({ min: 10_000, max: 200_000, noNaN: true }),
  qty: fc.double({ min: 0.001, max: 50, noNaN: true }),
  buy: fc.boolean(),
});

describe('BarBuilder', () => {
  it('builds OHLC, VWAP, taker volumes, OI at close, mark range and liquidations', () => {
    const { bars } = run([
      trade(T0 + 1000, 100, 1, 'buy'),
      { kind: 'mark', ...base, ts: T0 + 1500, recvTs: T0 + 1500, markPrice: 99, fundingRate: 0.0001 },
      trade(T0 + 2000, 110, 1, 'sell'),
      { kind: 'openInterest', ...base, ts: T0 + 3000, recvTs: T0 + 3000, oiBtc: 10, oiUsd: 1000 },
      { kind: 'liquidation', ...base, ts: T0 + 4000, recvTs: T0 + 4000, price: 95, qty: 2, notionalUsd: 190, side: 'long' },
      trade(T0 + 5000, 90, 2, 'sell'),
      { kind: 'mark', ...base, ts: T0 + 6000, recvTs: T0 + 6000, markPrice: 101 },
      trade(T0 + 61_000, 95, 1, 'buy'),
    ]);
    expect(bars).toHaveLength(2);
    const [a, b] = bars;
    expect(a).toMatchObject({ ts: T0, open: 100, high: 110, low: 90, close: 90, buyVolume: 1, sellVolume: 3, trades: 3 });
    expect(a?.vwap).toBeCloseTo((100 + 110 + 180) / 4);
    expect(a).toMatchObject({ oiBtc: 10, oiUsd: 1000, markHigh: 101, markLow: 99, markClose: 101, fundingRate: 0.0001 });
    expect(a).toMatchObject({ liqLongBtc: 2, liqLongUsd: 190, liqLongCount: 1, liqShortCount: 0, gap: false });
    expect(b).toMatchObject({ ts: T0 + 60_000, open: 95, oiBtc: 10, markHigh: null });
    for (const bar of bars) expect(BarSchema.safeParse(bar).success).toBe(true);
  });

  it('fills quiet minutes with the previous close and flags disconnects as gaps', () => {
    const { bars } = run([
      trade(T0 + 1000, 100, 1, 'buy'),
      { kind: 'status', ...base, ts: T0 + 70_000, recvTs: T0 + 70_000, connected: false, reason: 'closed 1006' },
      { kind: 'status', ...base, ts: T0 + 130_000, recvTs: T0 + 130_000, connected: true, reason: 'data flowing again' },
      trade(T0 + 185_000, 105, 1, 'buy'),
    ]);
    expect(bars.map((b) => [b.ts - T0, b.close, b.trades, b.gap])).toEqual([
      [0, 100, 1, false],
      [60_000, 100, 0, true],
      [120_000, 100, 0, true],
      [180_000, 105, 1, false],
    ]);
  });

  it('folds events within the grace window and counts later ones and duplicates', () => {
    const { bars, stats } = run([
      trade(T0 + 59_000, 100, 1, 'buy', 'a'),
      trade(T0 + 60_500, 101, 1, 'buy', 'b'),
      trade(T0 + 58_000, 99, 1, 'sell', 'c'), // late but within grace: folded, becomes the open
      trade(T0 + 60_600, 101, 1, 'buy', 'b'), // duplicate id
      trade(T0 + 63_000, 102, 1, 'buy', 'd'), // closes bar 0
      trade(T0 + 30_000, 98, 1, 'sell', 'e'), // too late: counted
    ]);
    expect(bars[0]).toMatchObject({ open: 99, close: 100, trades: 2 });
    expect(stats).toEqual({ late: 1, duplicates: 1, beforeStart: 0 });
  });

  it('conserves volume, keeps low ≤ open,close ≤ high, and replays identically', () => {
    fc.assert(
      fc.property(fc.array(tradeArb, { minLength: 1, maxLength: 200 }), (raw) => {
        const events = raw
          .map((r, i) => trade(T0 + r.dt, r.price, r.qty, r.buy ? 'buy' : 'sell', String(i)))
          .sort((x, y) => x.ts - y.ts);
        const { bars, stats } = run(events);
        expect(stats.late).toBe(0);
        const vol = bars.reduce((s, b) => s + b.buyVolume + b.sellVolume, 0);
        const want = events.reduce((s, e) => s + e.qty, 0);
        expect(vol).toBeCloseTo(want, 6);
        for (const b of bars) {
          expect(b.low).toBeLessThanOrEqual(Math.min(b.open, b.close));
          expect(b.high).toBeGreaterThanOrEqual(Math.max(b.open, b.close));
          if (b.trades > 0) {
            expect(b.vwap).toBeGreaterThanOrEqual(b.low * (1 - 1e-12));
            expect(b.vwap).toBeLessThanOrEqual(b.high * (1 + 1e-12));
          }
        }
        for (let i = 1; i < bars.length; i++) expect((bars[i]?.ts ?? 0) - (bars[i - 1]?.ts ?? 0)).toBe(60_000);
        expect(JSON.stringify(run(events).bars)).toBe(JSON.stringify(bars));
      }),
      { numRuns: 150 },
    );
  });

  it('keeps markets apart and closes on the wall clock via advance()', () => {
    const b = new BarBuilder({ barMs: 60_000, graceMs: 1000 });
    expect(b.push(trade(T0 + 1000, 100, 1, 'buy'))).toEqual([]);
    expect(b.push({ ...trade(T0 + 2000, 200, 1, 'sell'), venue: 'bybit-linear' })).toEqual([]);
    const closed = b.advance(T0 + 61_000);
    expect(closed.map((x) => [x.venue, x.close])).toEqual([
      ['binance-usdm', 100],
      ['bybit-linear', 200],
    ]);
  });
});

describe('BarBuilder.seed', () => {
  it('continues a market after a restart: quiet minutes carry the stored close and OI', () => {
    const first = run([trade(T0 + 1000, 100, 1, 'buy'), { kind: 'openInterest', ...base, ts: T0 + 2000, recvTs: T0 + 2000, oiBtc: 7, oiUsd: 700 }]).bars;
    const b = new BarBuilder({ barMs: 60_000, graceMs: 2000 });
    b.seed(first[0] as NonNullable<(typeof first)[0]>);
    const bars = [...b.push(trade(T0 + 125_000, 110, 1, 'buy')), ...b.flush()];
    expect(bars.map((x) => [x.ts - T0, x.close, x.trades, x.oiBtc])).toEqual([
      [60_000, 100, 0, 7],
      [120_000, 110, 1, 7],
    ]);
  });
});

describe('BarBuilder after a restart', () => {
  it('flags the minutes between the last stored bar and the first live event as gaps', () => {
    const first = run([trade(T0 + 1000, 100, 1, 'buy')]).bars;
    const b = new BarBuilder({ barMs: 60_000, graceMs: 2000 });
    b.seed(first[0] as NonNullable<(typeof first)[0]>);
    // The process was down for minutes 1–2; the first live trade comes in minute 3.
    const bars = [...b.push(trade(T0 + 185_000, 110, 1, 'buy')), ...b.flush()];
    expect(bars.map((x) => [x.ts - T0, x.trades, x.gap])).toEqual([
      [60_000, 0, true],
      [120_000, 0, true],
      [180_000, 1, false],
    ]);
  });
});
