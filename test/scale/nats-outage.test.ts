// Faults on the bus side. NATS down: the collector buffers (bounded in memory, then on disk) and
// publishes everything after, in order. Collector restart: what it publishes again around the
// restart (its spool, a replayed source) is dropped by message id; the stream holds each once.
// Runs against a private nats-server this test may stop and start (never the shared one).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bar } from '../../src/bars/bar.js';
import { NatsLink } from '../../src/bus/link.js';
import { ConfigSchema } from '../../src/config/schema.js';
import { startCollect } from '../../src/scale/collect.js';
import { readStream, scriptedSource, SERIES, tradeAt, uniquePrefix, VENUES, waitFor } from './support.js';

const NATS_BIN = '/usr/sbin/nats-server';
const skip = fs.existsSync(NATS_BIN) ? null : `${NATS_BIN} not installed`;
const cfg = ConfigSchema.parse({ venues: [...VENUES], lateGraceMs: 0 });

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

class PrivateNats {
  private proc: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}
  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.proc = spawn(NATS_BIN, ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.dir], { stdio: 'ignore' });
    await waitFor('nats-server up', () => new Promise((r) => net.connect(this.port, '127.0.0.1').once('connect', function (this: net.Socket) { this.destroy(); r(true); }).once('error', () => r(false))), 10_000);
  }
  async stop(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    if (!p || p.exitCode !== null) return;
    p.kill('SIGTERM');
    await new Promise((r) => p.once('exit', r));
  }
}

/** Events and bars in the stream: no id twice, bars per venue-market strictly ascending. */
async function streamContents(link: NatsLink): Promise<{ events: string[]; bars: Bar[] }> {
  const events = (await readStream(link, link.subjects.allEvents)).map((m) => m.data);
  const bars = (await readStream(link, link.subjects.allBars)).map((m) => JSON.parse(m.data) as Bar);
  return { events, bars };
}

function expectBarsOnceInOrder(bars: readonly Bar[], minutes: number): void {
  for (const s of SERIES) {
    const ts = bars.filter((b) => b.venue === s.venue && b.market === s.market).map((b) => b.ts);
    expect(ts.length).toBe(minutes);
    for (let i = 1; i < ts.length; i++) expect(ts[i]! - ts[i - 1]!).toBe(60_000);
  }
}

describe.skipIf(skip !== null)(`scale-out: NATS outage and collector restart${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let nats: PrivateNats;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-nats-'));
  beforeAll(async () => {
    nats = new PrivateNats(await freePort(), path.join(tmp, 'js'));
    await nats.start();
  });
  afterAll(async () => {
    await nats.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('NATS down: collectors buffer, bounded in memory then on disk, and publish everything after, in order', async () => {
    const prefix = uniquePrefix('outage');
    const spoolDir = path.join(tmp, 'spool-outage');
    const link = await NatsLink.connect({ url: nats.url, prefix, spoolDir, maxMemory: 200 });
    const src = scriptedSource();
    const c = await startCollect({ cfg, venues: VENUES, link, source: src, now: () => 0 });
    const perMinute = 60 * SERIES.length;
    src.emit(0, 5 * perMinute);
    await c.flush();
    await nats.stop();
    // About 3 s of outage (the mechanism does not depend on its length), events keep coming.
    for (let m = 5; m < 20; m++) {
      src.emit(m * perMinute, (m + 1) * perMinute);
      await new Promise((r) => setTimeout(r, 200));
    }
    const during = link.publisher.stats();
    expect(during.pending).toBeGreaterThan(200);
    expect(during.onDisk).toBeGreaterThan(0);
    expect(during.pending - during.onDisk).toBeLessThanOrEqual(200 + 256); // memory bound (+ one send window)
    expect(fs.readdirSync(spoolDir).length).toBeGreaterThan(0);
    await nats.start();
    src.emit(20 * perMinute, 21 * perMinute + SERIES.length); // one event per series into minute 21
    await Promise.race([c.flush(), new Promise((_r, j) => setTimeout(() => j(new Error('not drained')), 30_000))]);
    const after = link.publisher.stats();
    expect(after).toMatchObject({ pending: 0, onDisk: 0, dropped: 0 });
    expect(fs.readdirSync(spoolDir)).toEqual([]);
    const { events, bars } = await streamContents(link);
    const total = 21 * perMinute + SERIES.length;
    expect(events.length).toBe(total);
    // In order: the i-th stored event is the i-th emitted.
    events.forEach((d, i) => expect(JSON.parse(d)).toEqual(tradeAt(i)));
    expectBarsOnceInOrder(bars, 22); // flush() also closed minute 21
    await c.stop();
    await link.jsm.streams.delete(link.subjects.stream);
    await link.close();
  }, 60_000);

  it('collector restart: what is published again around the restart is removed by message id', async () => {
    const prefix = uniquePrefix('restart');
    const spoolDir = path.join(tmp, 'spool-restart');
    const perMinute = 60 * SERIES.length;
    // First run: publishes 10 minutes, then "crashes" with part of its output still spooled on disk.
    const link1 = await NatsLink.connect({ url: nats.url, prefix, spoolDir, maxMemory: 50 });
    const src1 = scriptedSource();
    const c1 = await startCollect({ cfg, venues: VENUES, link: link1, source: src1, now: () => 0 });
    src1.emit(0, 10 * perMinute);
    await waitFor('part of the first run acknowledged', () => link1.publisher.stats().published > 3 * perMinute, 10_000, 5);
    link1.publisher.stop();
    await link1.nc.close(); // no flush, no goodbye: what was spooled stays on disk
    const leftOnDisk = fs.readdirSync(spoolDir).length;
    expect(leftOnDisk).toBeGreaterThan(0);
    void c1;

    // Second run: re-sends the spool, and its source replays from minute 4 (overlap with the first run).
    const link2 = await NatsLink.connect({ url: nats.url, prefix, spoolDir, maxMemory: 50 });
    const src2 = scriptedSource();
    const c2 = await startCollect({ cfg, venues: VENUES, link: link2, source: src2, now: () => 0 });
    src2.emit(4 * perMinute, 16 * perMinute + SERIES.length);
    await c2.flush();
    expect(link2.publisher.stats().duplicates).toBeGreaterThan(0);
    const { events, bars } = await streamContents(link2);
    const ids = new Set(events);
    expect(ids.size).toBe(events.length);
    expect(events.length).toBe(16 * perMinute + SERIES.length);
    // Bars: minute 4's bar was built twice (partial in the second run) — the first one wins; one per minute.
    expectBarsOnceInOrder(bars, 17); // minutes 0..16 (flush() closed the last)
    await c2.stop();
    await link2.jsm.streams.delete(link2.subjects.stream);
    await link2.close();
  }, 60_000);
});
