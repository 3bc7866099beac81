// One `liqmap score` run: read the files, run the model and its ablation, score against realised
// liquidations and/or the simulator's ground truth, and write outputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PARAMS } from '../model/defaults.js';
import { UsageError } from '../cli/errors.js';
import { readBarsFile, type BarsInput } from './bars-input.js';
import { scoreEvents } from './events-score.js';
import { formatText } from './format-text.js';
import { readLiquidations, type Liquidations } from './liquidations/load.js';
import { cohortModelPort, constantInflowAblation, type ModelSetup } from './model-adapter.js';
import { reportMarkdown } from './report-md.js';
import { renderReportPng } from './report-png.js';
import { predictionsCsv, scoreTotals, type ScoreResult } from './totals-score.js';
import { SHIPPED_MMR } from './shipped.js';
import { readTruthFile } from './truth-load.js';
import { scoreTruth } from './truth-score.js';

export interface ScoreOptions {
  readonly bars: string;
  /** Realised liquidations (events or totals); at least one of this and `truth`. */
  readonly liquidations?: string;
  /** Ground-truth snapshots from `liqmap sim --truth`. */
  readonly truth?: string;
  readonly from?: number;
  readonly to?: number;
  readonly horizons: readonly { readonly label: string; readonly ms: number }[];
  readonly json: boolean;
  readonly report?: string;
  readonly predictions?: string;
  readonly replicates: number;
  readonly seed: number;
}

export function runScore(o: ScoreOptions, write: (s: string) => void): ScoreResult {
  if (o.liquidations === undefined && o.truth === undefined) throw new UsageError('give --liquidations and/or --truth');
  if (o.liquidations === undefined && (o.report || o.predictions)) throw new UsageError('--report and --predictions need --liquidations');
  const liq = o.liquidations === undefined ? null : readLiquidations(o.liquidations);
  // Simulated markets come as one bars file for every venue-market; totals need one series.
  const bars = readBarsFile(o.bars, { multiMarket: liq?.kind !== 'totals' });
  const setup: ModelSetup = { params: DEFAULT_PARAMS, mmr: SHIPPED_MMR };
  let result = liq ? scoreRealised(o, bars, liq, setup, o.liquidations as string) : null;
  if (o.truth !== undefined) {
    const truth = scoreTruth({
      port: cohortModelPort,
      params: setup,
      ablation: constantInflowAblation(setup),
      bars: bars.bars,
      barGaps: bars.gaps,
      snapshots: readTruthFile(o.truth).snapshots,
      rowUsd: DEFAULT_PARAMS.bucketUsd,
      from: o.from,
      to: o.to,
      replicates: o.replicates,
      seed: o.seed,
    });
    // Both: the realised-liquidation result with the truth metrics added (each metric has its n).
    result = result ? { ...result, metrics: { ...result.metrics, ...truth.metrics } } : truth;
  }
  const out = result as ScoreResult;
  write(o.json ? `${JSON.stringify(out)}\n` : formatText(out));
  return out;
}

function scoreRealised(o: ScoreOptions, bars: BarsInput, liq: Liquidations, setup: ModelSetup, liquidationsFile: string): ScoreResult {
  const ablation = constantInflowAblation(setup);
  let result: ScoreResult;
  let overlay: { ts: number; longUsd: number; shortUsd: number; price?: number }[];
  if (liq.kind === 'totals') {
    const model = cohortModelPort.run(bars.bars, setup);
    const constantInflow = cohortModelPort.run(bars.bars, ablation);
    const scored = scoreTotals({ bars: bars.bars, barGaps: bars.gaps, totals: liq, model, constantInflow, from: o.from, to: o.to, boot: { replicates: o.replicates, seed: o.seed } });
    result = scored.result;
    if (o.predictions) writeFileSync(o.predictions, predictionsCsv(scored.predictions));
    overlay = scored.predictions.map((p) => ({ ts: p.ts, longUsd: p.realisedLongUsd, shortUsd: p.realisedShortUsd }));
  } else {
    result = scoreEvents({
      port: cohortModelPort,
      params: setup,
      ablation,
      bars: bars.bars,
      barGaps: bars.gaps,
      events: liq.events,
      horizons: o.horizons,
      rowUsd: DEFAULT_PARAMS.bucketUsd,
      from: o.from,
      to: o.to,
      replicates: o.replicates,
      seed: o.seed,
    });
    if (o.predictions) {
      const run = cohortModelPort.run(bars.bars, setup);
      const rows = bars.bars.map((b, i) => ({ ts: b.ts, predictedLongUsd: run.long[i] as number, predictedShortUsd: run.short[i] as number, realisedLongUsd: 0, realisedShortUsd: 0 }));
      for (const e of liq.events) {
        const i = bars.bars.findIndex((b) => e.ts >= b.ts && e.ts < b.ts + b.durationMs);
        const r = rows[i];
        if (r) rows[i] = e.side === 'long' ? { ...r, realisedLongUsd: r.realisedLongUsd + e.notionalUsd } : { ...r, realisedShortUsd: r.realisedShortUsd + e.notionalUsd };
      }
      writeFileSync(o.predictions, predictionsCsv(rows));
    }
    overlay = liq.events.map((e) => ({ ts: e.ts, longUsd: e.side === 'long' ? e.notionalUsd : 0, shortUsd: e.side === 'short' ? e.notionalUsd : 0, price: e.price }));
  }
  if (o.report) {
    mkdirSync(o.report, { recursive: true });
    const png = renderReportPng(bars.bars, setup, overlay, o.from, o.to);
    writeFileSync(join(o.report, 'heatmap.png'), png.bytes);
    const md = reportMarkdown(result, {
      barsFile: o.bars,
      liquidationsFile,
      params: { ...setup.params, history: undefined, mmr: setup.mmr },
      image: 'heatmap.png',
      imageCaption: png.caption,
    });
    writeFileSync(join(o.report, 'report.md'), md);
    writeFileSync(join(o.report, 'score.json'), `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}
