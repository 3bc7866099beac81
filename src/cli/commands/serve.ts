// `liqmap serve` (what `npm start` runs): collectors, model, store and the API/UI in one process.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { startApp } from '../../app/run.js';
import { parseVenueList } from '../../exchanges/registry.js';
import { log } from '../../log.js';
import { UsageError } from '../errors.js';
import { stageProgress } from '../progress.js';
import { startServer } from '../../server/index.js';

interface ServeFlags {
  demo?: boolean;
  speed: string;
  seed: string;
  historyDays: string;
  host?: string;
  port?: string;
  dataDir?: string;
  venues?: string;
}

function int(v: string, name: string, lo: number, hi: number): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi) throw new UsageError(`${name}: expected a number from ${lo} to ${hi}, got "${v}"`);
  return n;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run everything in one process: venues → bars → model → store → API + UI')
    .option('--demo', 'use the built-in simulated market served through the venue protocols (offline)')
    .option('--speed <n>', 'demo: simulated seconds per second', '1')
    .option('--seed <n>', 'demo: simulator seed', '42')
    .option('--history-days <n>', 'demo: simulated history generated at start, days', '3')
    .option('--host <host>', 'listen address')
    .option('--port <port>', 'listen port')
    .option('--data-dir <dir>', 'data directory')
    .option('--venues <ids>', 'comma-separated venue ids or all')
    .action(async (o: ServeFlags) => {
      const flags: Record<string, unknown> = {};
      if (o.host) flags.host = o.host;
      if (o.port) flags.port = int(o.port, '--port', 0, 65535);
      if (o.dataDir) flags.dataDir = o.dataDir;
      if (o.venues) {
        try {
          flags.venues = parseVenueList(o.venues);
        } catch (e) {
          throw new UsageError(`--venues: ${(e as Error).message}`);
        }
      }
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config, flags });
      const demo = o.demo
        ? { seed: int(o.seed, '--seed', 0, 2 ** 32 - 1), speed: int(o.speed, '--speed', 0.1, 10_000), historyDays: int(o.historyDays, '--history-days', 0, 30) }
        : undefined;
      const progress = stageProgress(log);
      const t0 = Date.now();
      const app = await startApp({ cfg, log, onProgress: progress.update, ...(demo ? { demo } : {}) });
      progress.stop();
      const server = await startServer(app, log);
      log.info({ url: server.url, demo: Boolean(demo), startMs: Date.now() - t0 }, `liqmap ${demo ? 'demo ' : ''}serving ${server.url}`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      log.info('shutting down');
      await server.close();
      await app.stop();
    });
}
