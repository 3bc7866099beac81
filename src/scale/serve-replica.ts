// `liqmap serve` in scale-out mode (cfg.bus set): a stateless API replica over PostgreSQL and NATS.
import { PostgresAlertStore } from '../alerts/postgres-store.js';
import type { Config } from '../config/schema.js';
import { NatsLink } from '../bus/link.js';
import type { Logger } from '../log.js';
import { DEFAULT_PARAMS, type ModelParams } from '../model/index.js';
import { listen, type RunningServer } from '../server/index.js';
import { PostgresStore } from '../store/postgres/store.js';
import { startReplica, type Replica } from './replica.js';

export interface ServedReplica {
  readonly url: string;
  readonly replica: Replica;
  stop(): Promise<void>;
}

export async function serveReplica(cfg: Config, log: Logger, o: { prefix?: string; params?: ModelParams; coldStartMs?: number } = {}): Promise<ServedReplica> {
  if (!cfg.bus || !cfg.db) throw new Error('scale-out serve needs both bus (LIQMAP_BUS) and db (LIQMAP_DB)');
  const store = PostgresStore.open(cfg.db, { applicationName: 'liqmap-serve', onIdleError: (e) => log.warn({ err: e.message }, 'PostgreSQL connection lost') });
  const alertStore = PostgresAlertStore.open(cfg.db, { applicationName: 'liqmap-serve', onIdleError: (e) => log.warn({ err: e.message }, 'PostgreSQL connection lost (alerts)') });
  const link = await NatsLink.connect({ url: cfg.bus, name: 'liqmap-serve', log, ...(o.prefix ? { prefix: o.prefix } : {}) });
  const venues = cfg.venues.filter((v) => cfg.venue[v]?.enabled !== false);
  const replica = await startReplica({ cfg, link, store, params: o.params ?? DEFAULT_PARAMS, venues, log, alertStore, ...(o.coldStartMs !== undefined ? { coldStartMs: o.coldStartMs } : {}) });
  const server: RunningServer = await listen(replica.deps, log);
  return {
    url: server.url,
    replica,
    async stop() {
      await server.close();
      await replica.stop();
      await link.close();
      await store.close();
      await alertStore.close();
    },
  };
}
