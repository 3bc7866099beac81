import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../store/sqlite/store.js';
import { rmTmp, tmpDir } from '../../store/testing/fixtures.js';
import { importVision } from './import.js';
import { datesBetween, VISION_MARKETS, visionPath, type VisionKind, type VisionMarket } from './layout.js';
import { dirSource, httpSource } from './source.js';

const UM = VISION_MARKETS['binance-usdm'];
const CM = VISION_MARKETS['binance-coinm'];
const D1 = Date.UTC(2024, 2, 1);
const MIN = 60_000;
const KLINE_HEADER = 'open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore';

function klineRows(day: number, n: number, cm: boolean): string[] {
  return Array.from({ length: n }, (_, i) => {
    const t = day + i * MIN;
    const p = 62_000 + i;
    // COIN-M: volume in contracts, quote_volume in BTC
    const vol = cm ? 6200 : 2.5;
    const quote = cm ? (6200 * 100) / (p + 0.5) : 2.5 * (p + 0.5);
    const buy = cm ? 3100 : 1;
    const buyQuote = cm ? quote / 2 : 1 * (p + 0.5);
    return [t, p, p + 2, p - 1, p + 1, vol, t + MIN - 1, quote, 40, buy, buyQuote, 0].join(',');
  });
}

/** Files in Binance's published layout: zip with one CSV, optional .CHECKSUM. */
function put(root: string, m: VisionMarket, kind: VisionKind, date: string, csv: string, checksum: 'good' | 'bad' | 'none' = 'good'): void {
  const rel = visionPath(m, kind, date);
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const zip = zipSync({ [path.basename(rel).replace('.zip', '.csv')]: strToU8(csv) });
  fs.writeFileSync(file, zip);
  if (checksum === 'none') return;
  const sum = checksum === 'good' ? crypto.createHash('sha256').update(zip).digest('hex') : 'f'.repeat(64);
  fs.writeFileSync(`${file}.CHECKSUM`, `${sum}  ${path.basename(rel)}\n`);
}

let root = '';
let server: http.Server;
let base = '';
const requested: string[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  root = tmpDir('liqmap-vision-');
  // USDⓈ-M: day 1 full (header rows, metrics, checksums); day 2 headerless klines, no metrics, no checksum; day 3 absent
  put(root, UM, 'klines', '2024-03-01', [KLINE_HEADER, ...klineRows(D1, 30, false)].join('\n'));
  put(root, UM, 'metrics', '2024-03-01', ['create_time,symbol,sum_open_interest,sum_open_interest_value,count_toptrader_long_short_ratio', '2024-03-01 00:05:00,BTCUSDT,80000.5,4960000000.25,1.2', '2024-03-01 00:10:00,BTCUSDT,80010,4961000000,1.2'].join('\n'));
  put(root, UM, 'klines', '2024-03-02', klineRows(D1 + 86_400_000, 20, false).join('\r\n'), 'none');
  // COIN-M: klines, metrics (contracts / BTC) and liquidation snapshots
  put(root, CM, 'klines', '2024-03-01', [KLINE_HEADER, ...klineRows(D1, 10, true)].join('\n'));
  put(root, CM, 'metrics', '2024-03-01', ['create_time,symbol,sum_open_interest,sum_open_interest_value', '2024-03-01 00:00:00,BTCUSD_PERP,3000000,4838.7'].join('\n'));
  put(
    root,
    CM,
    'liquidationSnapshot',
    '2024-03-01',
    [
      'time,side,order_type,time_in_force,original_quantity,price,average_price,order_status,last_fill_quantity,accumulated_fill_quantity',
      `${D1 + 2 * MIN + 5000},SELL,LIMIT,IOC,20,61990,62000,FILLED,20,20`,
      `${D1 + 2 * MIN + 9000},BUY,LIMIT,IOC,10,62100,0,FILLED,10,10`,
    ].join('\n'),
  );
  server = http.createServer((req, res) => {
    requested.push(req.url ?? '');
    const file = path.join(root, decodeURIComponent((req.url ?? '/').slice(1)));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      return;
    }
    res.end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmTmp(root);
  for (const d of dirs) rmTmp(d);
});

function fresh(): SqliteStore {
  const d = tmpDir();
  dirs.push(d);
  return SqliteStore.open(d);
}

describe('import binance-vision', () => {
  it('imports USDⓈ-M klines and 5-minute OI over HTTP, verifying checksums; reports unpublished days', async () => {
    const store = fresh();
    const [r] = await importVision({ store, source: httpSource(base), markets: [UM], dates: datesBetween('2024-03-01', '2024-03-03') });
    expect(r?.error).toBeUndefined();
    expect(r).toMatchObject({ imported: 2, missing: ['2024-03-03'], bars: 50, verified: 2, unverified: 1 });
    const bars = await store.readBars({ fromMs: D1, toMs: D1 + 3 * 86_400_000 });
    expect(bars).toHaveLength(50);
    const b0 = bars[0]!;
    expect(b0).toMatchObject({ venue: 'binance-usdm', market: 'BTCUSDT', ts: D1, open: 62_000, high: 62_002, low: 61_999, close: 62_001, buyVolume: 1, sellVolume: 1.5, trades: 40, oiBtc: null });
    expect(b0.vwap).toBeCloseTo(62_000.5, 6);
    // the 00:05 sample is the OI at the close of bar 00:04
    expect(bars[4]).toMatchObject({ oiBtc: 80000.5, oiUsd: 4960000000.25 });
    expect(bars[9]).toMatchObject({ oiBtc: 80010, oiUsd: 4961000000 });
    expect(bars[3]?.oiBtc).toBeNull();
    expect(requested.some((u) => u.endsWith('BTCUSDT-1m-2024-03-01.zip.CHECKSUM'))).toBe(true);
    // a second run skips the finished days
    const [again] = await importVision({ store, source: httpSource(base), markets: [UM], dates: datesBetween('2024-03-01', '2024-03-03') });
    expect(again).toMatchObject({ imported: 0, skipped: 2, missing: ['2024-03-03'] });
  });

  it('imports COIN-M from a local directory in BTC and USD units, with liquidations', async () => {
    const store = fresh();
    const [r] = await importVision({ store, source: dirSource(root), markets: [CM], dates: ['2024-03-01'] });
    expect(r).toMatchObject({ imported: 1, bars: 10, barsWithOi: 10, liquidations: 2 });
    const bars = await store.readBars({ fromMs: D1, toMs: D1 + 86_400_000 });
    const b2 = bars[2]!;
    expect(b2.oiBtc).toBe(4838.7);
    expect(b2.oiUsd).toBe(300_000_000);
    expect(b2.vwap).toBeCloseTo(62_002.5, 6);
    expect(b2.buyVolume + b2.sellVolume).toBeCloseTo((6200 * 100) / 62_002.5, 9);
    // SELL 20 contracts at 62000 → a long of 2000 USD; BUY 10 contracts at 62100 (no average price) → a short of 1000 USD
    expect(b2).toMatchObject({ liqLongCount: 1, liqLongUsd: 2000, liqShortCount: 1, liqShortUsd: 1000 });
    expect(b2.liqLongBtc).toBeCloseTo(2000 / 62_000, 12);
    const liqs = await store.readLiquidations({ fromMs: D1, toMs: D1 + 86_400_000 });
    expect(liqs.map((l) => [l.side, l.price, l.notionalUsd])).toEqual([
      ['long', 62_000, 2000],
      ['short', 62_100, 1000],
    ]);
  });

  it('a checksum mismatch stops that market with a clear error and stores nothing of the day', async () => {
    const bad = tmpDir('liqmap-vision-bad-');
    dirs.push(bad);
    put(bad, UM, 'klines', '2024-03-01', klineRows(D1, 5, false).join('\n'), 'bad');
    const store = fresh();
    const [r] = await importVision({ store, source: dirSource(bad), markets: [UM], dates: ['2024-03-01'] });
    expect(r?.error).toMatch(/BTCUSDT-1m-2024-03-01\.zip: checksum mismatch .* run the import again/);
    expect(await store.readBars({ fromMs: 0, toMs: D1 + 86_400_000 })).toEqual([]);
  });

  it('rejects bad dates', () => {
    expect(() => datesBetween('2024-02-30', '2024-03-01')).toThrow(/expected a date YYYY-MM-DD/);
    expect(() => datesBetween('2024-03-02', '2024-03-01')).toThrow(/before/);
  });
});
