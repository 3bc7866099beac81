import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../bars/bar.js';
import { BarBuilder } from '../bars/builder.js';
import { Simulator } from '../sim/simulator.js';
import { parseBarsJsonl } from './bars-input.js';
import type { HeatColumn } from './heat-column.js';
import { makeBars } from './fixtures/make-bars.js';
import type { ColumnRequest, ModelPort } from './model-port.js';
import { forEachLine } from './read-lines.js';
import { runScore } from './run-score.js';
import { parseTruth, readTruthFile, type TruthSnapshot } from './truth-load.js';
import { scoreSnapshot, truthColumn } from './truth-metrics.js';
import { scoreTruth } from './truth-score.js';

const H = 3_600_000;
const T0 = 1_764_828_000_000;

function line(ts: number, id: number, side: 'long' | 'short', liqPrice: number, notionalUsd: number): string {
  return JSON.stringify({ ts, id, venue: 'binance-usdm', market: 'BTCUSDT', side, leverage: 10, liqPrice, notionalUsd });
}

describe('truth snapshots', () => {
  it('groups positions by ts, counts a repeated id once and reads large files by line', () => {
    const text = [line(T0, 1, 'long', 80_000, 5), line(T0, 2, 'short', 99_000, 7), line(T0, 2, 'short', 99_000, 7), line(T0 + H, 3, 'long', 81_000, 1)].join('\n');
    const t = parseTruth('t.jsonl', text);
    expect(t.snapshots.map((s) => [s.ts, s.liqPrice.length])).toEqual([
      [T0, 2],
      [T0 + H, 1],
    ]);
    expect(t.positions).toBe(3);
    const file = join(mkdtempSync(join(tmpdir(), 'liqmap-truth-')), 't.jsonl');
    writeFileSync(file, `${text}\n`);
    expect(readTruthFile(file)).toEqual({ ...t, file });
    // Lines and multi-byte characters split across chunks come out whole.
    writeFileSync(file, 'αβ\n{"x":"γ"}\nlast');
    const lines: string[] = [];
    forEachLine(file, (l, n) => lines.push(`${n}:${l}`), 3);
    expect(lines).toEqual(['1:αβ', '2:{"x":"γ"}', '3:last']);
  });
  it('names file, line and column for bad lines', () => {
    expect(() => parseTruth('t.jsonl', [line(T0 + H, 1, 'long', 1, 1), line(T0, 2, 'long', 1, 1)].join('\n'))).toThrow(/t\.jsonl, line 2, column "ts": snapshot time goes backwards/);
    expect(() => parseTruth('t.jsonl', line(T0, 1, 'long', 1, 1).replace('"long"', '"up"'))).toThrow(/line 1, column "side"/);
    expect(() => parseTruth('t.jsonl', line(T0, 1, 'long', -5, 1))).toThrow(/line 1, column "liqPrice"/);
    expect(() => parseTruth('t.jsonl', '\n')).toThrow(/no truth positions/);
  });
});

/** A column of 100 rows of $100 from 90 000 with the price at 95 000. */
function column(long: number[], short: number[] = long.map(() => 0)): HeatColumn {
  return { t: T0, priceFrom: 90_000, rowUsd: 100, long, short, refPrice: 95_000 };
}

function snapshot(rows: readonly number[]): TruthSnapshot {
  // One long position per row at the row's middle, sized by `rows`.
  const liq = rows.map((_, r) => 90_000 + (r + 0.5) * 100);
  return { ts: T0, side: new Uint8Array(rows.length), liqPrice: Float64Array.from(liq), notionalUsd: Float64Array.from(rows) };
}

describe('snapshot metrics', () => {
  const truthRows = Array.from({ length: 100 }, (_, r) => (r * 37) % 100);
  const truth = truthColumn(column(new Array<number>(100).fill(0)), snapshot(truthRows));
  it('puts each position in its row and side', () => {
    expect(truth.long).toEqual(truthRows);
    expect(truth.short.every((v) => v === 0)).toBe(true);
  });
  it('scores a perfect map ρ = 1 with the hottest decile holding the top of the truth, a uniform map chance, an inverted one ρ = −1', () => {
    const perfect = scoreSnapshot(column(truthRows), truth);
    expect(perfect.rho).toBeCloseTo(1, 12);
    const sorted = [...truthRows].sort((a, b) => b - a);
    const total = truthRows.reduce((s, v) => s + v, 0);
    expect(perfect.topShare).toBeCloseTo(sorted.slice(0, 10).reduce((s, v) => s + v, 0) / total, 12);
    const uniform = scoreSnapshot(column(truthRows.map(() => 1)), truth);
    expect(uniform.rho).toBeNull();
    expect(uniform.topShare).toBeCloseTo(0.1, 12);
    expect(scoreSnapshot(column(truthRows.map((v) => -v + 1000)), truth).rho).toBeCloseTo(-1, 12);
  });
});

/** A port whose map at each request is `f(truth at t)`: checks the protocol, not the model. */
function oraclePort(snaps: readonly TruthSnapshot[], f: (v: number) => number): ModelPort<null> {
  return {
    run: () => ({ long: new Float64Array(), short: new Float64Array(), predicted: [] }),
    columns: (_bars, _p, reqs: readonly ColumnRequest[]) =>
      reqs.map((req) => {
        const rows = Math.round((req.priceHi - req.priceLo) / req.rowUsd);
        const empty: HeatColumn = { t: req.t, priceFrom: req.priceLo, rowUsd: req.rowUsd, long: new Array<number>(rows).fill(0), short: new Array<number>(rows).fill(0), refPrice: 90_000 };
        const snap = snaps.find((s) => s.ts === req.t);
        if (!snap) throw new Error(`no snapshot at ${req.t}`);
        const t = truthColumn(empty, snap);
        return { ...t, long: t.long.map(f), short: t.short.map(f) };
      }),
  };
}

describe('the truth protocol', () => {
  const bars = makeBars(48, H, T0);
  const snaps: TruthSnapshot[] = Array.from({ length: 40 }, (_, k) => {
    const n = 400;
    const liq = Array.from({ length: n }, (_, i) => 81_000 + ((i * 7919 + k * 131) % 18_000));
    return { ts: T0 + (k + 2) * H, side: Uint8Array.from(liq.map((_, i) => i % 2)), liqPrice: Float64Array.from(liq), notionalUsd: Float64Array.from(liq.map((_, i) => 1000 + ((i * 31) % 97) * 100)) };
  });
  const base = { params: null, ablation: null, bars, barGaps: [], snapshots: snaps, rowUsd: 100, replicates: 100, seed: 1 };
  it('scores a map equal to the truth ρ = 1 and beats every baseline; an inverted one scores below zero', () => {
    const r = scoreTruth({ ...base, port: oraclePort(snaps, (v) => v) });
    expect(r.protocol).toBe('truth');
    expect(r.n).toBe(40);
    const rho = r.metrics.truthSpearman;
    expect(rho?.model).toBeCloseTo(1, 9);
    expect(rho?.baselines.uniform).toBeNull();
    expect(r.metrics.truthTopDecileShare?.baselines.uniform).toBeCloseTo(0.1, 1);
    expect(r.metrics.truthTopDecileShare?.vs.uniform?.ci?.lo).toBeGreaterThan(0);
    expect(scoreTruth({ ...base, port: oraclePort(snaps, (v) => -v) }).metrics.truthSpearman?.model).toBeLessThan(0);
  });
  it('keeps only snapshots in [from, to] that a closed bar prices', () => {
    const r = scoreTruth({ ...base, port: oraclePort(snaps, (v) => v), from: T0 + 10 * H, to: T0 + 19 * H });
    expect(r.n).toBe(10);
    expect(r.period.from).toBe(new Date(T0 + 10 * H).toISOString());
  });
});

describe('bars of several venue-markets', () => {
  const a = makeBars(5, 60_000, T0);
  const b = makeBars(5, 60_000, T0, 2).map((x): Bar => ({ ...x, venue: 'bybit-linear' }));
  const text = [...a, ...b].map((x) => JSON.stringify(x)).join('\n');
  it('are one time-ordered stream when allowed, and an error naming the line otherwise', () => {
    const r = parseBarsJsonl('b.jsonl', text, { multiMarket: true });
    expect(r.bars.map((x) => `${x.ts - T0}:${x.venue}`).slice(0, 4)).toEqual(['0:binance-usdm', '0:bybit-linear', '60000:binance-usdm', '60000:bybit-linear']);
    expect(() => parseBarsJsonl('b.jsonl', text)).toThrow(/b\.jsonl, line 6, column "market": one venue-market per file/);
  });
});

describe('liqmap score on the simulator', () => {
  it('scores the model against both the truth and the realised simulated liquidations', () => {
    const start = Date.UTC(2026, 0, 5);
    const sim = new Simulator({ seed: 3, startTs: start });
    const builder = new BarBuilder({ barMs: 60_000, graceMs: 0 });
    const dir = mkdtempSync(join(tmpdir(), 'liqmap-simscore-'));
    const bars: string[] = [];
    const events: string[] = [];
    const truth: string[] = [];
    for (let h = 1; h <= 4; h++) {
      sim.runUntil(start + h * H, (ev) => {
        for (const e of ev) {
          if (e.kind === 'liquidation' || e.kind === 'trade') events.push(JSON.stringify(e));
          for (const bar of builder.push(e)) bars.push(JSON.stringify(bar));
        }
      });
      for (const p of sim.truth()) truth.push(JSON.stringify({ ts: sim.now, ...p }));
    }
    for (const f of [
      ['bars.jsonl', bars],
      ['ev.jsonl', events],
      ['truth.jsonl', truth],
    ] as const)
      writeFileSync(join(dir, f[0]), `${f[1].join('\n')}\n`);
    let out = '';
    runScore(
      { bars: join(dir, 'bars.jsonl'), liquidations: join(dir, 'ev.jsonl'), truth: join(dir, 'truth.jsonl'), horizons: [{ label: '1h', ms: H }], json: true, replicates: 50, seed: 1 },
      (s) => (out += s),
    );
    const j = JSON.parse(out) as { protocol: string; metrics: Record<string, { n: number; model: number | null }> };
    expect(j.protocol).toBe('events');
    expect(j.metrics['capture@1h']?.n).toBeGreaterThan(0);
    expect(j.metrics.truthSpearman?.n).toBe(4);
    expect(j.metrics.truthSpearman?.model).toEqual(expect.any(Number));
    expect(j.metrics.truthTopDecileShare?.model).toBeGreaterThan(0);
    expect(() => runScore({ bars: join(dir, 'bars.jsonl'), horizons: [], json: true, replicates: 1, seed: 1 }, () => undefined)).toThrow(/--liquidations and\/or --truth/);
  }, 60_000);
});
