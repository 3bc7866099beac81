// The totals protocol end to end: align realised totals with the price bars, keep the cells in
// [from, to), sum the model's per-bar sweeps over each cell, and score against the baselines.
import type { Bar } from '../bars/bar.js';
import { alignTotals, sumOverCells, type Cell } from './align.js';
import { moveBaseline, moveOiBaseline, uniformBaseline, type SidePrediction } from './baselines.js';
import type { MetricResult } from './metric-result.js';
import type { LiquidationTotals } from './liquidations/totals-load.js';
import { iso, type Gap } from './liquidations/time-grid.js';
import { totalsMetrics, type BootstrapSettings } from './totals-metrics.js';

/** Per price bar predicted liquidated USD, index-aligned with the bars. */
export interface BarSeries {
  readonly long: ArrayLike<number>;
  readonly short: ArrayLike<number>;
}

export interface PredictionRow {
  readonly ts: number;
  readonly predictedLongUsd: number;
  readonly predictedShortUsd: number;
  readonly realisedLongUsd: number;
  readonly realisedShortUsd: number;
}

export interface Period {
  readonly from: string | null;
  readonly to: string | null;
  readonly barMs: number;
  readonly comparisonBarMs: number;
  readonly priceBars: number;
  readonly priceBarGaps: readonly Gap[];
  readonly liquidationGaps: readonly Gap[];
  readonly uncoveredBars: number;
}

export interface ScoreResult {
  readonly protocol: 'totals' | 'events' | 'truth';
  readonly period: Period;
  readonly n: number;
  readonly metrics: Readonly<Record<string, MetricResult>>;
}

export interface TotalsScoreInput {
  readonly bars: readonly Bar[];
  readonly barGaps: readonly Gap[];
  readonly totals: LiquidationTotals;
  readonly model: BarSeries;
  /** The model with inflow `constant` (price path alone). */
  readonly constantInflow: BarSeries;
  readonly from?: number;
  readonly to?: number;
  readonly boot: BootstrapSettings;
}

export function inRange(cells: readonly Cell[], from?: number, to?: number): Cell[] {
  return cells.filter((c) => (from === undefined || c.ts >= from) && (to === undefined || c.ts + c.durationMs <= to));
}

function overCells(cells: readonly Cell[], s: BarSeries): SidePrediction {
  return { long: sumOverCells(cells, s.long), short: sumOverCells(cells, s.short) };
}

export function scoreTotals(input: TotalsScoreInput): { result: ScoreResult; predictions: PredictionRow[] } {
  const alignment = alignTotals(input.bars, input.totals);
  const cells = inRange(alignment.cells, input.from, input.to);
  const realised: SidePrediction = { long: cells.map((c) => c.realisedLong), short: cells.map((c) => c.realisedShort) };
  const model = overCells(cells, input.model);
  const baselines: Record<string, SidePrediction> = {
    uniform: uniformBaseline(cells),
    move: moveBaseline(input.bars, cells),
    moveOi: moveOiBaseline(input.bars, cells),
    constantInflow: overCells(cells, input.constantInflow),
  };
  const metrics = totalsMetrics({ realised, model, baselines, cellMs: alignment.cellMs }, input.boot);
  const predictions = cells.map((c, i) => ({
    ts: c.ts,
    predictedLongUsd: model.long[i] as number,
    predictedShortUsd: model.short[i] as number,
    realisedLongUsd: c.realisedLong,
    realisedShortUsd: c.realisedShort,
  }));
  const first = cells[0];
  const last = cells[cells.length - 1];
  const inside = (g: Gap) => (first === undefined || g.beforeTs > first.ts) && (last === undefined || g.afterTs < last.ts);
  return {
    result: {
      protocol: 'totals',
      period: {
        from: first ? iso(first.ts) : null,
        to: last ? iso(last.ts + last.durationMs) : null,
        barMs: (input.bars[0] as Bar).durationMs,
        comparisonBarMs: alignment.cellMs,
        priceBars: input.bars.length,
        priceBarGaps: input.barGaps.filter(inside),
        liquidationGaps: input.totals.gaps.filter(inside),
        uncoveredBars: alignment.uncovered,
      },
      n: cells.length,
      metrics,
    },
    predictions,
  };
}

export function predictionsCsv(rows: readonly PredictionRow[]): string {
  const lines = ['ts,predictedLongUsd,predictedShortUsd,realisedLongUsd,realisedShortUsd'];
  for (const r of rows) lines.push(`${r.ts},${r.predictedLongUsd},${r.predictedShortUsd},${r.realisedLongUsd},${r.realisedShortUsd}`);
  return `${lines.join('\n')}\n`;
}
