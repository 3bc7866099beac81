import type { Command } from 'commander';
import { parseHorizons, parseInstant, parsePositiveInt } from '../../score/cli-args.js';
import { runScore } from '../../score/run-score.js';

interface Opts {
  bars: string;
  liquidations?: string;
  truth?: string;
  from?: string;
  to?: string;
  horizon: string;
  json?: boolean;
  report?: string;
  predictions?: string;
  bootstrap: string;
  seed: string;
}

export function registerScore(program: Command): void {
  program
    .command('score')
    .description('grade the heatmap model against realised liquidations (events or per-bar totals) and/or the simulator\'s ground truth, beside simple baselines')
    .requiredOption('--bars <file>', 'price bars: bars JSONL (several venue-markets allowed unless scoring totals), or CSV with ts,open,high,low,close and oiUsd|oiBtc [,volume,buyVolume,venue]')
    .option('--liquidations <file>', 'liquidation JSONL events (other event kinds skipped), Binance COIN-M liquidationSnapshot CSV, or totals CSV ts,longUsd,shortUsd')
    .option('--truth <file>', 'ground truth from `liqmap sim --truth` (with --truth-every): the map frozen at each snapshot vs the true liquidation notional per row')
    .option('--from <time>', 'score from this instant (ISO or epoch ms); the model warms up on the bars before it')
    .option('--to <time>', 'score up to this instant (ISO or epoch ms)')
    .option('--horizon <list>', 'event horizons H: the map frozen at t is scored on liquidations in (t, t+H]', '1h,4h,24h')
    .option('--json', 'print one JSON object { period, n, metrics }')
    .option('--report <dir>', 'write report.md, heatmap.png and score.json into dir')
    .option('--predictions <file>', 'write per-bar CSV ts,predictedLongUsd,predictedShortUsd,realisedLongUsd,realisedShortUsd')
    .option('--bootstrap <n>', 'block-bootstrap replicates', '1000')
    .option('--seed <n>', 'bootstrap seed', '1')
    .action((o: Opts) => {
      runScore(
        {
          bars: o.bars,
          liquidations: o.liquidations,
          truth: o.truth,
          from: o.from === undefined ? undefined : parseInstant('--from', o.from),
          to: o.to === undefined ? undefined : parseInstant('--to', o.to),
          horizons: parseHorizons(o.horizon),
          json: o.json === true,
          report: o.report,
          predictions: o.predictions,
          replicates: parsePositiveInt('--bootstrap', o.bootstrap),
          seed: parsePositiveInt('--seed', o.seed),
        },
        (s) => process.stdout.write(s),
      );
    });
}
