import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli/errors.js';
import { realDataDir } from '../score/real-sets.js';
import { loadBars, parseBars } from './load.js';

const REAL = realDataDir(fileURLToPath(new URL('../..', import.meta.url)));
if (!REAL) console.warn('real data not found at ../shared/data/real: loadBars real-file tests skipped');

describe.skipIf(!REAL)('loadBars on the real data', () => {
  it('loads the hourly Coinglass regime file, reporting its 8 two-hour gaps', () => {
    const l = loadBars(`${REAL}/regime_1h_c8a9730_before_2026-06-01.csv`);
    expect(l.format).toBe('csv');
    expect(l.durationMs).toBe(3_600_000);
    expect(l.bars).toHaveLength(4282);
    expect(l.issues.map((i) => i.kind)).toEqual(Array(8).fill('gap'));
    const b = l.bars[0]!;
    expect(b.ts).toBe(1764828000000);
    expect([b.open, b.high, b.low, b.close]).toEqual([92979.25, 93371.12, 92824.32, 93140.74]);
    expect(b.oiUsd).toBe(8248989576);
    expect(b.liqLongUsd).toBeCloseTo(42620.5427, 6);
    expect(b.liqShortUsd).toBeCloseTo(1499665.49438, 6);
  });

  it('loads the Binance 5-minute file without issues', () => {
    const l = loadBars(`${REAL}/binance_5m_merged_before_2026-06-01.csv`);
    expect(l.durationMs).toBe(300_000);
    expect(l.bars).toHaveLength(1825);
    expect(l.issues).toEqual([]);
    expect(l.bars.every((b) => b.durationMs === 300_000 && b.venue === 'binance-usdm')).toBe(true);
  });

});

describe('loadBars', () => {
  it('names a missing file', () => {
    expect(() => loadBars('/nonexistent/bars.csv')).toThrow(/\/nonexistent\/bars.csv: cannot read/);
  });
});

describe('parseBars CSV', () => {
  const head = 'ts,open,high,low,close,oiBtc,volume,buyVolume\n';
  const row = (ts: number, close = 100): string => `${ts},100,101,99,${close},5,10,6\n`;

  it('maps columns and infers the bar length', () => {
    const l = parseBars(head + row(0) + row(60_000) + row(120_000), 'x.csv');
    expect(l.durationMs).toBe(60_000);
    expect(l.bars[1]).toMatchObject({ ts: 60_000, oiBtc: 5, oiUsd: null, buyVolume: 6, sellVolume: 4, durationMs: 60_000, vwap: 100 });
  });

  it('reports gaps, drops duplicates and out-of-order rows, never interpolates', () => {
    const l = parseBars(head + row(0) + row(60_000) + row(60_000) + row(30_000) + row(240_000), 'x.csv');
    expect(l.bars.map((b) => b.ts)).toEqual([0, 60_000, 240_000]);
    expect(l.issues.map((i) => [i.kind, i.line])).toEqual([
      ['duplicate', 4],
      ['outOfOrder', 5],
      ['gap', 6],
    ]);
    expect(l.issues[2]!.message).toMatch(/2 missing bar/);
  });

  it('errors name file, line and column', () => {
    expect(() => parseBars(head + row(0) + '60000,100,101,99,abc,5,10,6\n', 'x.csv')).toThrow(/x\.csv:3: column close \(5\): not a number/);
    expect(() => parseBars(head + row(0) + '60000,100,101,99,100,-5,10,6\n', 'x.csv')).toThrow(/x\.csv:3: column oiBtc \(6\): negative open interest/);
    expect(() => parseBars(head + row(0) + '60000,0,101,99,100,5,10,6\n', 'x.csv')).toThrow(/x\.csv:3: column open \(2\)/);
    expect(() => parseBars('ts,open,high,low,close\n1,1,1,1,1\n', 'y.csv')).toThrow(/y\.csv:1: missing column oiUsd/);
    expect(() => parseBars('ts,open,high,low\n', 'y.csv')).toThrow(/missing column close or price_close/);
    expect(() => parseBars('ts,open,high,low\n', 'y.csv')).toThrow(UsageError);
  });

  it('skips bad rows when asked, with the reason', () => {
    const l = parseBars(head + row(0) + '60000,100,101,99,100,-5,10,6\n' + row(120_000) + row(180_000), 'x.csv', { onInvalid: 'skip' });
    expect(l.bars).toHaveLength(3);
    expect(l.issues.map((i) => [i.kind, i.line])).toEqual([
      ['invalid', 3],
      ['gap', 4],
    ]);
  });
});

describe('parseBars JSONL', () => {
  const bar = (ts: number): string =>
    JSON.stringify({
      venue: 'bybit-linear', market: 'BTCUSDT', ts, durationMs: 60_000, open: 1, high: 1, low: 1, close: 1, vwap: 1, buyVolume: 0, sellVolume: 0, trades: 0,
      oiBtc: null, oiUsd: null, markHigh: null, markLow: null, markClose: null, fundingRate: null,
      liqLongBtc: 0, liqLongUsd: 0, liqLongCount: 0, liqShortBtc: 0, liqShortUsd: 0, liqShortCount: 0, gap: false,
    });

  it('validates every line with the bar schema', () => {
    const l = parseBars(`${bar(0)}\n\n${bar(60_000)}\n`, 'b.jsonl');
    expect(l.format).toBe('jsonl');
    expect(l.bars).toHaveLength(2);
    expect(() => parseBars(`${bar(0)}\n${bar(60_000).replace('"close":1', '"close":-1')}\n`, 'b.jsonl')).toThrow(/b\.jsonl:2: field close/);
    expect(() => parseBars(`${bar(0)}\n{oops\n`, 'b.jsonl')).toThrow(/b\.jsonl:2: not valid JSON/);
  });
});
