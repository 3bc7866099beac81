// Gap repair for OKX: 1-minute candles and per-instrument open-interest history over REST.
import { FrameError, arr, checkMs, toNum, type Json } from '../../core/fields.js';
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';
import { contractsToBtc, okxData } from './markets.js';

const MINUTE = 60_000;
/** /market/candles serves the latest 1,440 rows (300 per page); older minutes need /market/history-candles (100 per page). */
const RECENT_ROWS = 1440;
const MAX_PAGES = 200;
/** rubik open-interest-history: latest 1,440 entries; we ask for the 5m period → 5 days. */
const OI_PERIOD_MS = 5 * MINUTE;

async function get(http: HttpClient, path: string): Promise<readonly Json[]> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
  return okxData(res.body);
}

function cell(row: readonly Json[], i: number, name: string): number {
  return toNum(row[i], `row[${i}] ${name}`);
}

/**
 * Candle row `[ts, o, h, l, c, vol (contracts), volCcy (base coin = BTC for both BTC swaps),
 * volCcyQuote, confirm]`, newest first (OKX doc "GET / Candlesticks"). Only confirmed rows (confirm "1").
 */
export function parseCandle(v: Json, m: MarketSpec): HistoryKline | null {
  const row = arr(v, 'data[]');
  if (row[8] !== undefined && row[8] !== '1') return null;
  const close = cell(row, 4, 'close');
  const volCcy = row[6] === undefined ? undefined : cell(row, 6, 'volCcy');
  const k: HistoryKline = {
    ts: checkMs(cell(row, 0, 'ts'), 'row[0] ts'),
    open: cell(row, 1, 'open'),
    high: cell(row, 2, 'high'),
    low: cell(row, 3, 'low'),
    close,
    volume: volCcy ?? contractsToBtc(m, cell(row, 5, 'vol'), close),
  };
  if (!(k.low > 0 && k.high >= k.low && k.volume >= 0)) throw new FrameError('data[]', `implausible candle at ${k.ts}`);
  return k;
}

/** OI history row `[ts, oi (contracts), oiCcy (coin), oiUsd]` (OKX doc "Get contract open interest history"). */
export function parseOiRow(v: Json, m: MarketSpec): HistoryOi {
  const row = arr(v, 'data[]');
  const oi = cell(row, 1, 'oi');
  const oiBtc = m.kind === 'linear' ? oi * m.contractSize : cell(row, 2, 'oiCcy');
  const oiUsd = cell(row, 3, 'oiUsd');
  if (!(oiBtc >= 0 && oiUsd >= 0)) throw new FrameError('data[]', 'negative open interest');
  return { ts: checkMs(cell(row, 0, 'ts'), 'row[0] ts'), oiBtc, oiUsd };
}

/** Pages backwards from `toMs` with a "records earlier than" cursor until `fromMs` is covered. */
async function pageBack<T extends { ts: number }>(
  fromMs: number,
  toMs: number,
  fetchPage: (before: number) => Promise<readonly Json[]>,
  parse: (v: Json) => T | null,
): Promise<T[]> {
  const byTs = new Map<number, T>();
  let cursor = toMs;
  for (let page = 0; page < MAX_PAGES; page++) {
    const rows = await fetchPage(cursor);
    let oldest = Infinity;
    for (const r of rows) {
      const p = parse(r);
      const ts = p?.ts ?? checkMs(toNum(arr(r, 'data[]')[0], 'row[0] ts'), 'row[0] ts');
      oldest = Math.min(oldest, ts);
      if (p && p.ts >= fromMs && p.ts < toMs) byTs.set(p.ts, p);
    }
    if (rows.length === 0 || oldest <= fromMs || oldest >= cursor) break;
    cursor = oldest;
  }
  return [...byTs.values()].sort((a, b) => a.ts - b.ts);
}

export const okxHistory: VenueHistory = {
  oiHistoryMaxAgeMs: RECENT_ROWS * OI_PERIOD_MS,
  /** candles 40 req / 2 s, history-candles 20 req / 2 s, OI history 10 req / 2 s per IP (OKX doc): stay under all. */
  maxRequestsPerSec: 4,
  klines(http, m, fromMs, toMs) {
    const recent = fromMs >= Date.now() - RECENT_ROWS * MINUTE;
    const base = recent ? '/api/v5/market/candles' : '/api/v5/market/history-candles';
    const limit = recent ? 300 : 100;
    const id = encodeURIComponent(m.symbol);
    return pageBack(fromMs, toMs, (after) => get(http, `${base}?instId=${id}&bar=1m&after=${after}&limit=${limit}`), (v) => parseCandle(v, m));
  },
  openInterest(http, m, fromMs, toMs) {
    const id = encodeURIComponent(m.symbol);
    const path = (end: number): string => `/api/v5/rubik/stat/contracts/open-interest-history?instId=${id}&period=5m&end=${end}&limit=100`;
    return pageBack(fromMs, toMs, (end) => get(http, path(end)), (v) => parseOiRow(v, m));
  },
};
