// `liqmap record --venues all` then `liqmap replay` (events and --bars) round-trip every venue.
// While the child records, the same collectors run in-process with the recorder's sinks, so the
// events the live parse produced can be compared with what replaying that capture gives back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bar } from '../../src/bars/bar.js';
import { VENUE_IDS, type MarketEvent, type VenueId } from '../../src/core/events.js';
import type { DemoMarket } from '../../src/demo/driver.js';
import { openCaptureWriter } from '../../src/feed/capture.js';
import type { VenueHealth } from '../../src/feed/collector.js';
import { startFeed } from '../../src/feed/runtime.js';
import { ALL_MARKETS, jsonl, mockConfig, mockEnv, runCli, startMarket, type CliResult } from './support.js';

const RECORD_S = 8;
/** Broken lines spliced into the in-process capture: a line cut short, not JSON at all, an
 * unknown venue, and a well-formed line carrying a garbage frame. */
const CORRUPT = ['{"venue":"binance-usdm","recvTs":1,"raw":"{\\"e\\":', 'not json at all', '{"venue":"nowhere","recvTs":1,"raw":"x"}', '{"venue":"bybit-linear","recvTs":1,"raw":"\\u0000{"}'];

let dir = '';
let demo: DemoMarket | null = null;
let record: CliResult | null = null;
/** Events the in-process collectors emitted (status events are not frames: not in a capture). */
const live: MarketEvent[] = [];
/** Frames the in-process collectors dropped. */
let liveDrops = 0;
/** Capture lines before the middle pair of broken lines. */
let mid = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-rr-'));
  const market = await startMarket();
  demo = market.demo;
  demo.run();
  const writer = openCaptureWriter(path.join(dir, 'live.jsonl'));
  const feed = await startFeed(mockConfig(market.urls), VENUE_IDS, { onEvent: (e) => e.kind !== 'status' && live.push(e), onRaw: (l) => writer.write(l) });
  record = await runCli(['record', '--venues', 'all', '--out', path.join(dir, 'child.jsonl.gz'), '--duration', `${RECORD_S}s`], { env: mockEnv(market.urls) });
  feed.stop();
  await writer.close();
  liveDrops = feed.collectors.reduce((n, c) => n + Object.values(c.health().drops).reduce((a, b) => a + b, 0), 0);
  // The corrupted copy: broken lines at the start, in the middle and at the end.
  const lines = fs.readFileSync(path.join(dir, 'live.jsonl'), 'utf8').split('\n').filter(Boolean);
  mid = Math.floor(lines.length / 2);
  const corrupted = [CORRUPT[0], ...lines.slice(0, mid), CORRUPT[1], CORRUPT[2], ...lines.slice(mid), CORRUPT[3]];
  fs.writeFileSync(path.join(dir, 'corrupted.jsonl'), `${corrupted.join('\n')}\n`);
}, 60_000);

afterAll(async () => {
  await demo?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const countBy = <T>(xs: readonly T[], k: (x: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(k(x), (m.get(k(x)) ?? 0) + 1);
  return m;
};

describe('liqmap record --venues all → liqmap replay', () => {
  it('the child records every venue; replay gives events and bars for each venue-market', async () => {
    const rec = record as CliResult;
    expect(rec.code, rec.stderr).toBe(0);
    const lines = Number(/recorded (\d+) lines/.exec(rec.stderr)?.[1]);
    expect(lines).toBeGreaterThan(100);
    const health = rec.stderr
      .split('\n')
      .filter((l) => l.startsWith('  {'))
      .map((l) => JSON.parse(l) as VenueHealth);
    expect(health.map((h) => h.venue).sort()).toEqual([...VENUE_IDS].sort());
    for (const h of health) expect(h.frames, h.venue).toBeGreaterThan(0);

    const file = path.join(dir, 'child.jsonl.gz');
    const [events, bars] = await Promise.all([runCli(['replay', file]), runCli(['replay', file, '--bars'])]);
    expect(events.code, events.stderr).toBe(0);
    expect(bars.code, bars.stderr).toBe(0);
    expect(events.stderr).toContain(`${lines} lines`);

    const evs = jsonl<MarketEvent>(events.stdout);
    const byVenueKind = countBy(evs, (e) => `${e.venue}:${e.kind}`);
    for (const v of VENUE_IDS) {
      expect(byVenueKind.get(`${v}:trade`) ?? 0, `${v} trades`).toBeGreaterThan(0);
      // Replay runs the frames through the same parsers: it drops exactly what the live parse dropped.
      const live = Object.values(health.find((h) => h.venue === v)?.drops ?? {}).reduce((a, b) => a + b, 0);
      const replayed = [...events.stderr.matchAll(new RegExp(`^ +(\\d+)× ${v}: `, 'gm'))].reduce((a, m) => a + Number(m[1]), 0);
      expect(replayed, `${v} drops`).toBe(live);
    }
    const barCount = countBy(jsonl<Bar>(bars.stdout), (b) => `${b.venue}|${b.market}`);
    for (const m of ALL_MARKETS) expect(barCount.get(`${m.venue}|${m.market}`) ?? 0, `${m.venue} ${m.market} bars`).toBeGreaterThanOrEqual(2);
  }, 40_000);

  it('replaying the live capture reproduces the live events exactly; corrupted lines are counted', async () => {
    const res = await runCli(['replay', path.join(dir, 'corrupted.jsonl')]);
    expect(res.code, res.stderr).toBe(0);
    const replayed = jsonl<MarketEvent>(res.stdout);
    const venues = new Set<VenueId>(replayed.map((e) => e.venue));
    expect([...venues].sort()).toEqual([...VENUE_IDS].sort());
    expect(replayed.length).toBe(live.length);
    expect(replayed).toEqual(live);
    // Every broken line is counted, on top of what the live parse itself dropped.
    expect(res.stderr).toContain(`, ${liveDrops + CORRUPT.length} dropped`);
    expect(res.stderr).toContain('1× capture line 1: not JSON');
    expect(res.stderr).toContain(`1× capture line ${mid + 2}: not JSON`);
    expect(res.stderr).toContain(`1× capture line ${mid + 3}: venue: `);
    expect(res.stderr).toContain('1× bybit-linear: frame: not JSON');
  }, 40_000);
});
