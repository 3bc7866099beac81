// Checks a bar series' timestamps: strictly increasing, on one grid; gaps are reported, never filled.

import { InputError } from '../input-error.js';

export interface Gap {
  /** Open time of the last bar before the gap, ms. */
  readonly afterTs: number;
  /** Open time of the first bar after the gap, ms. */
  readonly beforeTs: number;
  readonly missingBars: number;
}

export interface TimedRow {
  readonly ts: number;
  readonly line: number;
}

/** Most common positive step (ties → the smallest); every step must be a multiple of it. */
export function inferBarLength(file: string, rows: readonly TimedRow[], column: string): number {
  if (rows.length < 2) throw new InputError(file, rows[0]?.line ?? null, column, 'need at least two bars to infer the bar length');
  const counts = new Map<number, number>();
  for (let i = 1; i < rows.length; i++) {
    const d = (rows[i] as TimedRow).ts - (rows[i - 1] as TimedRow).ts;
    if (d > 0) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, c] of counts) if (c > bestCount || (c === bestCount && d < best)) [best, bestCount] = [d, c];
  if (best === 0) throw new InputError(file, rows[1]?.line ?? null, column, 'timestamps do not increase');
  return best;
}

/** Throws on duplicates, backwards steps and off-grid steps; returns the gaps. */
export function checkTimeGrid(file: string, rows: readonly TimedRow[], stepMs: number, column: string): Gap[] {
  const gaps: Gap[] = [];
  for (let i = 1; i < rows.length; i++) {
    const prev = rows[i - 1] as TimedRow;
    const cur = rows[i] as TimedRow;
    const d = cur.ts - prev.ts;
    if (d === 0) throw new InputError(file, cur.line, column, `duplicate bar ${iso(cur.ts)} (also on line ${prev.line})`);
    if (d < 0) throw new InputError(file, cur.line, column, `time goes backwards: ${iso(cur.ts)} after ${iso(prev.ts)} (line ${prev.line})`);
    if (d % stepMs !== 0) {
      throw new InputError(file, cur.line, column, `${iso(cur.ts)} is off the ${stepMs / 60_000}-minute bar grid (previous bar ${iso(prev.ts)})`);
    }
    if (d > stepMs) gaps.push({ afterTs: prev.ts, beforeTs: cur.ts, missingBars: d / stepMs - 1 });
  }
  return gaps;
}

export function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms);
}

/** Reads an epoch-ms timestamp cell; rejects seconds and fractional values. */
export function epochMs(file: string, line: number, column: string, raw: string): number {
  const v = Number(raw);
  if (raw === '' || !Number.isFinite(v)) throw new InputError(file, line, column, `"${raw}" is not a timestamp in ms`);
  if (!Number.isInteger(v) || v < 0) throw new InputError(file, line, column, `"${raw}" is not a whole number of ms`);
  if (v < 1e11) throw new InputError(file, line, column, `${raw} looks like seconds; timestamps must be epoch milliseconds`);
  return v;
}
