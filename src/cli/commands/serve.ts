// `liqmap serve` (what `npm start` runs): collectors, model, store and the API/UI in one process.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { startApp } from '../../app/run.js';
import { parseVenueList } from '../../exchanges/registry.js';
import { log } from '../../log.js';
import { UsageError } from '../errors.js';
import { stageProgress } from '../progress.js';
import { startServer } from '../../server/index.js';
import { serveReplica } from '../../scale/serve-replica.js';

function untilSignal(): Promise<void> {
  return new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

interface ServeFlags {
  demo?: boolean;
  bus?: string;
  db?: string;
  prefix: string;
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
    .option('--bus <url>', 'scale-out: NATS JetStream URL (serve as a stateless replica; needs --db)')
    .option('--db <url>', 'scale-out: PostgreSQL connection string')
    .option('--prefix <name>', 'scale-out: subject prefix and stream name of the deployment (as given to collect and model)', 'liqmap')
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
      if (o.bus) flags.bus = o.bus;
      if (o.db) flags.db = o.db;
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config, flags });
      if (cfg.bus) {
        if (o.demo) throw new UsageError('--demo runs in one process; drop --bus/LIQMAP_BUS to use it');
        // Scale-out: a stateless API replica over PostgreSQL and NATS (collect and model run elsewhere).
        const replica = await serveReplica(cfg, log, { prefix: o.prefix });
        log.info({ url: replica.url }, `liqmap replica serving ${replica.url}`);
        await untilSignal();
        await replica.stop();
        return;
      }
      const demo = o.demo
        ? { seed: int(o.seed, '--seed', 0, 2 ** 32 - 1), speed: int(o.speed, '--speed', 0.1, 10_000), historyDays: int(o.historyDays, '--history-days', 0, 30) }
        : undefined;
      const progress = stageProgress(log);
      const t0 = Date.now();
      const app = await startApp({ cfg, log, onProgress: progress.update, ...(demo ? { demo } : {}) });
      progress.stop();
      const server = await startServer(app, log);
      log.info({ url: server.url, demo: Boolean(demo), startMs: Date.now() - t0 }, `liqmap ${demo ? 'demo ' : ''}serving ${server.url}`);
      await untilSignal();
      log.info('shutting down');
      await server.close();
      await app.stop();
    });
}
