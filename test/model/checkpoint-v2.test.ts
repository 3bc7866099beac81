// Older checkpoint formats still restore: a stored version 2 checkpoint equals a fresh replay of the same bars.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../src/exchanges/rules.js';
import { v2FixtureBars, v2FixtureParams } from './checkpoint-v2.fixture.js';
import { checkpoint, restoreModel } from '../../src/model/checkpoint.js';
import { LiqModel } from '../../src/model/model.js';
import { heatmap } from '../../src/model/views/heatmap.js';

const V2 = gunzipSync(readFileSync(new URL('./fixtures/checkpoint-v2.bin.gz', import.meta.url)));

describe('checkpoint compatibility', () => {
  it('a version 2 checkpoint restores to the state of a fresh replay, and continues identically', () => {
    expect(new TextDecoder().decode(V2.subarray(4, 18))).toBe('liqmap-model/2');
    const bars = v2FixtureBars();
    const fresh = new LiqModel(v2FixtureParams(), rulesFor);
    for (const b of bars.slice(0, 120)) fresh.step(b);
    const old = restoreModel(V2, rulesFor);
    expect(Buffer.from(checkpoint(old)).equals(Buffer.from(checkpoint(fresh)))).toBe(true);
    const end = fresh.latestTs()!;
    const q = { from: end - 3_600_000, to: end, priceLo: 40_000, priceHi: 60_000, cols: 30, rows: 40 };
    expect(heatmap(old, q).cells).toEqual(heatmap(fresh, q).cells);
    for (const b of bars.slice(120)) expect(old.step(b)).toEqual(fresh.step(b));
    expect(Buffer.from(checkpoint(old)).equals(Buffer.from(checkpoint(fresh)))).toBe(true);
  });
});
