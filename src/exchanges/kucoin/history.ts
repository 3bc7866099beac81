// Gap repair and backfill for KuCoin (kucoin.md §3):
// - 1m candles: GET /api/v1/kline/query?symbol&granularity=1&from&to (ms; granularity in minutes;
//   200 rows per request in the 2023 docs) → [time ms, open, high, low, close, volume contracts].
// - OI history: GET /api/ua/v1/market/open-interest?symbol&interval=5min&startAt&endAt&pageSize=200
//   (unified-account market endpoint), rows {symbol, openInterest, ts}. openInterest is read as
//   contracts like the contract endpoint's [unverified]. KuCoin serves it on api.kucoin.com, not on
//   api-futures: the path is relative to the configured REST base, which the mock serves.
//   The rows carry no price: USD uses the 5m candle close at the same time.
import { arr, checkMs, FrameError, isObject, num, obj, toNum } from '../../core/fields.js';
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';
import { kucoinData } from './markets.js';

const MINUTE = 60_000;
const KLINE_ROWS = 200;
const OI_PAGE = 200;

async function data(http: HttpClient, path: string): Promise<unknown> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return kucoinData(res.body);
}

export function parseKlines(d: unknown, market: MarketSpec): HistoryKline[] {
  return arr(d, 'data').map((r, i) => {
    const row = arr(r, `data[${i}]`);
    const at = (j: number): number => toNum(row[j], `data[${i}][${j}]`);
    const volume = at(5);
    if (volume < 0 || row.length < 6) throw new FrameError(`data[${i}]`, 'expected [time, open, high, low, close, volume ≥ 0]');
    return { ts: checkMs(at(0), `data[${i}][0]`), open: at(1), high: at(2), low: at(3), close: at(4), volume: volume * market.contractSize };
  });
}

async function klineRange(http: HttpClient, market: MarketSpec, granularity: number, fromMs: number, toMs: number): Promise<HistoryKline[]> {
  const step = granularity * MINUTE;
  const out: HistoryKline[] = [];
  const s = encodeURIComponent(market.symbol);
  for (let from = Math.floor(fromMs / step) * step; from < toMs; from += KLINE_ROWS * step) {
    const to = Math.min(toMs, from + KLINE_ROWS * step) - 1;
    const rows = parseKlines(await data(http, `/api/v1/kline/query?symbol=${s}&granularity=${granularity}&from=${from}&to=${to}`), market);
    for (const k of rows) if (k.ts >= fromMs - step && k.ts < toMs) out.push(k);
  }
  return out;
}

export function parseOiRows(d: unknown): { ts: number; contracts: number }[] {
  const list = isObject(d) && Array.isArray(d['items']) ? d['items'] : d;
  return arr(list, 'data').map((r, i) => {
    const row = obj(r, `data[${i}]`);
    const contracts = num(row, 'openInterest', `data[${i}].openInterest`);
    if (contracts < 0) throw new FrameError(`data[${i}].openInterest`, 'negative open interest');
    return { ts: checkMs(num(row, 'ts', `data[${i}].ts`), `data[${i}].ts`), contracts };
  });
}

export const kucoinHistory: VenueHistory = {
  // Not documented for the UA endpoint [unverified]; 30 days is what we ask for.
  oiHistoryMaxAgeMs: 30 * 24 * 3_600_000,
  // All public endpoints share 500 requests / 10 s per IP (kucoin.md §3.4); we stay far below.
  maxRequestsPerSec: 5,

  async klines(http, market, fromMs, toMs) {
    return (await klineRange(http, market, 1, fromMs, toMs)).filter((k) => k.ts >= fromMs);
  },

  async openInterest(http, market, fromMs, toMs) {
    const rows: { ts: number; contracts: number }[] = [];
    const s = encodeURIComponent(market.symbol);
    let start = fromMs;
    while (start < toMs) {
      const page = parseOiRows(await data(http, `/api/ua/v1/market/open-interest?symbol=${s}&interval=5min&startAt=${start}&endAt=${toMs - 1}&pageSize=${OI_PAGE}`));
      const fresh = page.filter((r) => r.ts >= start && r.ts < toMs);
      rows.push(...fresh);
      const newest = Math.max(...fresh.map((r) => r.ts));
      if (fresh.length === 0 || page.length < OI_PAGE) break;
      start = newest + 1;
    }
    if (rows.length === 0) return [];
    const closes = await klineRange(http, market, 5, fromMs, toMs);
    const out: HistoryOi[] = [];
    for (const r of rows.sort((a, b) => a.ts - b.ts)) {
      const k = closes.filter((c) => c.ts <= r.ts).at(-1) ?? closes[0];
      if (!k) throw new Error(`no candle to price open interest at ${new Date(r.ts).toISOString()}`);
      const oiBtc = r.contracts * market.contractSize;
      out.push({ ts: r.ts, oiBtc, oiUsd: oiBtc * k.close });
    }
    return out;
  },
};
