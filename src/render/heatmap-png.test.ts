import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { HeatmapGrid } from '../model/index.js';
import { heatColor, renderHeatmapPng } from './heatmap-png.js';

const brightness = (c: readonly number[]): number => c[0]! + c[1]! + c[2]!;

describe('heatmap PNG', () => {
  it('palette runs from dark cool to bright hot', () => {
    const dark = heatColor(0);
    const hot = heatColor(1);
    expect(brightness(dark)).toBeLessThan(100);
    expect(dark[2]).toBeGreaterThan(dark[0]!); // blue-ish
    expect(hot[0]).toBeGreaterThan(200);
    expect(hot[1]).toBeGreaterThan(200);
    for (let t = 0.1; t <= 1; t += 0.1) expect(brightness(heatColor(t))).toBeGreaterThanOrEqual(brightness(heatColor(t - 0.1)) - 40);
  });

  it('draws cells (price rising upwards) and candles', () => {
    const rows = 4;
    const cols = 3;
    const cells = Array.from({ length: rows }, () => new Float64Array(cols));
    cells[3]![0] = 1_000_000; // top row, first column: the only liquidity
    const g: HeatmapGrid = {
      times: [0, 1, 2],
      prices: [100, 110, 120, 130],
      cells,
      candles: [null, null, [2, 105, 125, 95, 115]],
      price: 115,
      resolution: { quantumMs: 1, bucketUsd: 1 },
    };
    const png = PNG.sync.read(renderHeatmapPng(g, { width: 30, height: 40 }));
    expect([png.width, png.height]).toEqual([30, 40]);
    const px = (x: number, y: number): number[] => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    expect(brightness(px(2, 2))).toBeGreaterThan(500); // hot cell at top-left
    expect(brightness(px(2, 38))).toBeLessThan(100); // empty cell at bottom-left
    expect(px(25, 20)).not.toEqual(px(15, 20)); // the candle body in the last column
  });
});
