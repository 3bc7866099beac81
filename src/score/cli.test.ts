import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScore } from './run-score.js';
import { makeBars } from './fixtures/make-bars.js';
import { InputError } from './input-error.js';

const dir = mkdtempSync(join(tmpdir(), 'liqmap-score-'));
const H = 3_600_000;
const bars = makeBars(300, H);
const csv = ['ts,open,high,low,close,oiUsd', ...bars.map((b) => `${b.ts},${b.open},${b.high},${b.low},${b.close},${b.oiUsd}`)].join('\n');
const barsFile = join(dir, 'bars.csv');
writeFileSync(barsFile, `${csv}\n`);
const liqFile = join(dir, 'liq.csv');
writeFileSync(liqFile, `ts,longUsd,shortUsd\n${bars.map((b) => `${b.ts},${(b.open - b.low) * 1000},${(b.high - b.open) * 1000}`).join('\n')}\n`);
const base = { horizons: [], json: true, replicates: 50, seed: 1 };

describe('liqmap score end to end', () => {
  it('prints { period, n, metrics } with the model beside every baseline, writes predictions and a report', () => {
    let out = '';
    const report = join(dir, 'rep');
    const predictions = join(dir, 'pred.csv');
    runScore({ ...base, bars: barsFile, liquidations: liqFile, from: (bars[100] as { ts: number }).ts, report, predictions }, (s) => (out += s));
    const j = JSON.parse(out) as { n: number; period: unknown; metrics: Record<string, { model: number; baselines: Record<string, number | null> }> };
    expect(j.n).toBe(200);
    expect(j.period).toBeDefined();
    expect(Object.keys(j.metrics.spearmanLong?.baselines ?? {})).toEqual(['uniform', 'move', 'moveOi', 'constantInflow']);
    // Realised = the move itself here, so the move baseline is perfect.
    expect(j.metrics.spearmanLong?.baselines.move).toBeCloseTo(1, 9);
    expect(readFileSync(predictions, 'utf8').split('\n')[0]).toBe('ts,predictedLongUsd,predictedShortUsd,realisedLongUsd,realisedShortUsd');
    expect(existsSync(join(report, 'heatmap.png'))).toBe(true);
    expect(readFileSync(join(report, 'report.md'), 'utf8')).toContain('Does open interest add information?');
  });
  it('names file, line and column for bad bars: duplicates, backwards time, unknown columns; reports gaps', () => {
    const lines = csv.split('\n');
    const dup = join(dir, 'dup.csv');
    writeFileSync(dup, [...lines.slice(0, 5), lines[4], ...lines.slice(5)].join('\n'));
    expect(() => runScore({ ...base, bars: dup, liquidations: liqFile }, () => undefined)).toThrow(/dup\.csv, line 6, column "ts": duplicate bar/);
    const back = join(dir, 'back.csv');
    writeFileSync(back, [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n'));
    expect(() => runScore({ ...base, bars: back, liquidations: liqFile }, () => undefined)).toThrow(/back\.csv, line 3, column "ts": time goes backwards/);
    const unk = join(dir, 'unk.csv');
    writeFileSync(unk, [`${lines[0]},colour`, ...lines.slice(1).map((l) => `${l},red`)].join('\n'));
    expect(() => runScore({ ...base, bars: unk, liquidations: liqFile }, () => undefined)).toThrow(InputError);
    expect(() => runScore({ ...base, bars: unk, liquidations: liqFile }, () => undefined)).toThrow(/unk\.csv, line 1, column "colour": unknown column #7/);
    const gap = join(dir, 'gap.csv');
    writeFileSync(gap, [...lines.slice(0, 50), ...lines.slice(52)].join('\n'));
    let out = '';
    runScore({ ...base, bars: gap, liquidations: liqFile }, (s) => (out += s));
    expect((JSON.parse(out) as { period: { priceBarGaps: { missingBars: number }[] } }).period.priceBarGaps).toEqual([expect.objectContaining({ missingBars: 2 })]);
  });
  it('refuses totals that do not align with the bars', () => {
    const off = join(dir, 'off.csv');
    writeFileSync(off, `ts,longUsd,shortUsd\n${bars.slice(0, 10).map((b) => `${b.ts + 600_000},1,1`).join('\n')}\n`);
    expect(() => runScore({ ...base, bars: barsFile, liquidations: off }, () => undefined)).toThrow(/off\.csv, line 2, column "ts": bar .* does not align/);
  });
});
