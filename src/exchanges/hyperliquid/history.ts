// Gap repair for Hyperliquid: 1-minute candles from POST /info candleSnapshot (latest 5000 only,
// ≈ 3.5 days; hyperliquid.md §3.3). The info API has no open-interest history (§3.4): OI gaps
// cannot be rebuilt from this venue, so openInterest() returns nothing and says so via maxAge 0.
import { arr, epochMs, FrameError, num, obj, parseJson, positive, str } from '../../core/fields.js';
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';

const MINUTE = 60_000;
/** candleSnapshot returns at most this many candles per call (hyperliquid.md §3.3). */
const PAGE = 5000;

export function candleRequest(coin: string, startTime: number, endTime: number): { method: 'POST'; path: string; body: string } {
  return { method: 'POST', path: '/info', body: JSON.stringify({ type: 'candleSnapshot', req: { coin, interval: '1m', startTime, endTime } }) };
}

/** Candle rows: t open ms, o/h/l/c price strings, v volume in BTC (hyperliquid.md §3.3). */
export function parseCandles(body: string): HistoryKline[] {
  const rows = arr(parseJson(body), 'body');
  return rows.map((r, i) => {
    const c = obj(r, `body[${i}]`);
    const p = `body[${i}]`;
    if (str(c, 'i', `${p}.i`) !== '1m') throw new FrameError(`${p}.i`, 'expected 1m candles');
    return {
      ts: epochMs(c, 't', `${p}.t`),
      open: positive(c, 'o', `${p}.o`),
      high: positive(c, 'h', `${p}.h`),
      low: positive(c, 'l', `${p}.l`),
      close: positive(c, 'c', `${p}.c`),
      volume: num(c, 'v', `${p}.v`),
    };
  });
}

export const history: VenueHistory = {
  oiHistoryMaxAgeMs: 0,
  // 1200 weight/min per IP; candleSnapshot costs 20 + 1 per 60 rows (hyperliquid.md §3.6).
  maxRequestsPerSec: 1,
  async klines(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryKline[]> {
    const out: HistoryKline[] = [];
    let start = Math.floor(fromMs / MINUTE) * MINUTE;
    while (start < toMs) {
      const res = await http.request(candleRequest(market.symbol, start, toMs - 1));
      if (res.status !== 200) throw new Error(`candleSnapshot: HTTP ${res.status}`);
      const rows = parseCandles(res.body);
      out.push(...rows.filter((k) => k.ts >= start && k.ts + MINUTE <= toMs));
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      start = last.ts + MINUTE;
    }
    return out;
  },
  async openInterest(): Promise<readonly HistoryOi[]> {
    return [];
  },
};
