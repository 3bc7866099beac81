import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Deliverer } from './deliverer.js';
import { SqliteAlertStore } from './sqlite-store.js';
import { checkTarget, isPrivateAddress } from './ssrf.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, post, verify } from './webhook.js';

interface Hit {
  body: string;
  headers: http.IncomingHttpHeaders;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function receiver(answer: (n: number) => number | 'hang'): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push({ body, headers: req.headers });
      const a = answer(hits.length);
      if (a === 'hang') return;
      res.writeHead(a).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  cleanup.push(() => void server.closeAllConnections());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

function store(): { store: SqliteAlertStore; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-alerts-'));
  const s = SqliteAlertStore.open(dir);
  cleanup.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { store: s, dir };
}

const SECRET = 'a-secret-of-enough-length';

function deliverer(s: SqliteAlertStore, clock: { t: number }, over: Partial<ConstructorParameters<typeof Deliverer>[0]> = {}) {
  return new Deliverer({ store: s, secretFor: async () => SECRET, allowPrivate: true, baseDelayMs: 1000, maxAttempts: 3, timeoutMs: 300, now: () => clock.t, ...over });
}

describe('webhooks', () => {
  it('signs the body so the receiver can verify it, with an idempotency key', async () => {
    const rx = await receiver(() => 200);
    const { store: s } = store();
    const clock = { t: 1_767_571_200_000 };
    await s.enqueue({ id: 'f1', ruleId: 'r1', url: rx.url, body: '{"kind":"sweep"}', nextTs: clock.t });
    await deliverer(s, clock).kick();
    expect(rx.hits).toHaveLength(1);
    const h = rx.hits[0] as Hit;
    const ts = Number(h.headers[TIMESTAMP_HEADER]);
    expect(verify(SECRET, ts, h.body, String(h.headers[SIGNATURE_HEADER]), clock.t)).toBe(true);
    expect(verify(SECRET, ts, `${h.body} `, String(h.headers[SIGNATURE_HEADER]), clock.t)).toBe(false);
    expect(verify('another-secret-xxxxxxxx', ts, h.body, String(h.headers[SIGNATURE_HEADER]), clock.t)).toBe(false);
    expect(h.headers[IDEMPOTENCY_HEADER]).toBe('f1');
    expect((await s.deliveries({ state: 'delivered', limit: 10 })).map((d) => d.id)).toEqual(['f1']);
    await s.close();
  });

  it('retries 5xx and timeouts with backoff, then dead-letters after the last try', async () => {
    const rx = await receiver((n) => (n === 1 ? 503 : n === 2 ? 'hang' : 500));
    const { store: s } = store();
    const clock = { t: 1_767_571_200_000 };
    const d = deliverer(s, clock);
    await s.enqueue({ id: 'f2', ruleId: 'r1', url: rx.url, body: '{}', nextTs: clock.t });
    await d.kick();
    expect((await s.due(clock.t, 10)).length).toBe(0); // backing off
    clock.t += 1000;
    await d.kick(); // times out
    clock.t += 2000;
    await d.kick(); // 500, third and last try
    expect(rx.hits).toHaveLength(3);
    const dead = await s.deliveries({ state: 'dead', limit: 10 });
    expect(dead).toMatchObject([{ id: 'f2', attempts: 3, lastError: 'HTTP 500' }]);
    expect(d.stats).toMatchObject({ retried: 2, dead: 1 });
    await s.close();
  });

  it('delivers each firing once across a restart', async () => {
    const rx = await receiver(() => 200);
    const { store: s1, dir } = store();
    const clock = { t: 1_767_571_200_000 };
    await s1.enqueue({ id: 'f3', ruleId: 'r1', url: rx.url, body: '{}', nextTs: clock.t });
    await s1.enqueue({ id: 'f4', ruleId: 'r1', url: rx.url, body: '{}', nextTs: clock.t + 60_000 });
    await deliverer(s1, clock).kick();
    await s1.close();
    const s2 = SqliteAlertStore.open(dir);
    await s2.enqueue({ id: 'f3', ruleId: 'r1', url: rx.url, body: '{}', nextTs: clock.t }); // re-fired after restart: ignored
    clock.t += 60_000;
    await deliverer(s2, clock).kick();
    expect(rx.hits.map((h) => h.headers[IDEMPOTENCY_HEADER])).toEqual(['f3', 'f4']);
    await s2.close();
  });

  it('refuses private, loopback and link-local targets unless allowed, also at connect time', async () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '0.0.0.0']) {
      expect(isPrivateAddress(ip)).toBe(true);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '2606:4700::1111']) expect(isPrivateAddress(ip)).toBe(false);
    expect(await checkTarget('http://127.0.0.1:9/x', false)).toMatch(/private|loopback/);
    expect(await checkTarget('http://localhost/x', false)).toMatch(/loopback/);
    expect(await checkTarget('http://[::1]/x', false)).toMatch(/private|loopback/);
    expect(await checkTarget('http://169.254.169.254/latest', false)).toMatch(/link-local|private/);
    expect(await checkTarget('http://user:pw@8.8.8.8/x', false)).toMatch(/credentials/);
    expect(await checkTarget('http://127.0.0.1:9/x', true)).toBeNull();
    // A name that resolves to loopback is refused when the request connects, not only up front.
    const rx = await receiver(() => 200);
    const viaName = rx.url.replace('127.0.0.1', 'localhost');
    const res = await post(viaName, '{}', {}, { timeoutMs: 500, allowPrivate: false });
    expect(res).toMatchObject({ ok: false, retry: false });
    expect(res.error).toMatch(/refused/);
    expect(rx.hits).toHaveLength(0);
  });
});
