import { describe, expect, it } from 'vitest';
import { rulesFor } from '../exchanges/rules.js';
import { createModel, DEFAULT_PARAMS } from '../model/index.js';
import { makeBars, MIN, T0 } from '../store/testing/fixtures.js';
import { ColumnRing } from './column-ring.js';
import { heatmapColumn } from './heatmap-column.js';

describe('ColumnRing', () => {
  it('keeps the newest `capacity` bar times, one column each, equal to the model’s book at each bar end', () => {
    const model = createModel(DEFAULT_PARAMS, rulesFor);
    const ring = new ColumnRing(() => model, MIN, 5);
    for (let t = T0; t < T0 + 8 * MIN; t += MIN) {
      const bars = makeBars(['binance-usdm', 'bybit-linear'], t, t + MIN);
      for (const b of bars) model.step(b);
      ring.onBars(bars.slice(0, 1));
      ring.flush();
      ring.onBars(bars.slice(1));
      ring.flush(); // the same minute again: replaced, not added
    }
    ring.flush(); // nothing due: nothing changes
    // A batch of older minutes (a replay) keeps only its newest time's column.
    ring.onBars([{ ts: T0 + 2 * MIN }, { ts: T0 + 7 * MIN }]);
    ring.flush();
    expect(ring.size).toBe(5);
    const cols = ring.read(0, Infinity, 10);
    expect(cols.map((c) => c.ts)).toEqual([3, 4, 5, 6, 7].map((i) => T0 + i * MIN));
    expect(cols[4]).toEqual(heatmapColumn(model, T0 + 7 * MIN, MIN));
    expect(cols[2]).toEqual(heatmapColumn(model, T0 + 5 * MIN, MIN));
    expect(ring.read(T0 + 4 * MIN, T0 + 6 * MIN, 10).map((c) => c.ts)).toEqual([T0 + 4 * MIN, T0 + 5 * MIN]);
    expect(ring.read(0, Infinity, 2).map((c) => c.ts)).toEqual([T0 + 6 * MIN, T0 + 7 * MIN]);
  });
});
