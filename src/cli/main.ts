// `liqmap` command line. Each verb lives in src/cli/commands/<verb>.ts and registers itself here.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/load.js';
import { UsageError } from './errors.js';
import { registerBackfill } from './commands/backfill.js';
import { registerCollect } from './commands/collect.js';
import { registerConfig } from './commands/config.js';
import { registerHeatmap } from './commands/heatmap.js';
import { registerImport } from './commands/import.js';
import { registerModel } from './commands/model.js';
import { registerNormalize } from './commands/normalize.js';
import { registerRecord } from './commands/record.js';
import { registerReplay } from './commands/replay.js';
import { registerScore } from './commands/score.js';
import { registerServe } from './commands/serve.js';
import { registerSim } from './commands/sim.js';

export function buildProgram(): Command {
  const program = new Command('liqmap')
    .description('Self-hosted real-time Bitcoin liquidation heatmap across perpetual-futures venues')
    .option('--config <file>', 'configuration file (JSON)')
    .showHelpAfterError()
    .exitOverride();
  registerBackfill(program);
  registerCollect(program);
  registerConfig(program);
  registerHeatmap(program);
  registerImport(program);
  registerModel(program);
  registerNormalize(program);
  registerRecord(program);
  registerReplay(program);
  registerScore(program);
  registerServe(program);
  registerSim(program);
  return program;
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode;
    if (e instanceof ConfigError || e instanceof UsageError) {
      process.stderr.write(`liqmap: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`liqmap: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

// A reader that goes away (`liqmap … | head`) ends the output quietly, not with a crash.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await main(process.argv);
process.exitCode = code;
