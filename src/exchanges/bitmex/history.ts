// Gap repair for BitMEX: GET /trade/bucketed?binSize=1m (bitmex.md §3). Bucket timestamps are the
// END of the minute; `open` equals the previous bucket's close (BitMEX's rule), volume is taken from
// homeNotional (BTC for both XBTUSD and XBTUSDT). No open-interest history endpoint exists (§3):
// OI gaps cannot be rebuilt from this venue, so openInterest() returns nothing and maxAge is 0.
import { arr, num, obj, optNum, parseJson, positive } from '../../core/fields.js';
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';
import { isoMs } from './parse.js';

const MINUTE = 60_000;
const PAGE = 1000;

export function bucketPath(symbol: string, startMs: number, endMs: number): string {
  const q = new URLSearchParams({ binSize: '1m', symbol, count: String(PAGE), startTime: new Date(startMs).toISOString(), endTime: new Date(endMs).toISOString() });
  return `/trade/bucketed?${q.toString()}`;
}

export function parseBuckets(body: string, market: MarketSpec): HistoryKline[] {
  return arr(parseJson(body), 'body').map((r, i) => {
    const p = `body[${i}]`;
    const b = obj(r, p);
    const close = positive(b, 'close', `${p}.close`);
    const home = optNum(b, 'homeNotional', `${p}.homeNotional`);
    const contracts = num(b, 'volume', `${p}.volume`);
    return {
      ts: isoMs(b, 'timestamp', `${p}.timestamp`) - MINUTE,
      open: positive(b, 'open', `${p}.open`),
      high: positive(b, 'high', `${p}.high`),
      low: positive(b, 'low', `${p}.low`),
      close,
      volume: home ?? (market.kind === 'inverse' ? (contracts * market.contractSize) / close : contracts * market.contractSize),
    };
  });
}

export const history: VenueHistory = {
  oiHistoryMaxAgeMs: 0,
  // 30 requests/min unauthenticated (bitmex.md §3.2, unconfirmed): one every 2 s.
  maxRequestsPerSec: 0.5,
  async klines(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryKline[]> {
    const out: HistoryKline[] = [];
    // Bucket end times of the bars starting in [fromMs, toMs).
    let end = Math.floor(fromMs / MINUTE) * MINUTE + MINUTE;
    while (end <= toMs) {
      const res = await http.request({ method: 'GET', path: bucketPath(market.symbol, end, toMs) });
      if (res.status !== 200) throw new Error(`trade/bucketed: HTTP ${res.status}`);
      const rows = parseBuckets(res.body, market);
      out.push(...rows.filter((k) => k.ts >= fromMs && k.ts + MINUTE <= toMs));
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      end = last.ts + 2 * MINUTE;
    }
    return out;
  },
  async openInterest(): Promise<readonly HistoryOi[]> {
    return [];
  },
};
