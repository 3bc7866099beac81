// Metrics on per-bar totals: ρ(predicted, realised USD per bar) and the top-decile hit rate,
// for longs, shorts and both; the model against every baseline with block-bootstrap differences.
import type { Difference, MetricResult } from './metric-result.js';
import type { SidePrediction } from './baselines.js';
import { blockResample, quantile } from './stats/bootstrap.js';
import { countsOf, presort, spearmanCounts, topDecileCounts, type Sorted } from './stats/weighted.js';
import { mulberry32 } from './stats/rng.js';
import { spearman } from './stats/spearman.js';
import { topDecileHit } from './stats/top-decile.js';
import { wilson, type Interval } from './stats/wilson.js';

export type SideName = 'long' | 'short' | 'total';
export const SIDES: readonly SideName[] = ['long', 'short', 'total'];

export interface TotalsInput {
  readonly realised: SidePrediction;
  readonly model: SidePrediction;
  readonly baselines: Readonly<Record<string, SidePrediction>>;
  /** Length of one comparison bar, ms (sets the bootstrap block: one day of bars). */
  readonly cellMs: number;
}

export interface BootstrapSettings {
  readonly replicates: number;
  readonly seed: number;
}

type Stat = (pred: readonly number[], real: readonly number[]) => number | null;
/** The same statistic on a resample given as multiplicities, with scratch buffers. */
type CountStat = (pred: Sorted, real: Sorted, counts: Int32Array, a: Float64Array, b: Float64Array) => number | null;

const STATS: Readonly<Record<'spearman' | 'precisionTopDecile', Stat>> = {
  spearman: (p, r) => spearman(p, r),
  precisionTopDecile: (p, r) => topDecileHit(p, r).share,
};
const COUNT_STATS: Readonly<Record<keyof typeof STATS, CountStat>> = {
  spearman: spearmanCounts,
  precisionTopDecile: topDecileCounts,
};

export function side(p: SidePrediction, s: SideName): readonly number[] {
  if (s === 'long') return p.long;
  if (s === 'short') return p.short;
  return p.long.map((v, i) => v + (p.short[i] as number));
}

export function metricName(stat: keyof typeof STATS, s: SideName): string {
  return `${stat}${s[0]?.toUpperCase()}${s.slice(1)}`;
}

/** Block length: one day of comparison bars, at least ⌈n^⅓⌉ and at most n/10. */
export function blockLengthFor(n: number, cellMs: number): number {
  const day = Math.round(86_400_000 / cellMs);
  return Math.max(1, Math.ceil(Math.cbrt(n)), Math.min(day, Math.floor(n / 10)));
}

export function totalsMetrics(input: TotalsInput, boot: BootstrapSettings): Record<string, MetricResult> {
  const n = input.realised.long.length;
  const names = Object.keys(input.baselines);
  const rnd = mulberry32(boot.seed);
  const blockLength = blockLengthFor(n, input.cellMs);
  const resamples = n >= 20 ? Array.from({ length: boot.replicates }, () => countsOf(blockResample(n, blockLength, rnd), n)) : [];
  const bufA = new Float64Array(n);
  const bufB = new Float64Array(n);
  const out: Record<string, MetricResult> = {};
  for (const statName of Object.keys(STATS) as (keyof typeof STATS)[]) {
    const stat = STATS[statName];
    const countStat = COUNT_STATS[statName];
    for (const s of SIDES) {
      const real = side(input.realised, s);
      const model = side(input.model, s);
      const base = Object.fromEntries(names.map((b) => [b, side(input.baselines[b] as SidePrediction, s)]));
      const modelValue = stat(model, real);
      const realS = presort(real);
      const modelS = presort(model);
      const baseS = Object.fromEntries(names.map((b) => [b, presort(base[b] as readonly number[])]));
      // One pass over the resamples computes the model's and every baseline's statistic.
      const modelReps: number[] = [];
      const diffReps: Record<string, number[]> = Object.fromEntries(names.map((b) => [b, []]));
      for (const counts of resamples) {
        const m = countStat(modelS, realS, counts, bufA, bufB);
        if (m === null) continue;
        modelReps.push(m);
        for (const b of names) {
          const v = countStat(baseS[b] as Sorted, realS, counts, bufA, bufB);
          // An undefined ρ (constant predictor) counts as 0 correlation.
          (diffReps[b] as number[]).push(m - (v ?? 0));
        }
      }
      const baselines: Record<string, number | null> = {};
      const vs: Record<string, Difference | null> = {};
      for (const b of names) {
        const v = stat(base[b] as readonly number[], real);
        baselines[b] = v;
        vs[b] = modelValue === null ? null : { diff: modelValue - (v ?? 0), ci: percentile(diffReps[b] as number[], resamples.length) };
      }
      let ci: Interval | null;
      if (statName === 'precisionTopDecile') {
        const hit = topDecileHit(model, real);
        ci = wilson(hit.hits, hit.n);
      } else {
        ci = percentile(modelReps, resamples.length);
      }
      const hitN = topDecileHit(model, real).n;
      out[metricName(statName, s)] = {
        n: statName === 'precisionTopDecile' ? hitN : n,
        model: modelValue,
        ci,
        baselines,
        vs,
        about:
          statName === 'spearman'
            ? `Spearman ρ of predicted vs realised ${s} liquidated USD per bar (0 = no information)`
            : `share of the top-10% realised ${s} bars that are in the predictor's top 10% (chance 0.10)`,
      };
    }
  }
  return out;
}

function percentile(values: number[], attempted: number): Interval | null {
  if (values.length === 0 || values.length < attempted / 2) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return { lo: quantile(sorted, 0.025), hi: quantile(sorted, 0.975) };
}
