// Scale-out alerts: a rule created through a serve replica's REST API is picked up by the model process
// (rules reloaded from PostgreSQL), fires on a large liquidation, and reaches the replica's WebSocket
// `alerts` topic through NATS; the firing is in the shared history.
import WebSocket from 'ws';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresAlertStore } from '../../src/alerts/postgres-store.js';
import { NatsLink } from '../../src/bus/link.js';
import { NatsBus } from '../../src/bus/nats.js';
import { ConfigSchema } from '../../src/config/schema.js';
import type { LiquidationEvent } from '../../src/core/events.js';
import { DEFAULT_PARAMS } from '../../src/model/index.js';
import { ModelWorker } from '../../src/scale/model-worker.js';
import { serveReplica } from '../../src/scale/serve-replica.js';
import { silentLogger } from '../../src/server/testing-log.js';
import { PgSchemas, uniqueSchema, withSchema } from '../../src/store/postgres/test-support.js';
import { dropStream, T0, testBars, testServers, uniquePrefix, VENUES, waitFor } from './support.js';

const servers = await testServers();

describe.skipIf(servers.skip !== null)(`scale-out: alerts${servers.skip ? ` (skipped: ${servers.skip})` : ''}`, () => {
  const prefix = uniquePrefix('alerts');
  const schemas = new PgSchemas(servers.pg);
  afterAll(async () => {
    await dropStream(servers.nats, prefix);
    await schemas.dropAll();
  });

  it('a rule created on a replica fires in the model process and reaches the replica WebSocket', async () => {
    const schema = uniqueSchema('alerts');
    const db = withSchema(servers.pg, schema);
    const store = schemas.open({ schema });
    const alertStore = PostgresAlertStore.open(db);
    const link = await NatsLink.connect({ url: servers.nats, prefix });
    const bus = new NatsBus(link);
    const worker = new ModelWorker({
      link,
      store,
      params: DEFAULT_PARAMS,
      venues: VENUES,
      barMs: 60_000,
      flushEveryMs: 30,
      coldStartMs: 0,
      alerts: { store: alertStore, reloadEveryMs: 200 },
    });
    await worker.start();
    const cfg = ConfigSchema.parse({ port: 0, bus: servers.nats, db, venues: [...VENUES], rateLimitPerMin: 10_000_000 });
    const served = await serveReplica(cfg, silentLogger, { prefix, coldStartMs: 0 });
    const ws = new WebSocket(`${served.url.replace(/^http/, 'ws')}/api/v1/stream`);
    try {
      const received: { type: string; data?: Record<string, unknown> }[] = [];
      ws.on('message', (d: Buffer) => received.push(JSON.parse(d.toString()) as { type: string }));
      await new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      });
      ws.send(JSON.stringify({ op: 'subscribe', topics: ['alerts'] }));
      await waitFor('subscribed', () => received.some((m) => m.type === 'subscribed'), 10_000);

      const res = await fetch(`${served.url}/api/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'large-liquidation', name: 'whale', minUsd: 100_000 }),
      });
      expect(res.status).toBe(201);
      const ruleId = ((await res.json()) as { rule: { id: string } }).rule.id;
      // The replica's own list has it at once; the model process within its reload period.
      const listed = (await (await fetch(`${served.url}/api/v1/alerts`)).json()) as { id: string }[];
      expect(listed.map((r) => r.id)).toEqual([ruleId]);
      await waitFor('the model process loads the rule', () => worker.alerts?.list().some((r) => r.id === ruleId) ?? false, 10_000);

      const liq: LiquidationEvent = { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: T0 + 10_000, recvTs: T0 + 10_015, price: 60_000, qty: 10, notionalUsd: 600_000, side: 'long' };
      bus.publishEvent(liq);
      await link.publisher.flush();
      await waitFor('the liquidation stored', () => worker.stats.liquidationsStored >= 1, 20_000);
      bus.publish('bars', testBars(2));
      await link.publisher.flush();

      await waitFor('the alert on the replica WebSocket', () => received.some((m) => m.type === 'alert'), 30_000);
      const alert = received.find((m) => m.type === 'alert')!.data!;
      expect(alert).toMatchObject({ ruleId, kind: 'large-liquidation', side: 'long', usd: 600_000, price: 60_000 });
      const history = (await (await fetch(`${served.url}/api/v1/alerts/history`)).json()) as { id: string }[];
      expect(history.map((f) => f.id)).toEqual([alert.id]);

      // Deleted on the replica: the model process drops it within its reload period.
      expect((await fetch(`${served.url}/api/v1/alerts/${ruleId}`, { method: 'DELETE' })).status).toBe(204);
      await waitFor('the model process drops the rule', () => !(worker.alerts?.list().length ?? 0), 10_000);
    } finally {
      ws.close();
      await served.stop();
      await worker.stop();
      await link.close();
      await alertStore.close();
      await store.close();
    }
  }, 90_000);
});
