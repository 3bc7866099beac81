// WebSocket stream: subscribe and receive each topic, heartbeats, slow-consumer cut-off, 1,000 clients.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { VenueHealth } from '../../feed/collector.js';
import { END, fixture, liquidation, type Fixture } from '../testing.js';

let f: Fixture;
let url: string;
const ajv = new Ajv2020({ strict: false });
let validServer: (m: unknown) => boolean;

beforeAll(async () => {
  f = await fixture({}, { heartbeatMs: 150, liveColumnMs: 100, maxBufferedBytes: 64 * 1024 });
  await f.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = f.app.server.address();
  url = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1/stream`;
  const schemas = (f.openapi.components as { schemas: Record<string, object> }).schemas;
  validServer = ajv.compile(schemas.StreamServerMessage!);
});
afterAll(async () => f.close());

type Msg = { type: string; [k: string]: unknown };

/** A client that records every message (validated against the OpenAPI document) and can wait for one. */
function client(): Promise<{ ws: WebSocket; msgs: Msg[]; next(type: string, pred?: (m: Msg) => boolean): Promise<Msg> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const msgs: Msg[] = [];
    const waiters: { type: string; pred: (m: Msg) => boolean; done: (m: Msg) => void }[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as Msg;
      if (!validServer(m)) throw new Error(`message not in the OpenAPI schema: ${d.toString().slice(0, 200)}`);
      msgs.push(m);
      for (const w of waiters.splice(0)) if (w.type === m.type && w.pred(m)) w.done(m);
      else waiters.push(w);
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        msgs,
        next: (type, pred = () => true) =>
          new Promise((done) => {
            const seen = msgs.find((m) => m.type === type && pred(m));
            if (seen) done(seen);
            else waiters.push({ type, pred, done });
          }),
      }),
    );
  });
}

function subscribe(ws: WebSocket, msg: object): void {
  ws.send(JSON.stringify({ op: 'subscribe', ...msg }));
}

describe('stream', () => {
  it('greets, subscribes and delivers liquidations, bars, venues and alerts', async () => {
    const c = await client();
    await c.next('hello');
    subscribe(c.ws, { topics: ['liquidations', 'bars', 'venues', 'alerts'], liquidations: { minUsd: 1000 } });
    await c.next('subscribed');
    f.bus.publish('liquidation', { ...liquidation(1), notionalUsd: 500 });
    f.bus.publish('liquidation', liquidation(2));
    const liq = await c.next('liquidation');
    expect((liq.data as { notionalUsd: number }).notionalUsd).toBe(liquidation(2).notionalUsd);
    expect(c.msgs.filter((m) => m.type === 'liquidation')).toHaveLength(1);
    f.bus.publish('bars', []);
    await c.next('bars');
    const health: VenueHealth = { venue: 'binance-usdm', markets: ['BTCUSDT'], connected: true, msgsPerSec: 12, lastMessageAgeMs: 40, reconnects: 1, gaps: 0, frames: 100, drops: {}, restErrors: 0, publishesLiquidations: true, notes: [] };
    f.bus.publish('venues', [health]);
    const v = await c.next('venues');
    expect((v.data as { venue: string; connected: boolean; lagMs: number }[])[0]).toMatchObject({ venue: 'binance-usdm', connected: true, lagMs: 40 });
    f.bus.publish('alerts', { id: 'a1', ts: END, kind: 'cluster', message: 'cluster near price' });
    expect(((await c.next('alert')).data as { id: string }).id).toBe('a1');
    c.ws.close();
  });

  it('sends heatmap columns: closed at each bar, live every tick', async () => {
    const c = await client();
    subscribe(c.ws, { topics: ['heatmap'], heatmap: { priceLo: 50_000, priceHi: 70_000, rows: 40, venues: ['binance-usdm'] } });
    const live = await c.next('heatmap', (m) => m.kind === 'live');
    expect(live).toMatchObject({ rows: 40, priceLo: 50_000, priceHi: 70_000 });
    const cells = live.cells as number[];
    expect(cells).toHaveLength(40);
    expect(cells.some((x) => x > 0)).toBe(true);
    f.bus.publish('column', { ts: END - 60_000 });
    const closed = await c.next('heatmap', (m) => m.kind === 'closed');
    expect(closed.ts).toBe(END - 60_000);
    c.ws.close();
  });

  it('sends one closed column for a burst of per-venue bar batches', async () => {
    const c = await client();
    const closed: number[] = [];
    c.ws.on('message', (d: Buffer) => {
      const m = JSON.parse(d.toString()) as { type: string; kind?: string; ts?: number };
      if (m.type === 'heatmap' && m.kind === 'closed') closed.push(m.ts!);
    });
    subscribe(c.ws, { topics: ['heatmap'], heatmap: { priceLo: 50_000, priceHi: 70_000, rows: 40 } });
    await c.next('subscribed');
    for (let i = 0; i < 11; i++) f.bus.publish('column', { ts: END - 60_000 });
    f.bus.publish('column', { ts: END - 120_000 });
    await new Promise((r) => setTimeout(r, 600));
    expect(closed).toEqual([END - 60_000]);
    c.ws.close();
  });

  it('answers bad requests with an error naming the field', async () => {
    const c = await client();
    c.ws.send('{"op":"subscribe","topics":["weather"]}');
    expect(String((await c.next('error')).param)).toContain('topics');
    subscribe(c.ws, { topics: ['heatmap'], heatmap: { leverage: [7] } });
    expect((await c.next('error', (m) => m.param === 'leverage')).message).toMatch(/leverage/);
    c.ws.send('not json');
    await c.next('error', (m) => String(m.message).startsWith('message:'));
    c.ws.send(JSON.stringify({ op: 'ping' }));
    await c.next('pong');
    c.ws.close();
  });

  it('heartbeats, and cuts off a peer that stops answering pings', async () => {
    const c = await client();
    await c.next('heartbeat');
    const before = f.hub.counters.deadPeers;
    const size = f.hub.size;
    // Stop reading: pings go unanswered, so the server drops this client after two heartbeats.
    c.ws.pause();
    while (f.hub.counters.deadPeers === before) await new Promise((r) => setTimeout(r, 50));
    expect(f.hub.counters.deadPeers).toBe(before + 1);
    expect(f.hub.size).toBe(size - 1);
    c.ws.terminate();
  });

  it('cuts off a slow consumer without holding back the others', async () => {
    const slow = await client();
    const fast = await client();
    subscribe(slow.ws, { topics: ['liquidations'] });
    subscribe(fast.ws, { topics: ['liquidations'] });
    await slow.next('subscribed');
    await fast.next('subscribed');
    slow.ws.pause();
    const cutBefore = f.hub.counters.slowConsumers;
    const big = 'x'.repeat(4000);
    // Far more than the server's 64 KiB limit plus the socket buffers.
    for (let i = 0; i < 4000 && f.hub.counters.slowConsumers === cutBefore; i++) {
      f.bus.publish('liquidation', { ...liquidation(i), market: big });
      if (i % 200 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    expect(f.hub.counters.slowConsumers).toBe(cutBefore + 1);
    f.bus.publish('liquidation', { ...liquidation(9), market: 'LAST' });
    await fast.next('liquidation', (m) => (m.data as { market: string }).market === 'LAST');
    fast.ws.close();
    slow.ws.terminate();
  });

  it('serves 1,000 concurrent clients', async () => {
    // Its own server with the default heartbeat: 1,000 clients in one test process answer pings late.
    const g = await fixture({ rateLimitPerMin: 100_000 });
    try {
      await g.app.listen({ host: '127.0.0.1', port: 0 });
      const addr = g.app.server.address();
      const u = `ws://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/v1/stream`;
      const n = 1000;
      let received = 0;
      const ready: Promise<void>[] = [];
      const done: Promise<void>[] = [];
      const sockets: WebSocket[] = [];
      for (let i = 0; i < n; i++) {
        const ws = new WebSocket(u);
        sockets.push(ws);
        ready.push(new Promise((res, rej) => {
          ws.on('error', rej);
          ws.on('open', () => ws.send(JSON.stringify({ op: 'subscribe', topics: ['liquidations'] })));
          ws.on('message', (d) => {
            if (d.toString().startsWith('{"type":"subscribed"')) res();
          });
        }));
        done.push(new Promise((res) => ws.on('message', (d) => {
          if (d.toString().includes('"FANOUT"')) {
            received++;
            res();
          }
        })));
      }
      await Promise.all(ready);
      expect(g.hub.size).toBe(n);
      g.bus.publish('liquidation', { ...liquidation(3), market: 'FANOUT' });
      await Promise.all(done);
      expect(received).toBe(n);
      for (const ws of sockets) ws.terminate();
    } finally {
      await g.close();
    }
  }, 60_000);
});
