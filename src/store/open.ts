// Pick and open the configured store backend.
import { UsageError } from '../cli/errors.js';
import { PostgresStore } from './postgres/store.js';
import { SqliteStore } from './sqlite/store.js';
import type { OpenOptions } from './sqlite/open.js';
import type { Store } from './store.js';

export interface StoreConfig {
  readonly dataDir: string;
  /** PostgreSQL connection string (scale-out); unset = embedded SQLite under dataDir. */
  readonly db?: string | undefined;
}

export function openStore(cfg: StoreConfig, opts: OpenOptions = {}): Store {
  if (cfg.db) {
    try {
      return PostgresStore.open(cfg.db);
    } catch (e) {
      throw new UsageError(`--db / LIQMAP_DB: ${(e as Error).message}`);
    }
  }
  return SqliteStore.open(cfg.dataDir, opts);
}
