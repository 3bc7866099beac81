// Fault: kill -9 the model process mid-stream, restart it. It resumes from its durable consumer
// and last checkpoint; the heatmap equals an uninterrupted run; no bar lost, none counted twice.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NatsLink } from '../../src/bus/link.js';
import { NatsBus } from '../../src/bus/nats.js';
import { rulesFor } from '../../src/exchanges/rules.js';
import { heatmapColumn } from '../../src/app/heatmap-column.js';
import { restoreModel } from '../../src/model/index.js';
import { PgSchemas, withSchema, uniqueSchema } from '../../src/store/postgres/test-support.js';
import { dropStream, heatmapOf, reference, testBars, testServers, uniquePrefix, VENUES, waitFor } from './support.js';

const servers = await testServers();
const root = path.resolve(import.meta.dirname, '../..');

function startChild(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/scale/model-child.ts')], {
    cwd: root,
    env: { ...process.env, ...env, LIQMAP_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function ready(c: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let err = '';
    c.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('ready')) resolve();
    });
    c.once('exit', (code) => reject(new Error(`model child exited ${code}: ${err}`)));
  });
}

describe.skipIf(servers.skip !== null)(`scale-out: model process killed with SIGKILL mid-stream${servers.skip ? ` (skipped: ${servers.skip})` : ''}`, () => {
  const prefix = uniquePrefix('kill');
  const schemas = new PgSchemas(servers.pg);
  const schema = uniqueSchema('kill');
  afterAll(async () => {
    await dropStream(servers.nats, prefix);
    await schemas.dropAll();
  });

  it('resumes from the durable consumer and checkpoint: same heatmap, every bar stored once, none applied twice', async () => {
    const outFile = path.join(os.tmpdir(), `${prefix}.json`);
    const bars = testBars(240);
    const store = schemas.open({ schema });
    const link = await NatsLink.connect({ url: servers.nats, prefix });
    const bus = new NatsBus(link);
    const env = { CHILD_DB: withSchema(servers.pg, schema), CHILD_BUS: servers.nats, CHILD_PREFIX: prefix, CHILD_VENUES: VENUES.join(','), CHILD_OUT: outFile };
    const first = startChild(env);
    await ready(first);
    // Publish in small steps while the model runs; kill it once part of the stream is stored.
    let sent = 0;
    const publishSome = async (n: number): Promise<void> => {
      bus.publish('bars', bars.slice(sent, sent + n));
      sent = Math.min(bars.length, sent + n);
      await link.publisher.flush();
    };
    while ((await store.stats()).bars < bars.length * 0.4) {
      await publishSome(9);
      await new Promise((r) => setTimeout(r, 10));
    }
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const storedAtKill = (await store.stats()).bars;
    expect(storedAtKill).toBeLessThan(bars.length);
    expect((await store.stats()).checkpoints).toBeGreaterThan(0);
    await publishSome(bars.length); // the rest, while the model is down

    const second = startChild(env);
    await ready(second);
    await waitFor('every bar stored', async () => (await store.stats()).bars === bars.length, 60_000, 200);
    const info = await link.jsm.consumers.info(link.subjects.stream, 'liqmap-model');
    await waitFor('every bar acknowledged', async () => {
      const i = await link.jsm.consumers.info(link.subjects.stream, 'liqmap-model');
      return i.num_ack_pending === 0 && i.num_pending === 0;
    });
    expect(info.name).toBe('liqmap-model');
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    const res = JSON.parse(fs.readFileSync(outFile, 'utf8')) as { stats: { duplicatesIgnored: number; replayed: number }; model: string };
    const resumed = restoreModel(new Uint8Array(Buffer.from(res.model, 'base64')), rulesFor);
    const whole = reference(bars);

    // No bar lost: the store holds exactly the bars published.
    const stored = await store.readBars({ fromMs: bars[0]!.ts, toMs: bars[bars.length - 1]!.ts + 1 });
    expect(stored.length).toBe(bars.length);
    // None counted twice: the resumed model accepted each bar once and skipped none as duplicate.
    expect(resumed.counters.barsAccepted).toBe(whole.counters.barsAccepted);
    expect(resumed.counters.skipped).toEqual(whole.counters.skipped);
    expect(resumed.stats().aliveUsd).toBeCloseTo(whole.stats().aliveUsd, 6);
    // The restart did see deliveries it already held (they were recognised, not re-applied).
    expect(res.stats.duplicatesIgnored + res.stats.replayed).toBeGreaterThan(0);
    const grid = heatmapOf(resumed, bars);
    expect(grid.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(grid).toEqual(heatmapOf(whole, bars));
    // One heatmap column per minute, equal to the uninterrupted model's book at each bar's end.
    const minutes = [...new Set(bars.map((b) => b.ts))];
    const columns = await store.readHeatmapColumns({ fromMs: minutes[0]!, toMs: minutes[minutes.length - 1]! + 1 });
    expect(columns.map((c) => c.ts)).toEqual(minutes);
    for (const c of columns.filter((_, i) => i % 20 === 0)) {
      const want = heatmapColumn(whole, c.ts, 60_000);
      expect(c.price).toBe(want?.price);
      expect(c.longUsd).toEqual(want?.longUsd);
      expect(c.shortUsd).toEqual(want?.shortUsd);
    }
    fs.rmSync(outFile, { force: true });
    await link.close();
    await store.close();
  }, 120_000);
});
