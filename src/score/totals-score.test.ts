import { describe, expect, it } from 'vitest';
import { alignTotals } from './align.js';
import { parseLiquidations } from './liquidations/load.js';
import type { LiquidationTotals } from './liquidations/totals-load.js';
import { predictionsCsv, scoreTotals, type BarSeries } from './totals-score.js';
import { makeBars } from './fixtures/make-bars.js';
import { InputError } from './input-error.js';
import { resampleBars } from './resample-bars.js';
import { mulberry32 } from './stats/rng.js';

const M5 = 300_000;
const M30 = 1_800_000;
const H = 3_600_000;

function totalsCsv(rows: readonly (readonly [number, number, number])[]): LiquidationTotals {
  const r = parseLiquidations('t.csv', `ts,longUsd,shortUsd\n${rows.map((x) => x.join(',')).join('\n')}\n`);
  if (r.kind !== 'totals') throw new Error('totals expected');
  return r;
}

describe('aligning totals with price bars', () => {
  const bars5 = makeBars(36, M5); // 3 hours of 5-minute bars
  const t0 = (bars5[0] as { ts: number }).ts;
  it('sums finer price bars into coarser totals bars, dropping partly covered ones', () => {
    const totals = totalsCsv([0, 1, 2, 3, 4, 5, 6].map((k) => [t0 - M30 + k * M30, k, 2 * k] as const));
    const a = alignTotals(bars5, totals);
    expect(a.cellMs).toBe(M30);
    expect(a.cells.map((c) => [c.first, c.end])).toEqual([0, 1, 2, 3, 4, 5].map((k) => [6 * k, 6 * k + 6]));
    const partial = alignTotals(bars5.filter((_, i) => i !== 8), totals);
    expect(partial.cells).toHaveLength(5);
    expect(partial.uncovered).toBe(1);
  });
  it('sums finer totals into coarser price bars', () => {
    const bars1h = makeBars(4, H);
    const s = (bars1h[0] as { ts: number }).ts;
    const totals = totalsCsv([0, 1, 2, 3, 4, 5, 6, 7].map((k) => [s + k * M30, 1 + k, 10] as const));
    const a = alignTotals(bars1h, totals);
    expect(a.cells.map((c) => c.realisedLong)).toEqual([3, 7, 11, 15]);
  });
  it('refuses totals off the price-bar grid, naming the file, line and column', () => {
    const off = totalsCsv([0, 1, 2].map((k) => [t0 + 60_000 + k * M30, 1, 1] as const));
    expect(() => alignTotals(bars5, off)).toThrow(InputError);
    expect(() => alignTotals(bars5, off)).toThrow(/t\.csv, line 2, column "ts": bar .* does not align/);
    const odd = totalsCsv([0, 1, 2].map((k) => [t0 + k * 7 * 60_000, 1, 1] as const));
    expect(() => alignTotals(bars5, odd)).toThrow(/7-minute totals do not align with 5-minute price bars/);
  });
});

describe('scoring per-bar totals', () => {
  const bars = makeBars(400, H);
  const rnd = mulberry32(5);
  const realLong = bars.map(() => rnd() * 1e6);
  const realShort = bars.map(() => rnd() * 1e6);
  const totals = totalsCsv(bars.map((b, i) => [b.ts, realLong[i] as number, realShort[i] as number] as const));
  const series = (long: number[], short: number[]): BarSeries => ({ long, short });
  const run = (model: BarSeries, from?: number) =>
    scoreTotals({ bars, barGaps: [], totals, model, constantInflow: series(realLong.map(() => 0), realShort.map(() => 0)), from, boot: { replicates: 200, seed: 1 } });

  it('gives a perfect predictor ρ = 1 and 100% top-decile hits, a reversed one ρ = −1 and 0%', () => {
    const perfect = run(series(realLong.map((x) => x * 3), realShort)).result.metrics;
    expect(perfect.spearmanLong?.model).toBeCloseTo(1, 12);
    expect(perfect.precisionTopDecileLong?.model).toBe(1);
    expect(perfect.precisionTopDecileLong?.n).toBe(40);
    const reversed = run(series(realLong.map((x) => -x), realShort.map((x) => -x))).result.metrics;
    expect(reversed.spearmanShort?.model).toBeCloseTo(-1, 12);
    expect(reversed.precisionTopDecileLong?.model).toBe(0);
  });
  it('puts a random predictor near chance and the uniform baseline at exactly chance', () => {
    const r = run(series(realLong.map(() => rnd()), realShort.map(() => rnd()))).result.metrics;
    expect(Math.abs(r.spearmanLong?.model ?? 1)).toBeLessThan(0.15);
    expect(r.precisionTopDecileLong?.baselines.uniform).toBeCloseTo(0.1, 12);
    expect(r.spearmanLong?.baselines.uniform).toBeNull();
    const ci = r.precisionTopDecileLong?.ci;
    expect(ci && ci.lo < 0.1 && ci.hi > 0.1).toBe(true);
  });
  it('reports the bootstrap difference to each baseline and resolves a real edge', () => {
    const m = run(series(realLong, realShort)).result.metrics.spearmanLong;
    const d = m?.vs.move;
    expect(d?.diff).toBeGreaterThan(0.5);
    expect(d?.ci?.lo).toBeGreaterThan(0);
    expect(Object.keys(m?.baselines ?? {})).toEqual(['uniform', 'move', 'moveOi', 'constantInflow']);
  });
  it('scores only bars from --from on and writes the per-bar CSV', () => {
    const from = (bars[300] as { ts: number }).ts;
    const { result, predictions } = run(series(realLong, realShort), from);
    expect(result.n).toBe(100);
    expect(predictions[0]?.ts).toBe(from);
    expect(predictionsCsv(predictions.slice(0, 1))).toBe(
      `ts,predictedLongUsd,predictedShortUsd,realisedLongUsd,realisedShortUsd\n${from},${realLong[300]},${realShort[300]},${realLong[300]},${realShort[300]}\n`,
    );
  });
});

describe('resampling bars to a coarser step', () => {
  it('merges complete groups only', () => {
    const bars = makeBars(13, M5, 1_764_828_000_000);
    const r = resampleBars(bars, M30);
    expect(r).toHaveLength(2);
    expect(r[0]?.high).toBe(Math.max(...bars.slice(0, 6).map((b) => b.high)));
    expect(r[1]?.close).toBe(bars[11]?.close);
  });
});
