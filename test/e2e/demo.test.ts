// End to end: demo mode runs the live pipeline (mock venues → connectors → bars → model → store →
// API) on the simulator for a simulated hour; every venue-market connects and produces bars, the
// heatmap has heat, simulated liquidations arrive through the venue protocols, and the model's
// capture of those liquidations is well above chance.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app/run.js';
import { loadConfig } from '../../src/config/load.js';
import { DEFAULT_PARAMS } from '../../src/model/index.js';
import { scoreEvents } from '../../src/score/events-score.js';
import { cohortModelPort, constantInflowAblation, type ModelSetup } from '../../src/score/model-adapter.js';
import { SHIPPED_MMR } from '../../src/score/shipped.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { silentLogger } from '../../src/server/testing-log.js';
import { SIM_MARKETS } from '../../src/sim/markets.js';

const HOUR = 3_600_000;
/** 120 simulated seconds per second: the live hour takes 30 s of wall time. */
const SPEED = 120;

interface VenueRow {
  venue: string;
  market: string;
  connected: boolean;
  simulated: boolean;
}

let dataDir = '';
let app: RunningApp;
let server: RunningServer;
let liveStart = 0;

async function get<T>(p: string): Promise<T> {
  const res = await fetch(`${server.url}${p}`);
  expect(res.status, p).toBe(200);
  return (await res.json()) as T;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('demo mode end to end', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-e2e-'));
    const cfg = loadConfig({ env: {}, flags: { port: 0, host: '127.0.0.1', dataDir } });
    app = await startApp({ cfg, log: silentLogger, demo: { seed: 7, speed: SPEED, historyDays: 1 } });
    server = await startServer(app, silentLogger);
    const sim = app.demo?.sim;
    if (!sim) throw new Error('demo market missing');
    liveStart = Math.floor(sim.now / cfg.barMs) * cfg.barMs;
    // A simulated hour of live market, then the bars that end in it close and get written.
    await until('a simulated hour', () => sim.now >= liveStart + HOUR + 2 * cfg.barMs, 150_000);
    await until('the live hour in the model', () => (app.pipeline.model.latestTs() ?? 0) >= liveStart + HOUR, 30_000);
    await app.pipeline.flush();
  }, 240_000);

  afterAll(async () => {
    await server?.close();
    await app?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('connects every simulated venue-market through its protocol and builds live bars for each', async () => {
    const venues = await get<VenueRow[]>('/api/v1/venues');
    const listed = new Set(venues.map((v) => `${v.venue}|${v.market}`));
    for (const m of SIM_MARKETS) expect(listed, `${m.venue} ${m.market}`).toContain(`${m.venue}|${m.market}`);
    for (const v of venues) {
      expect(v.connected, `${v.venue} ${v.market} connected`).toBe(true);
      expect(v.simulated).toBe(true);
    }
    expect((await get<{ simulated: boolean }>('/api/v1/meta')).simulated).toBe(true);
    for (const m of SIM_MARKETS) {
      const q = new URLSearchParams({ venue: m.venue, market: m.market, from: String(liveStart), to: String(liveStart + HOUR) });
      const { bars } = await get<{ bars: { ts: number; gap: boolean }[] }>(`/api/v1/bars?${q}`);
      // Live bars of the whole hour (a bar or two may straddle a reconnect and be flagged).
      expect(bars.length, `${m.venue} ${m.market} live bars`).toBeGreaterThanOrEqual(55);
      expect(bars.filter((b) => !b.gap).length).toBeGreaterThanOrEqual(50);
    }
  });

  it('serves a non-empty heatmap over history and the live hour', async () => {
    const q = new URLSearchParams({ from: String(liveStart - 6 * HOUR), to: String(liveStart + HOUR), cols: '70', rows: '120' });
    const hm = await get<{ cells: number[][]; price: number | null }>(`/api/v1/heatmap?${q}`);
    expect(hm.price).toBeGreaterThan(0);
    const hot = hm.cells.flat().filter((v) => v > 0).length;
    expect(hot).toBeGreaterThan(100);
  });

  it('receives simulated liquidations through the venue protocols and captures them well above chance', async () => {
    const q = new URLSearchParams({ from: String(liveStart), to: String(liveStart + HOUR), limit: '50000' });
    const live = await get<{ count: number; liquidations: { venue: string }[] }>(`/api/v1/liquidations?${q}`);
    expect(live.count).toBeGreaterThan(20);
    // Venues that publish liquidations on their feeds: several of them delivered some.
    expect(new Set(live.liquidations.map((l) => l.venue)).size).toBeGreaterThanOrEqual(3);

    // Stored bars (history + live) and stored live liquidations through the scoring protocol.
    const bars = await app.store.readBars({ fromMs: liveStart - 24 * HOUR, toMs: liveStart + HOUR, durationMs: app.cfg.barMs });
    const events = await app.store.readLiquidations({ fromMs: liveStart, toMs: liveStart + HOUR });
    const setup: ModelSetup = { params: DEFAULT_PARAMS, mmr: SHIPPED_MMR };
    const result = scoreEvents({
      port: cohortModelPort,
      params: setup,
      ablation: constantInflowAblation(setup),
      bars,
      barGaps: [],
      events,
      horizons: [{ label: '15m', ms: 15 * 60_000 }],
      rowUsd: DEFAULT_PARAMS.bucketUsd,
      from: liveStart,
      to: liveStart + HOUR,
      replicates: 200,
      seed: 1,
    });
    const cap = result.metrics['capture@15m'];
    process.stderr.write(`demo e2e: capture@15m ${cap?.model?.toFixed(3)} (n ${cap?.n}, CI ${cap?.ci?.lo.toFixed(3)}–${cap?.ci?.hi.toFixed(3)}; chance 0.5)\n`);
    expect(cap?.n).toBeGreaterThan(20);
    expect(cap?.model).toBeGreaterThan(0.6);
  });
});
