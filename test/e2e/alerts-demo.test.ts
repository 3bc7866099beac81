// Issue 12 end to end: in demo mode a sweep-and-reverse happens in the simulated market, fires a
// rule created over REST, and reaches a WebSocket client and a signed webhook. Prints the latency
// from the triggering bar's close (the model's column) to each delivery.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { verify } from '../../src/alerts/webhook.js';
import { startApp, type RunningApp } from '../../src/app/run.js';
import { loadConfig } from '../../src/config/load.js';
import { log } from '../../src/log.js';
import { startServer, type RunningServer } from '../../src/server/index.js';

interface Delivered {
  readonly id: string;
  readonly ts: number;
  readonly at: number;
}

let app: RunningApp;
let server: RunningServer;
let receiver: http.Server;
let hookUrl = '';
let dir = '';
const hooks: (Delivered & { verified: boolean })[] = [];
const wsAlerts: Delivered[] = [];
/** Wall time at which the model published the column of each bar ts. */
const columnAt = new Map<number, number>();
let secret = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-alerts-e2e-'));
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const f = JSON.parse(body) as { id: string; ts: number };
      const ok = verify(secret, Number(req.headers['x-liqmap-timestamp']), body, String(req.headers['x-liqmap-signature']), Date.now());
      hooks.push({ id: f.id, ts: f.ts, at: Date.now(), verified: ok });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const cfg = loadConfig({ env: {}, flags: { dataDir: dir, port: 0, logLevel: 'warn', alertsAllowPrivateTargets: true } });
  app = await startApp({ cfg, log, demo: { seed: 7, speed: 120, historyDays: 0.25 } });
  app.bus.subscribe('column', (c) => {
    if (!columnAt.has(c.ts)) columnAt.set(c.ts, Date.now());
  });
  server = await startServer(app, log, { logRequests: false });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await app?.stop();
  await new Promise<void>((r) => receiver?.close(() => r()));
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until(cond: () => boolean, ms: number): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function p99(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.99 * s.length) - 1)] ?? NaN;
}

describe('alerts in demo mode', () => {
  it('a simulated sweep-and-reverse reaches a WebSocket client and a signed webhook', async () => {
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/api/v1/stream`);
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as { type: string; data?: { id: string; ts: number } };
      if (m.type === 'alert' && m.data) wsAlerts.push({ id: m.data.id, ts: m.data.ts, at: Date.now() });
    });
    await new Promise<void>((r) => ws.once('open', () => r()));
    ws.send(JSON.stringify({ op: 'subscribe', topics: ['alerts'] }));

    const res = await fetch(`${server.url}/api/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'sweep-reverse', minUsd: 250_000, windowMin: 5, reversePct: 0.15, withinMin: 60, cooldownMin: 0, webhook: { url: hookUrl } }),
    });
    expect(res.status).toBe(201);
    secret = ((await res.json()) as { webhookSecret: string }).webhookSecret;

    await until(() => hooks.length > 0 && wsAlerts.length > 0, 150_000);
    await new Promise((r) => setTimeout(r, 3000)); // let further firings arrive for the latency figure
    ws.close();

    expect(hooks.every((h) => h.verified)).toBe(true);
    // Every firing reaches both channels, once each.
    const wsIds = new Set(wsAlerts.map((a) => a.id));
    for (const h of hooks) expect(wsIds.has(h.id)).toBe(true);
    expect(new Set(hooks.map((h) => h.id)).size).toBe(hooks.length);
    const history = (await (await fetch(`${server.url}/api/v1/alerts/history`)).json()) as { id: string; kind: string; detail: { extreme: number } }[];
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((f) => f.kind === 'sweep-reverse' && f.detail.extreme > 0)).toBe(true);

    const lat = (xs: Delivered[]) => xs.map((d) => d.at - (columnAt.get(d.ts) ?? d.at)).filter((x) => x >= 0);
    const wsLat = lat(wsAlerts);
    const hookLat = lat(hooks);
    console.log(`alerts e2e: ${hooks.length} firings; bar close → WS p99 ${p99(wsLat)} ms, → webhook p99 ${p99(hookLat)} ms (n=${hookLat.length})`);
    expect(hookLat.length).toBeGreaterThan(0);
  }, 200_000);
});
