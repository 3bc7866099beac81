// Gap repair and backfill: 1-minute klines (/v5/market/kline, ≤1000 rows per call, newest first)
// and open-interest history (/v5/market/open-interest, 5-minute points, ≤200 per page with a
// cursor, back to the symbol's launch), bybit.md §3. OI points are valued at the price of the
// 5-minute kline that closes at their timestamp.
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../../core/venue.js';
import type { Category } from './markets.js';
import { parseKlines, parseOiHistory, type KlineRow } from './rest-parse.js';
import { sizeToBtc, sizeToUsd } from './units.js';

const MINUTE = 60_000;
const KLINE_PAGE = 1000;
const OI_PAGE = 200;
const OI_STEP = 5 * MINUTE;
/** Bybit allows 600 requests / 5 s per IP for everything; we stay far below it. */
const REQUESTS_PER_SEC = 10;

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function get(http: HttpClient, path: string): Promise<string> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
  return res.body;
}

/** Kline rows with start in [fromMs, toMs), ascending, walking back from toMs page by page. */
async function klineRows(http: HttpClient, category: Category, symbol: string, intervalMin: number, fromMs: number, toMs: number): Promise<KlineRow[]> {
  const byStart = new Map<number, KlineRow>();
  let end = toMs - 1;
  for (let page = 0; end >= fromMs; page++) {
    if (page > 0) await pause(1000 / REQUESTS_PER_SEC);
    const path = `/v5/market/kline?category=${category}&symbol=${encodeURIComponent(symbol)}&interval=${intervalMin}&start=${fromMs}&end=${end}&limit=${KLINE_PAGE}`;
    const rows = parseKlines(await get(http, path));
    for (const r of rows) if (r.start >= fromMs && r.start < toMs) byStart.set(r.start, r);
    const oldest = rows.reduce((min, r) => Math.min(min, r.start), Infinity);
    if (rows.length < KLINE_PAGE || !(oldest < end)) break;
    end = oldest - 1;
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

async function oiRows(http: HttpClient, category: Category, symbol: string, fromMs: number, toMs: number): Promise<{ ts: number; size: number }[]> {
  const byTs = new Map<number, number>();
  let cursor = '';
  for (let page = 0; ; page++) {
    if (page > 0) await pause(1000 / REQUESTS_PER_SEC);
    const path =
      `/v5/market/open-interest?category=${category}&symbol=${encodeURIComponent(symbol)}&intervalTime=5min` +
      `&startTime=${fromMs}&endTime=${toMs}&limit=${OI_PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { rows, cursor: next } = parseOiHistory(await get(http, path));
    for (const r of rows) if (r.ts >= fromMs && r.ts <= toMs) byTs.set(r.ts, r.size);
    if (!next || rows.length === 0 || next === cursor) break;
    cursor = next;
  }
  return [...byTs.entries()].map(([ts, size]) => ({ ts, size })).sort((a, b) => a.ts - b.ts);
}

/** Price at `ts` from (time, price) points sorted by time: the nearest one. */
function priceAt(points: readonly { t: number; price: number }[], ts: number): number | undefined {
  let lo = 0;
  let hi = points.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((points[mid]?.t ?? 0) < ts) lo = mid + 1;
    else hi = mid;
  }
  const a = points[lo];
  const b = points[lo - 1];
  if (!a) return undefined;
  return b && Math.abs(b.t - ts) < Math.abs(a.t - ts) ? b.price : a.price;
}

export function createV5History(category: Category): VenueHistory {
  return {
    // "The upper limit time you can query is the launch time of the symbol" (open-interest.mdx):
    // BTCUSDT launched 2020-03, BTCUSD 2018; three years is a safe bound for both.
    oiHistoryMaxAgeMs: 3 * 365 * 24 * 60 * MINUTE,
    maxRequestsPerSec: REQUESTS_PER_SEC,
    async klines(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryKline[]> {
      const rows = await klineRows(http, category, market.symbol, 1, fromMs, toMs);
      return rows
        .filter((r) => r.start + MINUTE <= toMs)
        .map((r) => ({
          ts: r.start,
          open: r.open,
          high: r.high,
          low: r.low,
          close: r.close,
          // Linear volume is BTC × contract size; inverse turnover is already BTC (volume is USD).
          volume: market.kind === 'inverse' ? r.turnover : r.volume * market.contractSize,
        }));
    },
    async openInterest(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryOi[]> {
      const oi = await oiRows(http, category, market.symbol, fromMs, toMs);
      if (oi.length === 0) return [];
      const first = oi[0]?.ts ?? fromMs;
      const last = oi[oi.length - 1]?.ts ?? toMs;
      const klines = await klineRows(http, category, market.symbol, 5, first - OI_STEP, last + OI_STEP);
      const points = klines.map((k) => ({ t: k.start + OI_STEP, price: k.close }));
      const out: HistoryOi[] = [];
      for (const r of oi) {
        const price = priceAt(points, r.ts);
        if (price === undefined) continue;
        out.push({ ts: r.ts, oiBtc: sizeToBtc(market, r.size, price), oiUsd: sizeToUsd(market, r.size, price) });
      }
      return out;
    },
  };
}
