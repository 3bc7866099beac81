// Gap repair for Deribit: GET /public/get_tradingview_chart_data, resolution 1 (minutes), at most
// 5000 bars per call (deribit.md §3). Columnar answer; `ticks` are bar open times, `volume` is BTC
// (cost / close matches it in the ccxt example). No public OI history (§3): openInterest() returns
// nothing and maxAge is 0.
import { arr, checkMs, FrameError, obj, parseJson, toNum } from '../../core/fields.js';
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';

const MINUTE = 60_000;
const PAGE = 5000;

export function chartPath(symbol: string, startMs: number, endMs: number): string {
  const q = new URLSearchParams({ instrument_name: symbol, resolution: '1', start_timestamp: String(startMs), end_timestamp: String(endMs) });
  return `/public/get_tradingview_chart_data?${q.toString()}`;
}

export function parseChart(body: string): HistoryKline[] {
  const msg = obj(parseJson(body), 'body');
  if (msg['error'] !== undefined) throw new FrameError('error', JSON.stringify(msg['error']).slice(0, 100));
  const r = obj(msg['result'], 'result');
  const col = (k: string) => arr(r[k], `result.${k}`);
  const [ticks, open, high, low, close, volume] = ['ticks', 'open', 'high', 'low', 'close', 'volume'].map(col) as [
    readonly unknown[], readonly unknown[], readonly unknown[], readonly unknown[], readonly unknown[], readonly unknown[],
  ];
  return ticks.map((t, i) => {
    const price = (c: readonly unknown[], k: string): number => {
      const v = toNum(c[i], `result.${k}[${i}]`);
      if (!(v > 0)) throw new FrameError(`result.${k}[${i}]`, `expected > 0, got ${v}`);
      return v;
    };
    return { ts: checkMs(toNum(t, `result.ticks[${i}]`), `result.ticks[${i}]`), open: price(open, 'open'), high: price(high, 'high'), low: price(low, 'low'), close: price(close, 'close'), volume: toNum(volume[i], `result.volume[${i}]`) };
  });
}

export const history: VenueHistory = {
  oiHistoryMaxAgeMs: 0,
  // Non-matching-engine requests: 20/s per ccxt (deribit.md §3); stay far below.
  maxRequestsPerSec: 5,
  async klines(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryKline[]> {
    const out: HistoryKline[] = [];
    let start = Math.floor(fromMs / MINUTE) * MINUTE;
    while (start < toMs) {
      const res = await http.request({ method: 'GET', path: chartPath(market.symbol, start, toMs - 1) });
      if (res.status !== 200) throw new Error(`get_tradingview_chart_data: HTTP ${res.status}`);
      const rows = parseChart(res.body);
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
