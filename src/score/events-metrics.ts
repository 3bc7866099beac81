// Metrics on realised liquidation EVENTS against heatmap columns frozen before them (DESIGN §4).
import type { LiquidationEvent } from '../core/events.js';
import { rowOf, rowsAround, type HeatColumn } from './heat-column.js';
import { topKMembership } from './stats/top-decile.js';

/** A frozen column and the liquidations that happened in (t, t + H]. */
export interface Window {
  readonly column: HeatColumn;
  readonly events: readonly LiquidationEvent[];
}

/** Within ±10% of the price, as DESIGN §4 says. */
export const CAPTURE_BAND = 0.1;

/**
 * Midrank percentile of `values[at]` among `values[from..to]`, scaled to [0, 1]:
 * 1 = strictly the largest, 0 = strictly the smallest, 0.5 = all equal.
 */
export function midrankPercentile(values: readonly number[], at: number, from: number, to: number): number {
  const n = to - from + 1;
  if (n <= 1 || at < from || at > to) return 0.5;
  const v = values[at] as number;
  let below = 0;
  let equal = 0;
  for (let i = from; i <= to; i++) {
    const x = values[i] as number;
    if (x < v) below++;
    else if (x === v) equal++;
  }
  return (below + 0.5 * (equal - 1)) / (n - 1);
}

export interface CaptureResult {
  /** Notional-weighted mean percentile (0.5 = chance). */
  readonly value: number | null;
  /** Scored liquidations. */
  readonly n: number;
  /** Per window: Σ weight × percentile and Σ weight (for resampling by window). */
  readonly perWindow: readonly { readonly wp: number; readonly w: number }[];
}

/** Capture: where each realised liquidation sits in its side's density of the frozen column. */
export function capture(windows: readonly Window[]): CaptureResult {
  let n = 0;
  let sw = 0;
  let swp = 0;
  const perWindow = windows.map(({ column, events }) => {
    let w = 0;
    let wp = 0;
    for (const e of events) {
      const values = e.side === 'long' ? column.long : column.short;
      const { from, to } = rowsAround(column, e.price, CAPTURE_BAND);
      const row = rowOf(column, e.price);
      if (row < from || row > to) continue;
      const p = midrankPercentile(values, row, from, to);
      w += e.notionalUsd;
      wp += e.notionalUsd * p;
      n++;
    }
    sw += w;
    swp += wp;
    return { wp, w };
  });
  return { value: sw > 0 ? swp / sw : null, n, perWindow };
}

export interface TopDecileEventsResult {
  /** Expected touched rows among the top-10% rows (ties shared), summed over windows. */
  readonly hits: number;
  /** Top-10% rows, summed over windows. */
  readonly n: number;
  readonly value: number | null;
  readonly windows: number;
  /** Share of all candidate rows touched: what a uniform map would score. */
  readonly chance: number | null;
}

/**
 * Precision@decile: of the hottest 10% of rows within ±10% of the price at t, the share that a
 * realised liquidation touched in (t, t + H]. Windows with fewer than `minEvents` are left out.
 */
export function precisionTopDecileEvents(windows: readonly Window[], minEvents = 10): TopDecileEventsResult {
  let hits = 0;
  let n = 0;
  let touchedAll = 0;
  let rowsAll = 0;
  let used = 0;
  for (const { column, events } of windows) {
    if (events.length < minEvents) continue;
    const { from, to } = rowsAround(column, column.refPrice, CAPTURE_BAND);
    if (to < from) continue;
    const density: number[] = [];
    for (let r = from; r <= to; r++) density.push((column.long[r] as number) + (column.short[r] as number));
    const touched = new Set<number>();
    for (const e of events) {
      const r = rowOf(column, e.price);
      if (r >= from && r <= to) touched.add(r - from);
    }
    const k = Math.max(1, Math.ceil(0.1 * density.length));
    const member = topKMembership(density, k);
    for (const r of touched) hits += member[r] as number;
    n += k;
    touchedAll += touched.size;
    rowsAll += density.length;
    used++;
  }
  return { hits, n, value: n > 0 ? hits / n : null, windows: used, chance: rowsAll > 0 ? touchedAll / rowsAll : null };
}

export interface PredictedLiquidation {
  readonly ts: number;
  readonly price: number;
  readonly side: 'long' | 'short';
  readonly notionalUsd: number;
}

export interface SweepMatch {
  /** Predicted liquidations with a realised one of the same side within tolerance. */
  readonly matchedPredicted: number;
  readonly predicted: number;
  /** Realised liquidations with a predicted one within tolerance. */
  readonly matchedRealised: number;
  readonly realised: number;
}

/** Matches predicted sweeps and realised liquidations of the same side within ±priceTol and ±timeTol. */
export function matchSweeps(
  predicted: readonly PredictedLiquidation[],
  realised: readonly LiquidationEvent[],
  priceTol = 0.0025,
  timeTolMs = 120_000,
): SweepMatch {
  const byTs = [...realised].sort((a, b) => a.ts - b.ts);
  const predSorted = [...predicted].sort((a, b) => a.ts - b.ts);
  const realisedHit = new Uint8Array(byTs.length);
  let matchedPredicted = 0;
  let lo = 0;
  for (const p of predSorted) {
    while (lo < byTs.length && (byTs[lo] as LiquidationEvent).ts < p.ts - timeTolMs) lo++;
    let any = false;
    for (let j = lo; j < byTs.length && (byTs[j] as LiquidationEvent).ts <= p.ts + timeTolMs; j++) {
      const r = byTs[j] as LiquidationEvent;
      if (r.side === p.side && Math.abs(r.price - p.price) <= priceTol * r.price) {
        any = true;
        realisedHit[j] = 1;
      }
    }
    if (any) matchedPredicted++;
  }
  const matchedRealised = realisedHit.reduce((s, v) => s + v, 0);
  return { matchedPredicted, predicted: predSorted.length, matchedRealised, realised: byTs.length };
}
