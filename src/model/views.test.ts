import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../exchanges/rules.js';
import type { Bar } from '../bars/bar.js';
import { barsFrom, stepArb, testParams } from './bars.fixture.js';
import { checkpoint, clusters, createModel, heatmap, liqMap, restoreModel, snapshot, type HeatmapQuery, type LiqModel, type ModelParams, type RulesLookup } from './index.js';

const T0 = 1_700_000_400_000; // a multiple of 300 s
const MIN = 60_000;

/** Two venues, interleaved by time, with OI growing so there is plenty alive. */
function twoVenues(draws: Parameters<typeof barsFrom>[0]): Bar[] {
  const a = barsFrom(draws, { t0: T0 });
  const b = barsFrom(draws.map((d) => ({ ...d, ret: d.ret * 0.9, dOi: Math.abs(d.dOi) })), { venue: 'bybit-linear', t0: T0 });
  return a.flatMap((x, i) => [x, b[i]!]);
}

function run(params: ModelParams, bars: readonly Bar[]): LiqModel {
  const m = createModel(params, rulesFor);
  for (const b of bars) m.step(b);
  return m;
}

const total = (xs: readonly { usd: number }[]): number => xs.reduce((s, x) => s + x.usd, 0);

describe('heatmap', () => {
  it('each column equals a brute-force raster of the book at the column end (keyframes and retention included)', () => {
    const params = testParams({ history: [{ quantumMs: MIN, bucketMult: 2, retentionMs: 40 * MIN, keyframeEvery: 7 }] });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 60, maxLength: 90 }), fc.nat(20), (draws, back) => {
        const m = run(params, twoVenues(draws));
        const end = T0 + draws.length * MIN;
        const from = end - (30 + back) * MIN;
        const q: HeatmapQuery = { from, to: end, priceLo: 40_000, priceHi: 60_000, cols: 30 + back, rows: 40 };
        const g = heatmap(m, q);
        const h = (q.priceHi - q.priceLo) / q.rows;
        for (let c = 0; c < q.cols; c++) {
          const expected = new Float64Array(q.rows);
          for (const e of snapshot(m, { at: from + (c + 1) * MIN }).entries) {
            const r = Math.floor(((e.priceLo + e.priceHi) / 2 - q.priceLo) / h);
            if (r >= 0 && r < q.rows) expected[r]! += e.usd;
          }
          for (let r = 0; r < q.rows; r++) expect(g.cells[r]![c]!).toBeCloseTo(expected[r]!, 2);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('the last column holds the whole live book; filters partition it', () => {
    const params = testParams({ history: [{ quantumMs: MIN, bucketMult: 1, retentionMs: null, keyframeEvery: 10 }, { quantumMs: 5 * MIN, bucketMult: 10, retentionMs: null, keyframeEvery: 3 }] });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 20, maxLength: 60 }), (draws) => {
        const m = run(params, twoVenues(draws));
        const end = T0 + Math.ceil(draws.length / 5) * 5 * MIN;
        const base = { from: T0, to: end, priceLo: 1, priceHi: 1_000_000, cols: Math.ceil(draws.length / 5), rows: 10 };
        const colSum = (qq: HeatmapQuery): number => heatmapLast(m, qq);
        const all = colSum(base);
        expect(all).toBeCloseTo(m.stats().aliveUsd, 0);
        expect(colSum({ ...base, sides: ['long'] }) + colSum({ ...base, sides: ['short'] })).toBeCloseTo(all, 0);
        expect(colSum({ ...base, venues: ['binance-usdm'] }) + colSum({ ...base, venues: ['bybit-linear'] })).toBeCloseTo(all, 0);
        expect(colSum({ ...base, leverage: [5, 10] }) + colSum({ ...base, leverage: [25, 50, 100] })).toBeCloseTo(all, 0);
        // Rows ($5) thinner than the finest bucket ($10): each bucket is spread over the rows it covers.
        expect(colSum({ ...base, priceLo: 0, priceHi: 100_000, rows: 20_000, cols: 1, from: end - 5 * MIN })).toBeCloseTo(all, 0);
      }),
      { numRuns: 15 },
    );
  });

  it('levels built from finer ones (from entries, from cells) equal the same levels recorded bar by bar', () => {
    const L0 = { quantumMs: MIN, bucketMult: 1, retentionMs: 30 * MIN, keyframeEvery: 7 };
    const L1 = { quantumMs: 5 * MIN, bucketMult: 5, retentionMs: null, keyframeEvery: 4 };
    const L2 = { quantumMs: 15 * MIN, bucketMult: 10, retentionMs: null, keyframeEvery: 3 };
    const over = { entry: 'range' as const, inflow: { oi: 1, volume: 0.5, constant: 0.2 } };
    const built = testParams({ ...over, history: [L0, L1, L2] });
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 30, maxLength: 90 }), (draws) => {
        const bars = twoVenues(draws);
        const m = run(built, bars);
        expect(m.vms[0]!.levels[1]!.source).toBe(m.vms[0]!.levels[0]);
        expect(m.vms[0]!.levels[2]!.source).toBe(m.vms[0]!.levels[1]);
        for (const level of [L1, L2]) {
          const alone = run(testParams({ ...over, history: [level] }), bars);
          // The last column ends mid-quantum when draws.length is not a multiple: the open quantum is read from the source.
          const to = T0 + draws.length * MIN;
          const cols = Math.floor((to - T0) / level.quantumMs);
          const q: HeatmapQuery = { from: to - cols * level.quantumMs, to, priceLo: 30_000, priceHi: 70_000, cols, rows: 40 };
          const a = heatmap(m, q);
          const z = heatmap(alone, q);
          expect(a.resolution).toEqual(z.resolution);
          for (let r = 0; r < q.rows; r++) for (let c = 0; c < q.cols; c++) expect(a.cells[r]![c]!).toBeCloseTo(z.cells[r]![c]!, 3);
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a restore under changed margin rules (tier weights too) keeps past columns as recorded; the last column is the live book', () => {
    const params = testParams({ entry: 'range', inflow: { oi: 1, volume: 0.5, constant: 0.2 } });
    const refined: RulesLookup = (v, mk) => {
      const r = rulesFor(v, mk);
      return { ...r, maxLeverage: 20, tiers: r.tiers.map((t) => ({ ...t, mmr: t.mmr * 1.5 })) };
    };
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 20, maxLength: 60 }), fc.nat(), (draws, cut) => {
        const bars = twoVenues(draws);
        const k = 2 * (5 + (cut % (draws.length - 10)));
        const first = run(params, bars.slice(0, k));
        const resumed = restoreModel(checkpoint(first), refined);
        for (const b of bars.slice(k)) resumed.step(b);
        const t = bars[k - 1]!.ts + MIN;
        const past: HeatmapQuery = { from: T0, to: t, priceLo: 30_000, priceHi: 70_000, cols: k / 2, rows: 40 };
        const a = heatmap(first, past);
        const z = heatmap(resumed, past);
        for (let r = 0; r < past.rows; r++) for (let c = 0; c < past.cols; c++) expect(z.cells[r]![c]!).toBeCloseTo(a.cells[r]![c]!, 3);
        const end = T0 + draws.length * MIN;
        expect(heatmapLast(resumed, { from: T0, to: end, priceLo: 1, priceHi: 1_000_000, cols: draws.length, rows: 10 })).toBeCloseTo(resumed.stats().aliveUsd, 0);
      }),
      { numRuns: 10 },
    );
  });

  it('erases a band once price sweeps through it', () => {
    const params = testParams({ bucketUsd: 1 });
    const flat = { ret: 0, up: 0, down: 0, dOi: 0.02, buy: 1, sell: 1 };
    // Ten bars of OI growth at 50,000, then a wick to −1.5% (through the 100x and 50x long levels).
    const bars = barsFrom([...Array(10).fill(flat), { ...flat, dOi: 0, down: 0.015 }, ...Array(5).fill({ ...flat, dOi: 0 })], { t0: T0 });
    const m = run(params, bars);
    const g = heatmap(m, { from: T0, to: T0 + 16 * MIN, priceLo: 49_000, priceHi: 50_000, cols: 16, rows: 100 });
    const band = (c: number): number => g.cells.reduce((s, row, r) => s + (g.prices[r]! > 49_300 ? row[c]! : 0), 0);
    expect(band(9)).toBeGreaterThan(0);
    expect(band(10)).toBe(0);
    expect(band(15)).toBe(0);
    expect(g.candles[10]![3]).toBeCloseTo(50_000 * 0.985, 6);
    expect(g.price).toBe(50_000);
  });

  it('rejects a bad query', () => {
    const m = run(testParams(), barsFrom([{ ret: 0, up: 0, down: 0, dOi: 0, buy: 1, sell: 1 }]));
    expect(() => heatmap(m, { from: 10, to: 5, priceLo: 1, priceHi: 2, cols: 1, rows: 1 })).toThrow(RangeError);
    expect(() => heatmap(m, { from: 0, to: 5, priceLo: 3, priceHi: 2, cols: 1, rows: 1 })).toThrow(RangeError);
    expect(() => heatmap(m, { from: 0, to: 5, priceLo: 1, priceHi: 2, cols: 0, rows: 1 })).toThrow(RangeError);
  });
});

function heatmapLast(m: LiqModel, q: HeatmapQuery): number {
  const g = heatmap(m, q);
  return g.cells.reduce((s, row) => s + row[q.cols - 1]!, 0);
}

describe('liquidation map and clusters', () => {
  const params = testParams();
  const arb = fc.array(stepArb, { minLength: 20, maxLength: 80 });

  it('longs sit below price, shorts above; cumulative sums run outward from price', () => {
    fc.assert(
      fc.property(arb, (draws) => {
        // One venue: with several, another venue's longs may sit above the reference price.
        const m = run(params, barsFrom(draws, { t0: T0 }));
        const v = liqMap(m, { priceLo: 1_000, priceHi: 200_000, buckets: 400 });
        const price = v.price!;
        let longs = 0;
        let shorts = 0;
        for (const b of v.buckets) {
          if (b.longUsd > 0) expect(b.price).toBeLessThan(price + 500);
          if (b.shortUsd > 0) expect(b.price).toBeGreaterThan(price - 500);
          longs += b.longUsd;
          shorts += b.shortUsd;
        }
        expect(longs + shorts).toBeCloseTo(m.stats().aliveUsd, 0);
        // Cumulative sums start at the price's bucket: longs the last bar entered at its VWAP may sit above its
        // close (and shorts below), in buckets the sums do not reach.
        const h = (200_000 - 1_000) / 400;
        const fromPriceDown = v.buckets.filter((b) => b.price - h / 2 <= price).reduce((a, b) => a + b.longUsd, 0);
        const fromPriceUp = v.buckets.filter((b) => b.price + h / 2 > price).reduce((a, b) => a + b.shortUsd, 0);
        expect(v.buckets[0]!.cumLongUsd).toBeCloseTo(fromPriceDown, 0);
        expect(v.buckets.at(-1)!.cumShortUsd).toBeCloseTo(fromPriceUp, 0);
        for (let i = 1; i < v.buckets.length; i++) {
          expect(v.buckets[i]!.cumLongUsd).toBeLessThanOrEqual(v.buckets[i - 1]!.cumLongUsd + 1e-6);
          expect(v.buckets[i]!.cumShortUsd).toBeGreaterThanOrEqual(v.buckets[i - 1]!.cumShortUsd - 1e-6);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('a past instant is rebuilt from history and matches the live book at that time', () => {
    fc.assert(
      fc.property(arb, fc.nat(), (draws, cut) => {
        const bars = twoVenues(draws);
        const k = 2 * (1 + (cut % (draws.length - 1)));
        const upTo = run(params, bars.slice(0, k));
        const full = run(params, bars);
        const at = bars[k - 1]!.ts + MIN;
        expect(total(snapshot(full, { at }).entries)).toBeCloseTo(upTo.stats().aliveUsd, 0);
        expect(snapshot(full, { at }).price).toBe(upTo.vms[0]!.lastClose);
      }),
      { numRuns: 20 },
    );
  });

  it('clusters are the top bands, disjoint per side, with breakdowns that add up', () => {
    fc.assert(
      fc.property(arb, (draws) => {
        const m = run(params, twoVenues(draws));
        const v = clusters(m, { top: 5 });
        expect(v.clusters.length).toBeLessThanOrEqual(5);
        for (const c of v.clusters) {
          expect(c.priceHi).toBeGreaterThan(c.priceLo);
          expect(c.usd).toBeGreaterThan(0);
          const venues = Object.values(c.byVenue).reduce((s, x) => s + (x ?? 0), 0);
          const tiers = Object.values(c.byLeverage).reduce((s, x) => s + x, 0);
          expect(venues).toBeCloseTo(c.usd, 3);
          expect(tiers).toBeCloseTo(c.usd, 3);
          if (c.side === 'long') expect(c.priceLo).toBeLessThan(v.price!);
          for (const d of v.clusters) if (d !== c && d.side === c.side) expect(d.priceHi <= c.priceLo || d.priceLo >= c.priceHi).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });
});
