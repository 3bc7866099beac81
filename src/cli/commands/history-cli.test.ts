// The `backfill` and `import` verbs end to end, as a user runs them (child process, local HTTP servers).
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBars } from '../../bars/load.js';
import { realDataDir } from '../../score/real-sets.js';
import { SqliteStore } from '../../store/sqlite/store.js';
import { rmTmp, tmpDir } from '../../store/testing/fixtures.js';

const BIN = fileURLToPath(new URL('../../../bin/liqmap.mjs', import.meta.url));
// the shared data set lives beside the repository (../shared/data/real)
const REAL = realDataDir(fileURLToPath(new URL('../../..', import.meta.url)));
if (!REAL) console.warn('real data not found at ../shared/data/real: the import test on the real 5-minute file skipped');
const REAL_5M = path.join(REAL ?? '', 'binance_5m_merged_before_2026-06-01.csv');
const MIN = 60_000;
const dirs: string[] = [];
const servers: http.Server[] = [];
afterAll(async () => {
  for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  for (const d of dirs) rmTmp(d);
});

function dir(): string {
  const d = tmpDir('liqmap-cli-');
  dirs.push(d);
  return d;
}

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LIQMAP_LOG_LEVEL: 'warn', LIQMAP_LOG_JSON: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString()));
    c.stderr.on('data', (d: Buffer) => (err += d.toString()));
    c.on('exit', (code) => resolve({ code, out, err }));
  });
}

async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

describe('liqmap import bars', () => {
  it.skipIf(!REAL)('stores the real 5-minute file as the bars loader reads it, and refuses a bad venue', async () => {
    const d = dir();
    const r = await run(['import', 'bars', REAL_5M, '--data-dir', d]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/binance-usdm BTCUSDT\s+1,825/);
    const want = loadBars(REAL_5M).bars;
    const s = SqliteStore.open(d, { readonly: true });
    expect(await s.readBars({ fromMs: 0, toMs: Date.UTC(2027, 0), durationMs: 5 * MIN })).toEqual(want);
    await s.close();
    const bad = await run(['import', 'bars', REAL_5M, '--venue', 'nope', '--data-dir', d]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--venue: unknown venue "nope"/);
  });

  it('a foreign file in the data directory: a clear error, no stack, file kept', async () => {
    const d = dir();
    fs.writeFileSync(path.join(d, 'liqmap.db'), 'not a database at all, but precious');
    const csv = path.join(d, 'bars.csv');
    fs.writeFileSync(csv, 'ts,open,high,low,close,oiUsd\n1780185600000,70000,70100,69900,70050,8e9\n1780185900000,70050,70200,70000,70100,8e9\n');
    const r = await run(['import', 'bars', csv, '--data-dir', d]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/liqmap: .*liqmap\.db is not a liqmap database/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(fs.readFileSync(path.join(d, 'liqmap.db'), 'utf8')).toBe('not a database at all, but precious');
  });
});

describe('liqmap import binance-vision', () => {
  it('downloads from --base-url, verifies checksums and prints a summary', async () => {
    const site = dir();
    const date = '2024-03-01';
    const day = Date.UTC(2024, 2, 1);
    const rel = `data/futures/um/daily/klines/BTCUSDT/1m/BTCUSDT-1m-${date}.zip`;
    const rows = Array.from({ length: 15 }, (_, i) => [day + i * MIN, 100 + i, 102 + i, 99 + i, 101 + i, 2, day + (i + 1) * MIN - 1, 2 * (100.5 + i), 9, 1, 100.5 + i, 0].join(','));
    const zip = zipSync({ [`BTCUSDT-1m-${date}.csv`]: strToU8(rows.join('\n')) });
    fs.mkdirSync(path.dirname(path.join(site, rel)), { recursive: true });
    fs.writeFileSync(path.join(site, rel), zip);
    fs.writeFileSync(path.join(site, `${rel}.CHECKSUM`), `${crypto.createHash('sha256').update(zip).digest('hex')}  BTCUSDT-1m-${date}.zip\n`);
    const base = await serve((req, res) => {
      const f = path.join(site, (req.url ?? '/').slice(1));
      if (fs.existsSync(f) && fs.statSync(f).isFile()) res.end(fs.readFileSync(f));
      else res.writeHead(404).end();
    });
    const d = dir();
    const r = await run(['import', 'binance-vision', '--from', date, '--to', '2024-03-02', '--venues', 'binance-usdm', '--base-url', base, '--data-dir', d]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/binance-usdm BTCUSDT\s+1\s+0\s+1 \(2024-03-02\)\s+15\s+0\s+0\s+1 ok, 0 without checksum\s+ok/);
    const again = await run(['import', 'binance-vision', '--from', date, '--to', date, '--venues', 'binance-usdm', '--base-url', base, '--data-dir', d]);
    expect(again.out).toMatch(/binance-usdm BTCUSDT\s+0\s+1\s/);
    const bad = await run(['import', 'binance-vision', '--from', '2024-3-1', '--to', date, '--data-dir', d]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--from: expected a date YYYY-MM-DD/);
  });
});

describe('liqmap backfill', () => {
  it('backfills Binance USDⓈ-M from its REST API (local stand-in), then resumes', async () => {
    const seen: string[] = [];
    const base = await serve((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      seen.push(u.pathname);
      const q = (k: string): number => Number(u.searchParams.get(k));
      res.setHeader('content-type', 'application/json');
      if (u.pathname === '/fapi/v1/klines') {
        const out: unknown[] = [];
        for (let t = Math.ceil(q('startTime') / MIN) * MIN; t <= q('endTime') && out.length < q('limit'); t += MIN) {
          out.push([t, '60000.0', '60010.0', '59990.0', '60005.0', '3.5', t + MIN - 1, '210000.0', 50, '1.5', '90000.0', '0']);
        }
        res.end(JSON.stringify(out));
      } else if (u.pathname === '/futures/data/openInterestHist') {
        const out: unknown[] = [];
        for (let t = Math.ceil(q('startTime') / (5 * MIN)) * 5 * MIN; t <= q('endTime') && out.length < q('limit'); t += 5 * MIN) {
          out.push({ symbol: 'BTCUSDT', sumOpenInterest: '80000.0', sumOpenInterestValue: '4800000000.0', timestamp: t });
        }
        res.end(JSON.stringify(out));
      } else {
        res.writeHead(404).end('{"code":-1,"msg":"not here"}');
      }
    });
    const d = dir();
    const env = { LIQMAP_BINANCE_USDM_REST: base };
    const r = await run(['backfill', '--venues', 'binance-usdm', '--days', '1', '--data-dir', d], env);
    expect(r.code, r.err + r.out).toBe(0);
    expect(r.out).toMatch(/binance-usdm\s+1\s+2 fetched, 0 done before\s+1,4\d\d\s+1,4\d\d\s+OI: last 30 d\s+\S+ \S+\s+ok/);
    expect(seen).toContain('/fapi/v1/klines');
    const s = SqliteStore.open(d, { readonly: true });
    const bars = await s.readBars({ fromMs: 0, toMs: Date.now() });
    await s.close();
    expect(bars.length).toBeGreaterThan(1400);
    expect(bars.every((b) => b.oiBtc === 80_000)).toBe(true);
    const again = await run(['backfill', '--venues', 'binance-usdm', '--days', '1', '--data-dir', d], env);
    expect(again.out).toMatch(/binance-usdm\s+1\s+1 fetched, 1 done before/);
    const bad = await run(['backfill', '--venues', 'binance-usdm', '--days', '0', '--data-dir', d], env);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--days: expected a whole number from 1 to 400/);
  }, 60_000);
});
