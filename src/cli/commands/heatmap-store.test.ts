import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBus } from '../../app/bus.js';
import { Pipeline } from '../../app/pipeline.js';
import { VENUE_IDS } from '../../core/events.js';
import { DEFAULT_PARAMS, checkpoint } from '../../model/index.js';
import { Simulator } from '../../sim/simulator.js';
import { SqliteStore } from '../../store/sqlite/store.js';
import { modelFromStore } from './heatmap-store.js';

let dir = '';
let pipelineBytes: Buffer;
let endTs = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-heatmap-store-'));
  const store = SqliteStore.open(dir);
  const p = new Pipeline({ store, bus: new LocalBus(), params: DEFAULT_PARAMS, venues: [...VENUE_IDS], barMs: 60_000, graceMs: 2000, checkpointEveryMs: 40 * 60_000, checkpointMinWallMs: 0 });
  const sim = new Simulator({ seed: 5, markEveryMs: 5000 });
  await p.warm(sim.now);
  sim.runUntil(sim.now + 2 * 3_600_000, (ev) => {
    for (const e of ev) p.onEvent(e);
  });
  await p.close();
  pipelineBytes = Buffer.from(checkpoint(p.model));
  endTs = ((await store.stats()).lastTs ?? 0) + 60_000;
  await store.close();
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('liqmap heatmap from the store', () => {
  it('rebuilds the model the pipeline had: its checkpoint plus the stored bars after it', async () => {
    const r = await modelFromStore({ dataDir: dir, rangeMs: 3_600_000, params: DEFAULT_PARAMS });
    expect(r.at).toBe(endTs);
    expect(Buffer.from(checkpoint(r.model)).equals(pipelineBytes)).toBe(true);
    expect(r.high).toBeGreaterThan(r.low);
  });

  it('answers the CLI without --bars, and says what to do when there is no store', () => {
    const out = execFileSync('node', ['bin/liqmap.mjs', 'heatmap', '--data-dir', dir, '--view', 'clusters', '--top', '3'], { encoding: 'utf8' });
    const body = JSON.parse(out) as { price: number; clusters: { usd: number }[] };
    expect(body.price).toBeGreaterThan(0);
    expect(body.clusters.length).toBeGreaterThan(0);
    let err = '';
    try {
      execFileSync('node', ['bin/liqmap.mjs', 'heatmap', '--data-dir', path.join(dir, 'nope')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
      expect((e as { status: number }).status).toBe(2);
    }
    expect(err).toMatch(/no store in .*nope/);
  });
});
