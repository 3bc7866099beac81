// The truth protocol (simulated markets only): freeze the heatmap at each truth snapshot's
// instant, from the bars closed by then, and compare it row by row with the simulator's true
// open liquidation notional at that instant, beside the baselines.
import type { Bar } from '../bars/bar.js';
import { columnRequests, proximityColumn, uniformColumn } from './events-score.js';
import type { HeatColumn } from './heat-column.js';
import { iso, type Gap } from './liquidations/time-grid.js';
import type { Difference, MetricResult } from './metric-result.js';
import type { ModelPort } from './model-port.js';
import { blockBootstrap } from './stats/bootstrap.js';
import type { TruthSnapshot } from './truth-load.js';
import { scoreSnapshot, truthColumn, type SnapshotScore } from './truth-metrics.js';
import type { ScoreResult } from './totals-score.js';

export interface TruthScoreInput<P> {
  readonly port: ModelPort<P>;
  readonly params: P;
  readonly ablation: P;
  readonly bars: readonly Bar[];
  readonly barGaps: readonly Gap[];
  readonly snapshots: readonly TruthSnapshot[];
  readonly rowUsd: number;
  readonly from?: number;
  readonly to?: number;
  readonly replicates: number;
  readonly seed: number;
}

type Stat = 'rho' | 'topShare';

/** Per snapshot, the statistic of the model and of each baseline. */
interface Scored {
  readonly ts: number;
  readonly model: SnapshotScore;
  readonly baselines: Readonly<Record<string, SnapshotScore>>;
}

function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

/** Mean over snapshots with a block-bootstrap 95% interval (blocks keep neighbouring hours together). */
function meanWithCi(xs: readonly number[], o: { replicates: number; seed: number }): { value: number | null; ci: { lo: number; hi: number } | null } {
  const ci = blockBootstrap(xs.length, (ix) => mean(ix.map((i) => xs[i] as number)), { replicates: o.replicates, seed: o.seed });
  return { value: mean(xs), ci: ci ? { lo: ci.lo, hi: ci.hi } : null };
}

function metric(scored: readonly Scored[], stat: Stat, names: readonly string[], o: { replicates: number; seed: number }, about: string): MetricResult {
  const used = scored.filter((s) => s.model[stat] !== null);
  const model = used.map((s) => s.model[stat] as number);
  const m = meanWithCi(model, o);
  const baselines: Record<string, number | null> = {};
  const vs: Record<string, Difference | null> = {};
  for (const b of names) {
    const values = used.map((s) => s.baselines[b]?.[stat] ?? null);
    baselines[b] = values.every((v) => v === null) ? null : mean(values.map((v) => v ?? 0));
    // An undefined ρ (constant predictor) counts as 0 correlation, as in the totals protocol.
    const diff = meanWithCi(
      model.map((v, i) => v - (values[i] ?? 0)),
      o,
    );
    vs[b] = diff.value === null ? null : { diff: diff.value, ci: diff.ci };
  }
  return { n: used.length, model: m.value, ci: m.ci, baselines, vs, about };
}

export function scoreTruth<P>(input: TruthScoreInput<P>): ScoreResult {
  const first = input.bars[0];
  const snaps = input.snapshots.filter((s) => (input.from === undefined || s.ts >= input.from) && (input.to === undefined || s.ts <= input.to));
  const requests = columnRequests(
    input.bars,
    snaps.map((s) => s.ts),
    input.rowUsd,
  );
  const model = input.port.columns(input.bars, input.params, requests);
  const ablation = input.port.columns(input.bars, input.ablation, requests);
  const byTs = new Map(snaps.map((s) => [s.ts, s] as const));
  const scored: Scored[] = [];
  model.forEach((col: HeatColumn, i) => {
    const snap = byTs.get(col.t);
    if (!snap || !Number.isFinite(col.refPrice)) return;
    const truth = truthColumn(col, snap);
    scored.push({
      ts: col.t,
      model: scoreSnapshot(col, truth),
      baselines: {
        uniform: scoreSnapshot(uniformColumn(col), truth),
        proximity: scoreSnapshot(proximityColumn(col), truth),
        constantInflow: scoreSnapshot(ablation[i] as HeatColumn, truth),
      },
    });
  });
  const names = ['uniform', 'proximity', 'constantInflow'];
  const boot = { replicates: input.replicates, seed: input.seed };
  const metrics: Record<string, MetricResult> = {
    truthSpearman: metric(scored, 'rho', names, boot, "mean over snapshots of Spearman ρ between the frozen map and the simulator's true liquidation notional per row, ±10% of price (0 = no information)"),
    truthTopDecileShare: metric(
      scored,
      'topShare',
      names,
      boot,
      "mean over snapshots of the share of true liquidation notional (±10% of price) lying in the map's hottest 10% of rows (chance 0.10)",
    ),
  };
  const firstScored = scored[0];
  const lastScored = scored[scored.length - 1];
  return {
    protocol: 'truth',
    period: {
      from: firstScored ? iso(firstScored.ts) : null,
      to: lastScored ? iso(lastScored.ts) : null,
      barMs: first?.durationMs ?? 0,
      comparisonBarMs: scored.length > 1 ? ((lastScored as Scored).ts - (firstScored as Scored).ts) / (scored.length - 1) : 0,
      priceBars: input.bars.length,
      priceBarGaps: input.barGaps,
      liquidationGaps: [],
      uncoveredBars: snaps.length - scored.length,
    },
    n: scored.length,
    metrics,
  };
}
