// Gap repair for Bitget: 1-minute candles over REST. Bitget serves no open-interest history
// (bitget.md §3.1), so OI gaps stay gaps.
import { FrameError, type Json } from '../../core/fields.js';
import type { HistoryKline, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';
import { arr, ms, num } from '../okx-swap/values.js';
import { bitgetData, PRODUCT_TYPE } from './markets.js';

const MINUTE = 60_000;
/** /candles keeps about a month of 1m rows (limit 1000); older minutes come from /history-candles (limit 200). */
const RECENT_MS = 30 * 24 * 60 * MINUTE;
const MAX_PAGES = 200;

/** Row `[ts, open, high, low, close, baseVolume (BTC), quoteVolume (USDT)]` (bitget.md §3.2). */
export function parseCandle(v: Json, m: MarketSpec): HistoryKline {
  const row = arr(v, 'data[]');
  const k: HistoryKline = {
    ts: ms(row[0], 'row[0] ts'),
    open: num(row[1], 'row[1] open'),
    high: num(row[2], 'row[2] high'),
    low: num(row[3], 'row[3] low'),
    close: num(row[4], 'row[4] close'),
    volume: num(row[5], 'row[5] baseVolume') * m.contractSize,
  };
  if (!(k.low > 0 && k.high >= k.low && k.volume >= 0)) throw new FrameError('data[]', `implausible candle at ${k.ts}`);
  return k;
}

async function page(http: HttpClient, path: string): Promise<readonly Json[]> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
  return arr(bitgetData(res.body), 'data');
}

/** Closed minutes in [fromMs, toMs), paging forward with startTime/endTime (ms, minute-aligned). */
async function klines(http: HttpClient, m: MarketSpec, fromMs: number, toMs: number): Promise<HistoryKline[]> {
  const recent = fromMs >= Date.now() - RECENT_MS;
  const base = recent ? '/api/v2/mix/market/candles' : '/api/v2/mix/market/history-candles';
  const limit = recent ? 1000 : 200;
  const closedBefore = Math.min(toMs, Math.floor(Date.now() / MINUTE) * MINUTE);
  const byTs = new Map<number, HistoryKline>();
  let start = Math.floor(fromMs / MINUTE) * MINUTE;
  for (let i = 0; i < MAX_PAGES && start < closedBefore; i++) {
    const end = Math.min(closedBefore, start + limit * MINUTE);
    const rows = await page(http, `${base}?symbol=${encodeURIComponent(m.symbol)}&productType=${PRODUCT_TYPE}&granularity=1m&startTime=${start}&endTime=${end}&limit=${limit}`);
    for (const r of rows) {
      const k = parseCandle(r, m);
      if (k.ts >= fromMs && k.ts < closedBefore) byTs.set(k.ts, k);
    }
    start = end;
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

export const bitgetHistory: VenueHistory = {
  oiHistoryMaxAgeMs: 0,
  /** Market endpoints allow 20 req/s per IP (bitget.md §3.5); we stay well below. */
  maxRequestsPerSec: 5,
  klines,
  openInterest: async () => [],
};
