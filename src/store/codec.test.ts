import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../bars/bar.js';
import { barToRow, columnsToBars, rowToBar, rowsToColumns } from './columns.js';
import { decodeChunk, decodeRow, encodeChunk, encodeRow } from './codec.js';
import { barAt } from './testing/arbitraries.js';
import { makeBars, MIN, T0 } from './testing/fixtures.js';

const key = { venue: 'okx-swap', market: 'BTC-USDT-SWAP', durationMs: MIN } as const;

describe('bar encodings', () => {
  it('a row blob round-trips any valid bar bit for bit', () => {
    fc.assert(
      fc.property(barAt('okx-swap', 'BTC-USDT-SWAP', T0, MIN), (b) => {
        expect(rowToBar(key, decodeRow(encodeRow(barToRow(b))))).toEqual(b);
      }),
    );
  });

  it('a chunk round-trips any run of valid bars, including -0, nulls and gaps in ts', () => {
    const bars = fc
      .uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 0, maxLength: 80 })
      .map((ks) => ks.sort((a, b) => a - b))
      .chain((ks) => (ks.length ? fc.tuple(...ks.map((k) => barAt('okx-swap', 'BTC-USDT-SWAP', T0 + k * MIN, MIN))) : fc.constant([] as Bar[])));
    fc.assert(
      fc.property(bars, (bs) => {
        const c = rowsToColumns(key, bs.map((b) => barToRow(b)));
        const back = columnsToBars(decodeChunk(key, encodeChunk(c)));
        expect(back).toEqual(bs);
        back.forEach((b, i) => expect(Object.is(b.liqLongBtc, bs[i]?.liqLongBtc)).toBe(true));
      }),
    );
  });

  it('decimal columns (prices on a tick, sizes on a lot) round-trip through the fixed-point forms', () => {
    const decimals = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.array(fc.integer({ min: -3e9, max: 3e9 }), { minLength: 2, maxLength: 300 }));
    fc.assert(
      fc.property(decimals, ([e, ks]) => {
        const bs = ks.map((k, i) => ({ ...makeBars(['okx-swap'], T0 + i * MIN, T0 + (i + 1) * MIN)[0]!, ...key, oiUsd: k / 10 ** e, fundingRate: (k % 7) / 10 ** e }));
        const blob = encodeChunk(rowsToColumns(key, bs.map((b) => barToRow(b))));
        expect(columnsToBars(decodeChunk(key, blob))).toEqual(bs);
        // as SQLite hands it over: a Buffer at an odd offset inside a larger pool
        const pooled = Buffer.concat([Buffer.alloc(3, 7), Buffer.from(blob), Buffer.alloc(5, 9)]).subarray(3, 3 + blob.byteLength);
        expect(columnsToBars(decodeChunk(key, pooled))).toEqual(bs);
      }),
      { numRuns: 200 },
    );
  });

  it('packs a regular day compactly (constant and run columns)', () => {
    const bs = makeBars(['bybit-linear'], T0, T0 + 1440 * MIN).map((b) => ({ ...b, market: key.market, venue: key.venue }));
    const blob = encodeChunk(rowsToColumns(key, bs.map((b) => barToRow(b))));
    // raw float64 would be 22 fields × 8 bytes per bar
    expect(blob.byteLength).toBeLessThan(1440 * 22 * 8 * 0.4);
    expect(columnsToBars(decodeChunk(key, blob))).toEqual(bs);
  });

  it('keeps integer-looking and tiny values apart (regression: arithmetic columns)', () => {
    const bs = [0, 1].map((k) => ({ ...makeBars(['okx-swap'], T0 + k * MIN, T0 + (k + 1) * MIN)[0]!, ...key, vwap: k ? 5e-324 : 1e12 }));
    const c = rowsToColumns(key, bs.map((b) => barToRow(b)));
    expect(columnsToBars(decodeChunk(key, encodeChunk(c)))).toEqual(bs);
  });

  it('rejects a blob it did not write', () => {
    expect(() => decodeChunk(key, new Uint8Array([9, 0, 0, 0, 0]))).toThrow(/unknown bar chunk format/);
    const good = encodeChunk(rowsToColumns(key, makeBars(['okx-swap'], T0, T0 + 10 * MIN).map((b) => barToRow(b))));
    expect(() => decodeChunk(key, good.subarray(0, good.byteLength - 3))).toThrow();
  });
});
