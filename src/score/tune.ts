// Parameter tuning by coordinate descent on the EARLY part of each data set only: the
// objective never sees the held-back later part, on which the report is then made.
import type { Bar } from '../bars/bar.js';
import type { ModelParams } from '../model/types.js';
import { alignTotals } from './align.js';
import type { LiquidationTotals } from './liquidations/totals-load.js';
import { cohortModelPort, type ModelSetup } from './model-adapter.js';
import { resampleBars } from './resample-bars.js';
import { spearman } from './stats/spearman.js';
import { topDecileHit } from './stats/top-decile.js';
import { inRange, type BarSeries } from './totals-score.js';
import { sumOverCells } from './align.js';

export interface TuneSet {
  readonly name: string;
  readonly bars: readonly Bar[];
  readonly totals: LiquidationTotals;
  /** Tuning cells: [from, split). The held-back part starts at split. */
  readonly from: number;
  readonly split: number;
  /** End of the held-back part (exclusive); absent = the end of the data. */
  readonly holdoutEnd?: number;
  /** Weight in the combined objective. */
  readonly weight: number;
}

/** A point of the search: model parameters, the injected mmr, and the model step. */
export interface Candidate extends ModelSetup {
  /** Model step, ms (bars are merged up to it); null = the bars' own length. */
  readonly stepMs: number | null;
}

export interface Axis {
  readonly name: string;
  readonly values: readonly { readonly label: string; readonly apply: (c: Candidate) => Candidate }[];
}

/** Mean of ρ and top-decile hit, long and short, on the tuning cells. */
export function objective(set: TuneSet, c: Candidate, window: 'tune' | 'holdout' = 'tune'): number {
  const bars = c.stepMs !== null && c.stepMs > (set.bars[0] as Bar).durationMs ? resampleBars(set.bars, c.stepMs) : set.bars;
  const run: BarSeries = cohortModelPort.run(bars, c);
  const cells = window === 'tune' ? inRange(alignTotals(bars, set.totals).cells, set.from, set.split) : inRange(alignTotals(bars, set.totals).cells, set.split, set.holdoutEnd);
  const long = sumOverCells(cells, run.long);
  const short = sumOverCells(cells, run.short);
  const rl = cells.map((x) => x.realisedLong);
  const rs = cells.map((x) => x.realisedShort);
  return ((spearman(long, rl) ?? 0) + (spearman(short, rs) ?? 0) + topDecileHit(long, rl).share + topDecileHit(short, rs).share) / 4;
}

export function combined(sets: readonly TuneSet[], c: Candidate, window: 'tune' | 'holdout' = 'tune'): number {
  let s = 0;
  let w = 0;
  for (const set of sets) {
    s += set.weight * objective(set, c, window);
    w += set.weight;
  }
  return s / w;
}

export interface TuneStep {
  readonly axis: string;
  readonly label: string;
  readonly score: number;
}

export interface TuneResult {
  readonly best: Candidate;
  readonly bestLabels: Readonly<Record<string, string>>;
  readonly score: number;
  /** Every evaluation, for "which parameters mattered": the spread of scores along each axis. */
  readonly trials: readonly TuneStep[];
}

/** Coordinate descent: each axis in turn takes its best value given the others; `passes` rounds. */
export function coordinateDescent(sets: readonly TuneSet[], start: Candidate, axes: readonly Axis[], passes = 2, log?: (s: TuneStep) => void): TuneResult {
  let best = start;
  let bestScore = combined(sets, start);
  const labels: Record<string, string> = Object.fromEntries(axes.map((a) => [a.name, 'start']));
  const trials: TuneStep[] = [];
  for (let pass = 0; pass < passes; pass++) {
    let improved = false;
    for (const axis of axes) {
      const base = best;
      for (const v of axis.values) {
        const cand = v.apply(base);
        const score = combined(sets, cand);
        const step = { axis: axis.name, label: v.label, score };
        trials.push(step);
        log?.(step);
        if (score > bestScore + 1e-6) {
          best = cand;
          bestScore = score;
          labels[axis.name] = v.label;
          improved = true;
        }
      }
    }
    if (!improved) break;
  }
  return { best, bestLabels: labels, score: bestScore, trials };
}

/** The largest minus the smallest score seen along each axis in the last pass over it. */
export function axisSpread(trials: readonly TuneStep[]): Record<string, number> {
  const seen: Record<string, number[]> = {};
  for (const t of trials) (seen[t.axis] ??= []).push(t.score);
  return Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, Math.max(...v) - Math.min(...v)]));
}

export type Tiers = ModelParams['tiers'];
