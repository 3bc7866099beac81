// Scale-out heatmap columns: the model process writes one per closed bar to PostgreSQL, a serve replica
// answers /api/v1/heatmap/columns from there (equal to the book its own model holds), and retention
// prunes them with the bars.
import { afterAll, describe, expect, it } from 'vitest';
import { heatmapColumn, type HeatmapColumn } from '../../src/app/heatmap-column.js';
import { NatsLink } from '../../src/bus/link.js';
import { NatsBus } from '../../src/bus/nats.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { DEFAULT_PARAMS } from '../../src/model/index.js';
import { ModelWorker } from '../../src/scale/model-worker.js';
import { serveReplica } from '../../src/scale/serve-replica.js';
import { silentLogger } from '../../src/server/testing-log.js';
import { PgSchemas, uniqueSchema, withSchema } from '../../src/store/postgres/test-support.js';
import { dropStream, T0, testBars, testServers, uniquePrefix, VENUES, waitFor } from './support.js';

const servers = await testServers();
const MIN = 60_000;

describe.skipIf(servers.skip !== null)(`scale-out: heatmap columns in PostgreSQL${servers.skip ? ` (skipped: ${servers.skip})` : ''}`, () => {
  const prefix = uniquePrefix('columns');
  const schemas = new PgSchemas(servers.pg);
  afterAll(async () => {
    await dropStream(servers.nats, prefix);
    await schemas.dropAll();
  });

  it('written by the model process, served by a replica, pruned by retention', async () => {
    const schema = uniqueSchema('columns');
    const db = withSchema(servers.pg, schema);
    const store = schemas.open({ schema });
    const link = await NatsLink.connect({ url: servers.nats, prefix });
    const worker = new ModelWorker({ link, store, params: DEFAULT_PARAMS, venues: VENUES, barMs: MIN, flushEveryMs: 30, coldStartMs: 0, columnsMaxLagMs: Infinity });
    await worker.start();
    const cfg = ConfigSchema.parse({ port: 0, bus: servers.nats, db, venues: [...VENUES], rateLimitPerMin: 10_000_000 });
    const served = await serveReplica(cfg, silentLogger, { prefix, coldStartMs: 0 });
    try {
      const bars = testBars(30);
      new NatsBus(link).publish('bars', bars);
      await link.publisher.flush();
      await waitFor('every bar stored', async () => (await store.stats()).bars === bars.length, 30_000);
      await waitFor('the replica applied every bar', () => served.replica.stats.barsApplied + served.replica.stats.replayed >= bars.length, 30_000);
      await waitFor('a column per minute counted', () => worker.stats.columnsStored >= 30, 30_000);

      const res = await fetch(`${served.url}/api/v1/heatmap/columns?from=${T0}&to=${T0 + 30 * MIN}`);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { source: string; rows: number; columns: HeatmapColumn[] };
      expect(body.source).toBe('store');
      expect(body.columns.map((c) => c.ts)).toEqual(Array.from({ length: 30 }, (_, i) => T0 + i * MIN));
      const model = served.replica.model();
      for (const c of body.columns.filter((_, i) => i % 7 === 0 || i === 29)) expect(c).toEqual(heatmapColumn(model, c.ts, MIN));
      expect(body.columns.at(-1)!.longUsd.some((v) => v > 0)).toBe(true);

      await store.prune(T0 + 10 * MIN);
      const left = await store.readHeatmapColumns({ fromMs: 0, toMs: T0 + 60 * MIN });
      expect(left.map((c) => c.ts)).toEqual(Array.from({ length: 20 }, (_, i) => T0 + (i + 10) * MIN));
    } finally {
      await served.stop();
      await worker.stop();
      await link.close();
      await store.close();
    }
  }, 90_000);
});
