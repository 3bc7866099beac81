import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertService } from '../../alerts/service.js';
import { SqliteAlertStore } from '../../alerts/sqlite-store.js';
import { fixture, type Fixture } from '../testing.js';

let f: Fixture;
let svc: AlertService;
let store: SqliteAlertStore;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-alert-routes-'));
  store = SqliteAlertStore.open(dir);
  let model: Fixture['deps']['model'] = () => {
    throw new Error('not ready');
  };
  svc = new AlertService({ store, bus: { publish: () => undefined, subscribe: () => () => undefined }, model: () => model(), livePrice: () => null });
  f = await fixture({}, {}, { alerts: svc });
  model = f.deps.model;
  await svc.start();
});

afterAll(async () => {
  await svc.stop();
  await store.close();
  await f.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('/api/v1/alerts', () => {
  it('creates a rule (201) and returns the webhook secret once', async () => {
    const body = { kind: 'approach', side: 'both', distancePct: 1, minUsd: 1_000_000, venues: ['binance-usdm'], webhook: { url: 'https://8.8.8.8/hook' } };
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/alerts', payload: body });
    expect(r.statusCode).toBe(201);
    const created = r.json<{ rule: { id: string; kind: string; webhook: { url: string } }; webhookSecret: string }>();
    expect(created.rule).toMatchObject({ kind: 'approach', distancePct: 1, minUsd: 1_000_000, cooldownMin: 30 });
    expect(created.webhookSecret).toMatch(/^[0-9a-f]{48}$/);
    const one = await f.app.inject({ url: `/api/v1/alerts/${created.rule.id}` });
    expect(one.statusCode).toBe(200);
    expect(JSON.stringify(one.json())).not.toContain(created.webhookSecret);
    const list = await f.app.inject({ url: '/api/v1/alerts' });
    expect(list.json<{ id: string }[]>().map((x) => x.id)).toContain(created.rule.id);
  });

  it('answers 400 naming the field for an invalid rule or an unsafe webhook target', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'approach', minUsd: 1e6 }, 'distancePct'],
      [{ kind: 'nope', minUsd: 1e6 }, 'kind'],
      [{ kind: 'sweep', minUsd: 'lots' }, 'minUsd'],
      [{ kind: 'sweep', minUsd: 1e6, webhook: { url: 'http://127.0.0.1:8080/x' } }, 'webhook.url'],
      [{ kind: 'sweep', minUsd: 1e6, webhook: { url: 'http://169.254.169.254/latest/meta-data' } }, 'webhook.url'],
      [{ kind: 'sweep', minUsd: 1e6, extra: true }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const r = await f.app.inject({ method: 'POST', url: '/api/v1/alerts', payload: body as object });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      const err = r.json<{ error: string; param: string; message: string }>();
      if (field !== 'kind') expect(err.param).toBe(field);
      expect(err.message.length).toBeGreaterThan(5);
    }
    const notJson = await f.app.inject({ method: 'POST', url: '/api/v1/alerts', headers: { 'content-type': 'application/json' }, payload: '{oops' });
    expect(notJson.statusCode).toBe(400);
  });

  it('lists history and deliveries, deletes rules, and 404s unknown ids', async () => {
    expect((await f.app.inject({ url: '/api/v1/alerts/history?limit=5' })).statusCode).toBe(200);
    expect((await f.app.inject({ url: '/api/v1/alerts/deliveries?state=dead' })).statusCode).toBe(200);
    expect((await f.app.inject({ url: '/api/v1/alerts/history?limit=0' })).statusCode).toBe(400);
    const r = await f.app.inject({ method: 'POST', url: '/api/v1/alerts', payload: { kind: 'large-liquidation', minUsd: 5e6 } });
    const id = r.json<{ rule: { id: string } }>().rule.id;
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/alerts/${id}` })).statusCode).toBe(204);
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/alerts/${id}` })).statusCode).toBe(404);
    expect((await f.app.inject({ url: '/api/v1/alerts/not-an-id' })).statusCode).toBe(400);
  });
});
