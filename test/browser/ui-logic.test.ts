// The UI's pure parts, without a browser: decoding the server's binary heatmap, the column-major grid
// with live columns, colour scales and palettes, and the liquidation-map callout.
import { describe, expect, it } from 'vitest';
import { heatmapBin } from '../../src/server/heatmap/encode.js';
import type { HeatmapGrid } from '../../src/model/index.js';
import { decodeHeatmap } from '../../web/src/api/heatmap-bin.js';
import type { LiqMap } from '../../web/src/api/types.js';
import { Grid } from '../../web/src/heatmap/grid.js';
import { lut, PALETTES } from '../../web/src/heatmap/palette.js';
import { colour } from '../../web/src/heatmap/raster.js';
import { normaliser, unit } from '../../web/src/heatmap/scale.js';
import { callout } from '../../web/src/ui/liqmap-panel.js';

const COLS = 4;
const ROWS = 3;

function serverBody(): ArrayBuffer {
  // cells[r][c] = 100·r + c; candles in columns 0 and 2.
  const cells = Array.from({ length: ROWS }, (_, r) => Float64Array.from({ length: COLS }, (_, c) => 100 * r + c));
  const grid: HeatmapGrid = {
    times: [0, 60_000, 120_000, 180_000],
    prices: [95, 105, 115],
    cells,
    candles: [[0, 100, 110, 90, 105], null, [120_000, 105, 120, 100, 118], null],
    price: 118,
    resolution: { quantumMs: 60_000, bucketUsd: 10 },
  };
  const buf = heatmapBin({ grid, from: 0, to: 240_000, priceLo: 90, priceHi: 120 }, 'linear');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

describe('binary heatmap decoding (against the server encoder)', () => {
  it('reads the header, cells and candles', () => {
    const g = decodeHeatmap(serverBody());
    expect([g.cols, g.rows, g.from, g.to, g.colMs, g.priceLo, g.priceHi, g.price, g.quantumMs, g.bucketUsd]).toEqual([COLS, ROWS, 0, 240_000, 60_000, 90, 120, 118, 60_000, 10]);
    expect([...g.cells]).toEqual([0, 1, 2, 3, 100, 101, 102, 103, 200, 201, 202, 203]);
    expect([...g.candles.slice(0, 4)]).toEqual([100, 110, 90, 105]);
    expect(Number.isNaN(g.candles[4]!)).toBe(true);
  });

  it('rejects a body that is not a heatmap', () => {
    expect(() => decodeHeatmap(new ArrayBuffer(80))).toThrow(/magic/);
    expect(() => decodeHeatmap(serverBody().slice(0, 90))).toThrow(/bytes/);
  });
});

describe('Grid', () => {
  it('stores column-major and answers cell, row and column lookups', () => {
    const g = new Grid(decodeHeatmap(serverBody()));
    expect(g.value(2, 1)).toBe(102);
    expect(g.row(90)).toBe(0);
    expect(g.row(119.9)).toBe(2);
    expect(g.column(125_000)).toBe(2);
    expect(g.candle(0)).toEqual([100, 110, 90, 105]);
    expect(g.candle(1)).toBeNull();
  });

  it('appends live columns (copying the last book) and folds prices into candles', () => {
    const g = new Grid(decodeHeatmap(serverBody()));
    expect(g.ensureColumn(5)).toBe(true);
    expect(g.cols).toBe(6);
    expect(g.to).toBe(360_000);
    expect(g.value(4, 2)).toBe(203);
    g.setColumn(5, [1, 2, 3]);
    expect([g.value(5, 0), g.value(5, 1), g.value(5, 2)]).toEqual([1, 2, 3]);
    g.tick(5, 119);
    g.tick(5, 117);
    g.tick(5, 121);
    expect(g.candle(5)).toEqual([119, 121, 117, 121]);
    expect(g.price).toBe(121);
    expect(g.ensureColumn(-1)).toBe(false);
    // Growth past the spare capacity keeps what was there.
    g.ensureColumn(500);
    expect(g.value(2, 1)).toBe(102);
    expect(g.value(500, 2)).toBe(3);
  });
});

describe('colour scales', () => {
  const values = Float32Array.from({ length: 1000 }, (_, i) => i * 10);

  it('linear saturates at the contrast quantile and inverts for the legend', () => {
    const n = normaliser('linear', values, 0.5);
    expect(unit(n, 0)).toBe(0);
    expect(unit(n, n.usdAt(1))).toBeCloseTo(1);
    expect(n.usdAt(1)).toBeGreaterThan(4000);
    expect(n.usdAt(1)).toBeLessThan(6000);
  });

  it('log spans three decades below saturation', () => {
    const n = normaliser('log', values, 0.999);
    const top = n.usdAt(1);
    expect(unit(n, top)).toBeCloseTo(1);
    expect(unit(n, top / 1000)).toBeCloseTo(0);
    expect(unit(n, top / 1e6)).toBe(0);
    expect(unit(n, Math.sqrt(top * (top / 1000)))).toBeCloseTo(0.5);
  });

  it('z-score puts the mean at the dark end', () => {
    const n = normaliser('zscore', values);
    const mean = 4995;
    expect(unit(n, mean)).toBeCloseTo(0);
    expect(unit(n, n.usdAt(0.5))).toBeCloseTo(0.5);
  });

  it('colours a column-major grid into flipped row-major pixels', () => {
    const g = new Grid(decodeHeatmap(serverBody()));
    const words = new Uint32Array(COLS * ROWS);
    const table = lut('classic');
    colour(words, g.values(), 0, COLS, COLS, ROWS, normaliser('linear', g.values(), 1), table);
    // Top-left pixel = highest row (2), column 0 = 200 of max 203; bottom-left = 0 → darkest.
    expect(words[0]).toBe(table[Math.floor((200 / 203) * 256)]);
    expect(words[(ROWS - 1) * COLS]).toBe(table[0]);
    expect(words[COLS - 1]).toBe(table[255]);
  });

  it('offers opaque ramps and colour-blind-safe palettes', () => {
    expect(PALETTES.some((p) => p.colourBlindSafe)).toBe(true);
    for (const p of PALETTES) for (const w of lut(p.id)) expect(w >>> 24).toBe(255);
  });
});

describe('liquidation map callout', () => {
  const map = (buckets: [number, number, number][]): LiqMap => ({
    at: 0,
    price: 100,
    priceLo: 90,
    priceHi: 110,
    totals: { longUsd: 0, shortUsd: 0 },
    buckets: buckets.map(([price, longUsd, shortUsd]) => ({ price, longUsd, shortUsd, cumLongUsd: 0, cumShortUsd: 0 })),
  });

  it('names the bigger side within 2%', () => {
    expect(callout(map([[99, 5, 0], [101, 0, 9], [103, 0, 1000]]))).toEqual({ side: 'above', aboveUsd: 9, belowUsd: 5, within: 0.02 });
    expect(callout(map([[98.5, 50, 0], [101, 0, 9], [90, 1000, 0]]))?.side).toBe('below');
    expect(callout(map([[99, 10, 0], [101, 0, 10]]))?.side).toBe('even');
    expect(callout({ ...map([]), price: null })).toBeNull();
  });
});
