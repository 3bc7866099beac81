// Gap repair and backfill for Gate: 1m candles and 5m contract stats (open interest) over REST.
// Candles: GET /futures/usdt/candlesticks?contract&interval=1m&from&to (seconds; at most 2000
// points per query; `limit` must not be combined with from/to). Rows {t s, o, h, l, c, v contracts,
// sum quote}. Stats: GET /futures/usdt/contract_stats?contract&interval=5m&from&limit (gate.md §3).
import { arr, checkMs, FrameError, num, obj, optNum, parseJson, positive } from '../../core/fields.js';
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';

const MINUTE = 60_000;
/** Gate returns at most 2000 points per candle query. */
const MAX_CANDLES = 2000;
const STATS_LIMIT = 100;
const STATS_STEP_MS = 5 * MINUTE;

async function getJson(http: HttpClient, path: string): Promise<unknown> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return parseJson(res.body);
}

export function parseCandles(body: unknown, market: MarketSpec): HistoryKline[] {
  return arr(body, 'body').map((r, i) => {
    const row = obj(r, `body[${i}]`);
    const p = `body[${i}]`;
    const volume = num(row, 'v', `${p}.v`);
    if (volume < 0) throw new FrameError(`${p}.v`, `negative volume ${volume}`);
    return {
      ts: checkMs(num(row, 't', `${p}.t`) * 1000, `${p}.t`),
      open: positive(row, 'o', `${p}.o`),
      high: positive(row, 'h', `${p}.h`),
      low: positive(row, 'l', `${p}.l`),
      close: positive(row, 'c', `${p}.c`),
      volume: volume * market.contractSize,
    };
  });
}

export function parseStats(body: unknown, market: MarketSpec): HistoryOi[] {
  return arr(body, 'body').map((r, i) => {
    const row = obj(r, `body[${i}]`);
    const p = `body[${i}]`;
    const oiBtc = num(row, 'open_interest', `${p}.open_interest`) * market.contractSize;
    const usd = optNum(row, 'open_interest_usd', `${p}.open_interest_usd`);
    const mark = optNum(row, 'mark_price', `${p}.mark_price`) ?? 0;
    if (oiBtc < 0) throw new FrameError(`${p}.open_interest`, 'negative open interest');
    return { ts: checkMs(num(row, 'time', `${p}.time`) * 1000, `${p}.time`), oiBtc, oiUsd: usd !== undefined && usd > 0 ? usd : oiBtc * mark };
  });
}

export const gateHistory: VenueHistory = {
  // Gate documents no look-back limit for contract_stats [unverified]; 30 days is what we ask for.
  oiHistoryMaxAgeMs: 30 * 24 * 3_600_000,
  // ccxt models Gate's public endpoints at 200 requests / 10 s; we stay well under.
  maxRequestsPerSec: 8,

  async klines(http, market, fromMs, toMs) {
    const out: HistoryKline[] = [];
    const c = encodeURIComponent(market.symbol);
    for (let start = Math.floor(fromMs / MINUTE) * MINUTE; start < toMs; start += MAX_CANDLES * MINUTE) {
      const end = Math.min(toMs, start + MAX_CANDLES * MINUTE) - MINUTE;
      const path = `/futures/usdt/candlesticks?contract=${c}&interval=1m&from=${start / 1000}&to=${Math.floor(end / 1000)}`;
      for (const k of parseCandles(await getJson(http, path), market)) if (k.ts >= fromMs && k.ts < toMs) out.push(k);
    }
    return out;
  },

  async openInterest(http, market, fromMs, toMs) {
    const out: HistoryOi[] = [];
    const c = encodeURIComponent(market.symbol);
    let from = Math.floor(fromMs / STATS_STEP_MS) * STATS_STEP_MS;
    while (from < toMs) {
      const path = `/futures/usdt/contract_stats?contract=${c}&interval=5m&from=${from / 1000}&limit=${STATS_LIMIT}`;
      const rows = parseStats(await getJson(http, path), market);
      for (const r of rows) if (r.ts >= fromMs && r.ts < toMs) out.push(r);
      const last = rows[rows.length - 1];
      if (!last || rows.length < STATS_LIMIT || last.ts < from) break;
      from = last.ts + STATS_STEP_MS;
    }
    return out;
  },
};
