// Store figures: bulk insert rate, a live minute's write, a 90-day × 11-venue read, bytes per venue-day.
import { performance } from 'node:perf_hooks';
import { VENUE_IDS } from '../src/core/events.js';
import { SqliteStore } from '../src/store/sqlite/store.js';
import { makeBars, MIN, rmTmp, tmpDir } from '../src/store/testing/fixtures.js';
import { fmt } from './util.js';

const DAY = 86_400_000;
const DAYS = 90;

async function best(runs: number, fn: () => Promise<unknown>): Promise<number> {
  let b = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    b = Math.min(b, performance.now() - t0);
  }
  return b;
}

function line(label: string, value: string, target?: string): void {
  console.log(`${label.padEnd(44)} ${value.padStart(16)}${target ? `  (target ${target})` : ''}`);
}

/** Time to fill 31 M float64 (the size of a 90-day × 11-venue read): how fast this machine is right now. */
function calibrate(): number {
  const a = new Float64Array(31_000_000);
  const t0 = performance.now();
  for (let i = 0; i < a.length; i++) a[i] = i / 10;
  return performance.now() - t0;
}

export default async function bench(): Promise<void> {
  line('machine: fill 31 M float64 (calibration)', `${calibrate().toFixed(0)} ms`);
  const dir = tmpDir('liqmap-bench-');
  const store = SqliteStore.open(dir);
  try {
    const venues = VENUE_IDS.slice(0, 11);
    const start = Date.UTC(2026, 0, 1);
    const end = start + DAYS * DAY;
    // bulk history (fill → day chunks), one day of all venues per transaction
    let n = 0;
    const t0 = performance.now();
    for (let d = start; d < end; d += DAY) {
      const bars = makeBars(venues, d, d + DAY);
      await store.putBars(bars, 'fill');
      n += bars.length;
    }
    const bulkMs = performance.now() - t0;
    line('bulk insert (fill, day chunks)', `${fmt((n / bulkMs) * 1000)} bars/s`);
    store.checkpointWal();
    const st = await store.stats();
    line('disk per venue-day (1-minute bars)', `${fmt(st.bytesPerVenueDay)} bytes`);
    line(`database for ${DAYS} d × ${venues.length} venues`, `${(st.bytes / 1e6).toFixed(1)} MB`);

    // live path: one minute of every venue per call, into rows
    const live: number[] = [];
    for (let t = end; t < end + 300 * MIN; t += MIN) {
      const bars = makeBars(venues, t, t + MIN);
      const a = performance.now();
      await store.putBars(bars);
      live.push(performance.now() - a);
    }
    live.sort((a, b) => a - b);
    const p50 = live[Math.floor(live.length / 2)] as number;
    const p99 = live[Math.floor(live.length * 0.99)] as number;
    line('live minute write (11 bars), p50 / p99', `${p50.toFixed(2)} / ${p99.toFixed(2)} ms`, '< 5 ms');
    line('row insert rate (replace)', `${fmt((venues.length / p50) * 1000)} bars/s`);

    const q = { fromMs: end + 300 * MIN - DAYS * DAY, toMs: end + 300 * MIN };
    const readMs = await best(5, () => store.readColumns(q));
    const cols = await store.readColumns(q);
    const bars = cols.reduce((s, c) => s + c.length, 0);
    line(`read ${DAYS} d × ${cols.length} venues, columns (${fmt(bars)} bars)`, `${readMs.toFixed(1)} ms`, '< 300 ms');
    const objMs = await best(2, () => store.readBars(q));
    line(`read ${DAYS} d × ${cols.length} venues as Bar objects`, `${objMs.toFixed(1)} ms`);
    const c0 = performance.now();
    while ((await store.compact(end + 400 * MIN, 64)).more);
    line('compaction of 5 h of live rows', `${(performance.now() - c0).toFixed(1)} ms`);
  } finally {
    await store.close();
    rmTmp(dir);
  }
}
