// Test helpers: deterministic bars and temporary data directories.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bar } from '../../bars/bar.js';
import { VENUE_IDS, type VenueId } from '../../core/events.js';

export const T0 = Date.UTC(2026, 4, 1); // 2026-05-01T00:00Z
export const MIN = 60_000;

/** A fresh directory under the OS temp dir; remove it with `rmTmp`. */
export function tmpDir(prefix = 'liqmap-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function rmTmp(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Deterministic pseudo-random in [0, 1) from integers (same in every process). */
export function noise(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h ^= x & 0xffffffff;
    h = Math.imul(h, 0x01000193);
    h ^= Math.floor(x / 0x100000000);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 0x100000000;
}

const tick = (x: number): number => Math.round(x * 10) / 10;
const lot = (x: number): number => Math.round(x * 1000) / 1000;

/** The bar a venue "had" at `ts`: the same for every caller. Prices on a 0.1 tick, sizes on a 0.001 lot, like the venues'. */
export function makeBar(venue: VenueId, ts: number, durationMs = MIN, market = 'BTCUSDT'): Bar {
  const v = VENUE_IDS.indexOf(venue);
  const r = (k: number): number => noise(v, ts, k);
  const mid = tick(60_000 + 5_000 * Math.sin(ts / 3.6e6 + v) + r(1) * 50);
  const hasMark = v % 3 !== 0;
  const liq = r(2) < 0.1;
  return {
    venue,
    market,
    ts,
    durationMs,
    open: tick(mid - 3 + r(3)),
    high: tick(mid + 10 + r(4)),
    low: tick(mid - 10 - r(5)),
    close: tick(mid + r(6) - 0.5),
    vwap: mid + r(7) - 0.5,
    buyVolume: lot(r(8) * 20),
    sellVolume: lot(r(9) * 20),
    trades: Math.floor(r(10) * 900),
    oiBtc: r(11) < 0.05 ? null : lot(80_000 + r(12) * 100),
    oiUsd: r(11) < 0.05 ? null : Math.round((4.8e9 + r(13) * 1e7) * 100) / 100,
    markHigh: hasMark ? tick(mid + 9.3) : null,
    markLow: hasMark ? tick(mid - 9.1) : null,
    markClose: hasMark ? tick(mid + 0.2) : null,
    fundingRate: v % 4 === 0 ? null : 0.0001 * (Math.floor(ts / 28_800_000 + v) % 3),
    liqLongBtc: liq ? lot(r(14)) : 0,
    liqLongUsd: liq ? lot(r(14)) * mid : 0,
    liqLongCount: liq ? 1 + Math.floor(r(15) * 4) : 0,
    liqShortBtc: 0,
    liqShortUsd: 0,
    liqShortCount: 0,
    gap: r(16) < 0.01,
  };
}

/** Bars of every given venue for minutes [from, to). */
export function makeBars(venues: readonly VenueId[], fromMs: number, toMs: number, durationMs = MIN): Bar[] {
  const out: Bar[] = [];
  for (let t = fromMs; t < toMs; t += durationMs) for (const v of venues) out.push(makeBar(v, t, durationMs));
  return out;
}
