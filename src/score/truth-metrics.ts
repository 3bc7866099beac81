// Metrics of a frozen heatmap column against the TRUE liquidation notional per price row (the
// simulator's open positions at the same instant), over the rows within ±10% of the price.
import { CAPTURE_BAND } from './events-metrics.js';
import { rowOf, rowsAround, type HeatColumn } from './heat-column.js';
import { spearman } from './stats/spearman.js';
import { topKMembership } from './stats/top-decile.js';
import type { TruthSnapshot } from './truth-load.js';

/** The true notional per row of `like` (same rows), long and short. */
export function truthColumn(like: HeatColumn, snap: TruthSnapshot): HeatColumn {
  const long = new Array<number>(like.long.length).fill(0);
  const short = new Array<number>(like.long.length).fill(0);
  for (let i = 0; i < snap.liqPrice.length; i++) {
    const r = rowOf(like, snap.liqPrice[i] as number);
    if (r < 0 || r >= long.length) continue;
    const target = snap.side[i] === 0 ? long : short;
    target[r] = (target[r] as number) + (snap.notionalUsd[i] as number);
  }
  return { ...like, long, short };
}

export interface SnapshotScore {
  /** Spearman ρ of predicted vs true notional per row; null when either is constant. */
  readonly rho: number | null;
  /** Share of the true notional in the band that lies in the predictor's hottest 10% of rows. */
  readonly topShare: number | null;
  readonly rows: number;
}

/** Both sides summed per row, over the band around the column's reference price. */
function density(c: HeatColumn, from: number, to: number): number[] {
  const out: number[] = [];
  for (let r = from; r <= to; r++) out.push((c.long[r] as number) + (c.short[r] as number));
  return out;
}

export function scoreSnapshot(predicted: HeatColumn, truth: HeatColumn): SnapshotScore {
  const { from, to } = rowsAround(predicted, predicted.refPrice, CAPTURE_BAND);
  if (to < from) return { rho: null, topShare: null, rows: 0 };
  const p = density(predicted, from, to);
  const t = density(truth, from, to);
  const member = topKMembership(p, Math.max(1, Math.ceil(0.1 * p.length)));
  let inTop = 0;
  let all = 0;
  for (let i = 0; i < t.length; i++) {
    inTop += (member[i] as number) * (t[i] as number);
    all += t[i] as number;
  }
  return { rho: spearman(p, t), topShare: all > 0 ? inTop / all : null, rows: p.length };
}
