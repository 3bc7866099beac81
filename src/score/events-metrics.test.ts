import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { LiquidationEvent } from '../core/events.js';
import { capture, matchSweeps, midrankPercentile, precisionTopDecileEvents, type Window } from './events-metrics.js';
import type { HeatColumn } from './heat-column.js';
import { mulberry32 } from './stats/rng.js';

const ROWS = 200;
const ROW_USD = 100;
const FROM = 40_000; // rows cover 40,000..60,000; price 50,000 in the middle

function liq(ts: number, price: number, side: 'long' | 'short', notionalUsd = 1000): LiquidationEvent {
  return { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts, recvTs: ts, price, qty: notionalUsd / price, notionalUsd, side };
}

function column(density: (row: number) => number): HeatColumn {
  const d = Array.from({ length: ROWS }, (_, r) => density(r));
  return { t: 0, priceFrom: FROM, rowUsd: ROW_USD, long: d, short: d, refPrice: 50_000 };
}

/** Realised liquidations at random rows; a "perfect" map is hot exactly there. */
function scenario(seed: number, count: number): { events: LiquidationEvent[]; rows: Set<number> } {
  const rnd = mulberry32(seed);
  const events: LiquidationEvent[] = [];
  const rows = new Set<number>();
  for (let i = 0; i < count; i++) {
    const row = 60 + Math.floor(rnd() * 80);
    rows.add(row);
    events.push(liq(1000 + i, FROM + (row + 0.5) * ROW_USD, rnd() < 0.5 ? 'long' : 'short', 500 + rnd() * 5000));
  }
  return { events, rows };
}

describe('midrank percentile', () => {
  it('is 1 on the strict maximum, 0 on the strict minimum, 0.5 when all are equal', () => {
    expect(midrankPercentile([1, 5, 2], 1, 0, 2)).toBe(1);
    expect(midrankPercentile([1, 5, 2], 0, 0, 2)).toBe(0);
    expect(midrankPercentile([3, 3, 3], 2, 0, 2)).toBe(0.5);
  });
});

describe('capture', () => {
  const { events, rows } = scenario(1, 40);
  const wins = (col: HeatColumn): Window[] => [{ column: col, events }];
  it('is 1.0 for a map hot exactly where liquidations happen (one row each)', () => {
    // One liquidation per hot row: the perfect map marks each hit row strictly hotter than the rest.
    const single = scenario(2, 1).events;
    const row = Math.floor(((single[0] as LiquidationEvent).price - FROM) / ROW_USD);
    expect(capture([{ column: column((r) => (r === row ? 10 : 1)), events: single }]).value).toBe(1);
  });
  it('ranks a perfect map near 1, a uniform map at exactly 0.5, a random one near 0.5, a reversed one below', () => {
    const perfect = capture(wins(column((r) => (rows.has(r) ? 10 : 1)))).value ?? 0;
    expect(perfect).toBeGreaterThan(0.85);
    expect(capture(wins(column(() => 3))).value).toBe(0.5);
    const rnd = mulberry32(9);
    const random = column(() => rnd());
    const many = scenario(3, 3000).events;
    expect(Math.abs((capture([{ column: random, events: many }]).value ?? 0) - 0.5)).toBeLessThan(0.05);
    expect(capture(wins(column((r) => (rows.has(r) ? 0 : 1)))).value ?? 1).toBeLessThan(0.2);
  });
  it('weights by notional and reads the liquidated side', () => {
    const col: HeatColumn = { ...column(() => 0), long: Array.from({ length: ROWS }, (_, r) => (r === 100 ? 5 : 0)) };
    const price = FROM + 100.5 * ROW_USD;
    const r = capture([{ column: col, events: [liq(1, price, 'long', 3000), liq(2, price, 'short', 1000)] }]);
    expect(r.value).toBeCloseTo((3000 * 1 + 1000 * 0.5) / 4000, 12);
    expect(r.n).toBe(2);
  });
  it('stays in [0, 1] (property)', () =>
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: ROWS, maxLength: ROWS }), fc.array(fc.integer({ min: 0, max: ROWS - 1 }), { minLength: 1, maxLength: 20 }), (d, rs) => {
        const ev = rs.map((r, i) => liq(i, FROM + (r + 0.5) * ROW_USD, 'long'));
        const v = capture([{ column: column((r) => d[r] as number), events: ev }]).value;
        return v === null || (v >= 0 && v <= 1);
      }),
    ));
});

describe('precision at the top decile (events)', () => {
  const { events, rows } = scenario(4, 60);
  it('is 100% for a map whose top decile is exactly the touched rows; chance for a uniform one', () => {
    // Candidate rows: ±10% of 50,000 → 45,000..55,000 = 100 rows; top decile = 10 rows.
    const hot = [...rows].slice(0, 10);
    const perfect = precisionTopDecileEvents([{ column: column((r) => (hot.includes(r) ? 9 : 1)), events }]);
    expect(perfect.value).toBe(1);
    expect(perfect.n).toBe(10);
    const uniform = precisionTopDecileEvents([{ column: column(() => 1), events }]);
    expect(uniform.value).toBeCloseTo(uniform.chance ?? -1, 12);
    const reversed = precisionTopDecileEvents([{ column: column((r) => (rows.has(r) ? 0 : 1 + (r % 7))), events }]);
    expect(reversed.value).toBe(0);
  });
  it('leaves out windows with fewer than 10 liquidations', () => {
    expect(precisionTopDecileEvents([{ column: column(() => 1), events: events.slice(0, 9) }]).windows).toBe(0);
  });
});

describe('sweep matching', () => {
  it('matches same side within ±0.25% and ±2 min only', () => {
    const real = [liq(1_000_000, 50_000, 'long'), liq(1_000_000, 50_000, 'short'), liq(5_000_000, 60_000, 'long')];
    const pred = [
      { ts: 1_000_000 + 119_000, price: 50_120, side: 'long' as const, notionalUsd: 1 },
      { ts: 1_000_000, price: 50_200, side: 'short' as const, notionalUsd: 1 }, // 0.4% away
      { ts: 5_000_000 + 121_000, price: 60_000, side: 'long' as const, notionalUsd: 1 }, // too late
    ];
    expect(matchSweeps(pred, real)).toEqual({ matchedPredicted: 1, predicted: 3, matchedRealised: 1, realised: 3 });
    expect(matchSweeps(real.map((r) => ({ ...r })), real)).toEqual({ matchedPredicted: 3, predicted: 3, matchedRealised: 3, realised: 3 });
  });
});
