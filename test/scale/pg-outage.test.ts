// Fault: PostgreSQL goes away (every connection dropped, new ones refused — a restart, seen through
// a proxy this test cuts; the shared server is never restarted). The model keeps consuming, retries
// its writes and loses nothing; a serve replica reports the store unhealthy meanwhile.
import { afterAll, describe, expect, it } from 'vitest';
import { NatsLink } from '../../src/bus/link.js';
import { NatsBus } from '../../src/bus/nats.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { DEFAULT_PARAMS } from '../../src/model/index.js';
import { ModelWorker } from '../../src/scale/model-worker.js';
import { startReplica } from '../../src/scale/replica.js';
import { PgSchemas, uniqueSchema, withSchema } from '../../src/store/postgres/test-support.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import { dropStream, heatmapOf, reference, testBars, testServers, uniquePrefix, VENUES, waitFor } from './support.js';
import { CuttableProxy } from './tcp-proxy.js';

const servers = await testServers();

describe.skipIf(servers.skip !== null)(`scale-out: PostgreSQL restart${servers.skip ? ` (skipped: ${servers.skip})` : ''}`, () => {
  const prefix = uniquePrefix('pg');
  const schemas = new PgSchemas(servers.pg);
  afterAll(async () => {
    await dropStream(servers.nats, prefix);
    await schemas.dropAll();
  });

  it('writers retry, readers report degraded health, nothing is lost', async () => {
    const schema = uniqueSchema('pg');
    const direct = schemas.open({ schema });
    const u = new URL(servers.pg);
    const proxy = new CuttableProxy(u.hostname, Number(u.port || 5432));
    await proxy.listen();
    u.host = `127.0.0.1:${proxy.port}`;
    const viaProxy = (): PostgresStore => PostgresStore.open(withSchema(u.toString(), schema), { onIdleError: () => undefined });
    const link = await NatsLink.connect({ url: servers.nats, prefix });
    const bus = new NatsBus(link);
    const bars = testBars(120);
    const store = viaProxy();
    const worker = new ModelWorker({ link, store, params: DEFAULT_PARAMS, venues: VENUES, barMs: 60_000, ackWaitMs: 2000, flushEveryMs: 30, checkpointEveryMs: 10 * 60_000, coldStartMs: 0 });
    await worker.start();
    const readerStore = viaProxy();
    const replica = await startReplica({ cfg: ConfigSchema.parse({ venues: [...VENUES] }), link, store: readerStore, params: DEFAULT_PARAMS, venues: VENUES, probeEveryMs: 200, coldStartMs: 0 });

    bus.publish('bars', bars.slice(0, 120));
    await waitFor('first part stored', async () => (await direct.stats()).bars === 120);
    expect(replica.storeHealthy()).toBe(true);

    proxy.cut();
    bus.publish('bars', bars.slice(120, 300));
    await waitFor('the replica reports the store unhealthy', () => !replica.storeHealthy(), 5000, 50);
    await new Promise((r) => setTimeout(r, 3000)); // longer than ack_wait: held bars must not be redelivered
    expect(worker.stats.writeRetries).toBeGreaterThan(0);
    expect((await direct.stats()).bars).toBe(120);
    proxy.restore();
    bus.publish('bars', bars.slice(300));
    await waitFor('every bar stored', async () => (await direct.stats()).bars === bars.length, 30_000, 100);
    await waitFor('the replica reports the store healthy again', () => replica.storeHealthy(), 5000, 50);
    await waitFor('the replica caught up', () => replica.stats.barsApplied === bars.length, 10_000, 50);

    expect(await direct.readBars({ fromMs: bars[0]!.ts, toMs: bars[bars.length - 1]!.ts + 1 })).toHaveLength(bars.length);
    const whole = reference(bars);
    expect(worker.model.counters.barsAccepted).toBe(bars.length);
    expect(heatmapOf(worker.model, bars)).toEqual(heatmapOf(whole, bars));
    expect(heatmapOf(replica.model(), bars)).toEqual(heatmapOf(whole, bars));

    await replica.stop();
    await worker.stop();
    await link.close();
    await store.close();
    await readerStore.close();
    await direct.close();
    await proxy.close();
  }, 90_000);
});
