// Flags shared by the scale-out verbs (collect, model) and how they become a configuration.
import type { Command } from 'commander';
import { UsageError } from '../cli/errors.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { parseVenueList } from '../exchanges/registry.js';

export interface ScaleFlags {
  bus?: string;
  db?: string;
  venues?: string;
  prefix: string;
  dataDir?: string;
}

export function addScaleFlags(cmd: Command, o: { db: boolean }): Command {
  cmd
    .option('--bus <url>', 'NATS server with JetStream, e.g. nats://127.0.0.1:4222 (env LIQMAP_BUS)')
    .option('--venues <ids>', 'comma-separated venue ids or all')
    .option('--prefix <name>', 'subject prefix and stream name of this deployment', 'liqmap')
    .option('--data-dir <dir>', 'data directory (the publish spool lives under it)');
  if (o.db) cmd.option('--db <url>', 'PostgreSQL, e.g. postgres://liqmap@127.0.0.1:5432/liqmap (env LIQMAP_DB)');
  return cmd;
}

export interface ScaleConfig {
  readonly cfg: Config;
  readonly bus: string;
  readonly db: string | null;
}

export function scaleConfig(program: Command, f: ScaleFlags, needDb: boolean): ScaleConfig {
  const flags: Record<string, unknown> = {};
  if (f.bus) flags.bus = f.bus;
  if (f.db) flags.db = f.db;
  if (f.dataDir) flags.dataDir = f.dataDir;
  if (f.venues) {
    try {
      flags.venues = parseVenueList(f.venues);
    } catch (e) {
      throw new UsageError(`--venues: ${(e as Error).message}`);
    }
  }
  const cfg = loadConfig({ file: program.opts<{ config?: string }>().config, flags });
  if (!cfg.bus) throw new UsageError('--bus (env LIQMAP_BUS) is required: the NATS server these processes share');
  if (needDb && !cfg.db) throw new UsageError('--db (env LIQMAP_DB) is required: the PostgreSQL database the model writes');
  return { cfg, bus: cfg.bus, db: cfg.db ?? null };
}

/** Resolves on SIGINT or SIGTERM. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
