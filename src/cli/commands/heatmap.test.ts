import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { realDataDir } from '../../score/real-sets.js';
import { UsageError } from '../errors.js';
import { parseRange, parseTime, registerHeatmap } from './heatmap.js';

const REAL = realDataDir(fileURLToPath(new URL('../../..', import.meta.url)));
if (!REAL) console.warn('real data not found at ../shared/data/real: heatmap CLI tests on the real 5-minute file skipped');
const BARS = path.join(REAL ?? '', 'binance_5m_merged_before_2026-06-01.csv');

async function run(args: string[]): Promise<string> {
  const program = new Command('liqmap').exitOverride();
  registerHeatmap(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out += String(s);
    return true;
  });
  try {
    await program.parseAsync(['node', 'liqmap', 'heatmap', '--bars', BARS, ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('liqmap heatmap', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses ranges and times', () => {
    expect(parseRange('24h')).toBe(86_400_000);
    expect(parseRange('1y')).toBe(365 * 86_400_000);
    expect(parseTime('2026-05-31T00:00:00Z')).toBe(Date.UTC(2026, 4, 31));
    expect(parseTime('1780185600000')).toBe(1780185600000);
    expect(() => parseRange('3')).toThrow(UsageError);
    expect(() => parseTime('yesterday')).toThrow(UsageError);
  });
});

describe.skipIf(!REAL)('liqmap heatmap on the real 5-minute file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints the heatmap JSON shape', async () => {
    const j = JSON.parse(await run(['--range', '12h', '--cols', '24', '--rows', '10'])) as {
      times: number[];
      prices: number[];
      cells: number[][];
      candles: number[][];
      price: number;
    };
    expect(j.times).toHaveLength(24);
    expect(j.prices).toHaveLength(10);
    expect(j.cells).toHaveLength(10);
    expect(j.cells.every((r) => r.length === 24)).toBe(true);
    expect(j.candles.length).toBe(24);
    expect(j.price).toBe(73653.2); // the file's last close
    expect(j.cells.flat().some((v) => v > 0)).toBe(true);
  });

  it('prints the liquidation map and clusters', async () => {
    const lm = JSON.parse(await run(['--view', 'liqmap', '--rows', '20'])) as { price: number; buckets: { cumLongUsd: number }[] };
    expect(lm.buckets).toHaveLength(20);
    expect(lm.buckets[0]!.cumLongUsd).toBeGreaterThan(0);
    const cl = JSON.parse(await run(['--view', 'clusters', '--top', '4', '--side', 'short'])) as { clusters: { side: string }[] };
    expect(cl.clusters).toHaveLength(4);
    expect(cl.clusters.every((c) => c.side === 'short')).toBe(true);
  });

  it('writes a PNG', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-')), 'h.png');
    await run(['--cols', '100', '--rows', '50', '--format', 'png', '--out', file]);
    const png = PNG.sync.read(fs.readFileSync(file));
    expect(png.width).toBe(1200);
    expect(png.height).toBe(600);
  });

  it('rejects bad flags as usage errors', async () => {
    await expect(run(['--view', 'map'])).rejects.toThrow(/--view/);
    await expect(run(['--format', 'png', '--view', 'liqmap', '--out', '/tmp/x.png'])).rejects.toThrow(/heatmap view only/);
    await expect(run(['--venues', 'mtgox'])).rejects.toThrow(UsageError);
    await expect(run(['--at', '2020-01-01T00:00:00Z'])).rejects.toThrow(/no bar closes before/);
  });
});
