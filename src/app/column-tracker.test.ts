import { describe, expect, it } from 'vitest';
import type { Bar } from '../bars/bar.js';
import { rulesFor } from '../exchanges/rules.js';
import { createModel, DEFAULT_PARAMS, type LiqModel } from '../model/index.js';
import { makeBars, MIN, T0 } from '../store/testing/fixtures.js';
import { ColumnTracker } from './column-tracker.js';
import { heatmapColumn } from './heatmap-column.js';

const VENUES = ['binance-usdm', 'bybit-linear'] as const;

function run(order: readonly Bar[]): { model: LiqModel; cols: ReturnType<ColumnTracker['take']> } {
  const model = createModel(DEFAULT_PARAMS, rulesFor);
  const t = new ColumnTracker(MIN);
  t.resume(model);
  const cols = [];
  for (const [i, b] of order.entries()) {
    t.before(model, b.ts);
    model.step(b);
    t.after(b.ts);
    if (i % 7 === 6) cols.push(...t.take(model)); // flushes at odd moments
  }
  cols.push(...t.take(model));
  return { model, cols };
}

describe('ColumnTracker', () => {
  it('in-order bars: each bar time gets the book at its end, as the model history has it', () => {
    const bars = makeBars([...VENUES], T0, T0 + 20 * MIN);
    const { model, cols } = run(bars);
    const latest = new Map(cols.map((c) => [c.ts, c])); // the newest time is rewritten as its bars arrive
    expect([...latest.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => T0 + i * MIN));
    for (const [ts, c] of latest) expect(c).toEqual(heatmapColumn(model, ts, MIN));
  });

  it('a lagging venue: its late bars make their times stale, recomputed from history when taken', () => {
    const a = makeBars([VENUES[0]], T0, T0 + 12 * MIN);
    const b = makeBars([VENUES[1]], T0, T0 + 12 * MIN);
    // Venue b runs three minutes behind venue a.
    const order = [...a.slice(0, 3), ...a.slice(3).flatMap((x, i) => [x, b[i]!]), ...b.slice(9)];
    const { model, cols } = run(order);
    const latest = new Map<number, (typeof cols)[number]>();
    for (const c of cols) latest.set(c.ts, c);
    expect(latest.size).toBe(12);
    for (const [ts, c] of latest) expect(c).toEqual(heatmapColumn(model, ts, MIN));
  });
  it('leaves out times before the cut-off when taking (a long catch-up)', () => {
    const model = createModel(DEFAULT_PARAMS, rulesFor);
    const t = new ColumnTracker(MIN);
    for (const b of makeBars([...VENUES], T0, T0 + 4 * MIN)) {
      model.step(b);
      t.after(b.ts);
    }
    expect(t.take(model, T0 + 4 * MIN)).toEqual([]);
    expect(t.take(model, T0 + 3 * MIN).map((c) => c.ts)).toEqual([T0 + 3 * MIN]);
  });
});
