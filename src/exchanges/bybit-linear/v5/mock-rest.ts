// The mock's REST side: Bybit v5 market endpoints answered from the mock state (bybit.md §3).
// Errors use Bybit's shape: HTTP 200 with a non-zero retCode (10001 = params error).
import type { MarketEvent, OpenInterestEvent, TradeEvent } from '../../../core/events.js';
import type { MarketSpec } from '../../../core/venue.js';
import type { MockRestRequest, MockRestResponse, MockState } from '../../mock/server.js';
import type { Category } from './markets.js';
import { dec } from './mock-encode.js';
import { btcToSize } from './units.js';

export interface V5MockData {
  readonly category: Category;
  readonly markets: ReadonlyMap<string, MarketSpec>;
  /** instruments-info list rows per symbol, in Bybit's shape. */
  readonly instruments: ReadonlyMap<string, object>;
  /** risk-limit list rows per symbol, in Bybit's shape. */
  readonly riskLimits: ReadonlyMap<string, readonly object[]>;
  /** Merged tickers fields per symbol (the encoder's). */
  readonly tickers: ReadonlyMap<string, Record<string, string>>;
}

const MINUTE = 60_000;
const OI_INTERVALS: Readonly<Record<string, number>> = { '5min': 5 * MINUTE, '15min': 15 * MINUTE, '30min': 30 * MINUTE, '1h': 60 * MINUTE, '4h': 240 * MINUTE, '1d': 1440 * MINUTE };

function ok(result: object, now: number): MockRestResponse {
  return { status: 200, body: JSON.stringify({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now }) };
}
function paramsError(msg: string, now: number): MockRestResponse {
  return { status: 200, body: JSON.stringify({ retCode: 10001, retMsg: msg, result: {}, retExtInfo: {}, time: now }) };
}

function intParam(q: URLSearchParams, key: string, dflt: number): number {
  const v = q.get(key);
  const n = v === null ? NaN : Number(v);
  return Number.isInteger(n) ? n : dflt;
}

function forMarket<K extends MarketEvent['kind']>(history: readonly MarketEvent[], kind: K, symbol: string): Extract<MarketEvent, { kind: K }>[] {
  return history.filter((e): e is Extract<MarketEvent, { kind: K }> => e.kind === kind && e.market === symbol);
}

/** Kline rows `[start, o, h, l, c, volume, turnover]` from the trades kept, newest first. */
function klines(m: MarketSpec, trades: readonly TradeEvent[], intervalMs: number, start: number, end: number, limit: number): string[][] {
  const buckets = new Map<number, { o: number; h: number; l: number; c: number; vol: number; turn: number }>();
  for (const t of trades) {
    const b = Math.floor(t.ts / intervalMs) * intervalMs;
    // Linear: volume BTC, turnover USDT. Inverse: volume USD contracts, turnover BTC.
    const vol = btcToSize(m, t.qty, t.price);
    const turn = m.kind === 'inverse' ? t.qty : t.qty * t.price;
    const k = buckets.get(b);
    if (!k) buckets.set(b, { o: t.price, h: t.price, l: t.price, c: t.price, vol, turn });
    else {
      k.h = Math.max(k.h, t.price);
      k.l = Math.min(k.l, t.price);
      k.c = t.price;
      k.vol += vol;
      k.turn += turn;
    }
  }
  const starts = [...buckets.keys()].sort((a, b) => a - b);
  const rows: string[][] = [];
  let prevClose: number | null = null;
  const first = starts[0];
  const last = starts[starts.length - 1];
  if (first === undefined || last === undefined) return rows;
  // Every interval between the first and last trade gets a row; quiet ones are flat at the last close.
  for (let b = first; b <= last; b += intervalMs) {
    const k = buckets.get(b);
    const c: number = k ? k.c : (prevClose ?? 0);
    if (b >= start && b <= end) {
      rows.push(k ? [String(b), dec(k.o, 2), dec(k.h, 2), dec(k.l, 2), dec(k.c, 2), dec(k.vol), dec(k.turn)] : [String(b), dec(c, 2), dec(c, 2), dec(c, 2), dec(c, 2), '0', '0']);
    }
    prevClose = c;
  }
  return rows.reverse().slice(0, limit);
}

/** OI at each interval boundary = the last OI event at or before it; newest first. */
function oiPoints(m: MarketSpec, events: readonly OpenInterestEvent[], stepMs: number, start: number, end: number): { openInterest: string; singleOpenInterest: string; timestamp: string }[] {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const firstTs = sorted[0]?.ts;
  if (firstTs === undefined) return [];
  const out: { openInterest: string; singleOpenInterest: string; timestamp: string }[] = [];
  let i = 0;
  let cur: OpenInterestEvent | undefined;
  for (let t = Math.ceil(firstTs / stepMs) * stepMs; t <= end; t += stepMs) {
    while (i < sorted.length && (sorted[i]?.ts ?? Infinity) <= t) cur = sorted[i++];
    if (!cur || t < start) continue;
    const single = m.kind === 'inverse' ? Math.round(cur.oiUsd / m.contractSize) : cur.oiBtc / m.contractSize;
    const fmt = (n: number): string => (m.kind === 'inverse' ? String(Math.round(n)) : dec(n, 3));
    out.push({ openInterest: fmt(2 * single), singleOpenInterest: fmt(single), timestamp: String(t) });
  }
  return out.reverse();
}

export function v5Rest(data: V5MockData, req: MockRestRequest, state: MockState): MockRestResponse | undefined {
  const now = state.now();
  const q = req.query;
  if (req.method !== 'GET' || !req.path.startsWith('/v5/market/')) return undefined;
  const category = q.get('category');
  if (category !== data.category) return paramsError(`params error: category ${category ?? '(missing)'} not served here`, now);
  const symbol = q.get('symbol');
  const m = symbol ? data.markets.get(symbol) : undefined;
  if (symbol && !m) return paramsError('params error: symbol invalid', now);
  switch (req.path) {
    case '/v5/market/instruments-info': {
      const list = m ? [data.instruments.get(m.symbol)].filter((x) => x !== undefined) : [...data.instruments.values()];
      return ok({ category, list, nextPageCursor: '' }, now);
    }
    case '/v5/market/tickers': {
      const syms = m ? [m.symbol] : [...data.markets.keys()];
      return ok({ category, list: syms.map((s) => ({ symbol: s, ...(data.tickers.get(s) ?? {}) })) }, now);
    }
    case '/v5/market/risk-limit': {
      const syms = m ? [m.symbol] : [...data.markets.keys()];
      return ok({ category, list: syms.flatMap((s) => data.riskLimits.get(s) ?? []), nextPageCursor: '' }, now);
    }
    case '/v5/market/kline': {
      if (!m) return paramsError('params error: symbol is required', now);
      const interval = Number(q.get('interval'));
      if (!Number.isInteger(interval) || interval <= 0) return paramsError('params error: interval invalid', now);
      const limit = Math.min(1000, Math.max(1, intParam(q, 'limit', 200)));
      const end = intParam(q, 'end', now);
      const start = intParam(q, 'start', 0);
      const list = klines(m, forMarket(state.history, 'trade', m.symbol), interval * MINUTE, start, end, limit);
      return ok({ category, symbol: m.symbol, list }, now);
    }
    case '/v5/market/open-interest': {
      if (!m) return paramsError('params error: symbol is required', now);
      const step = OI_INTERVALS[q.get('intervalTime') ?? ''];
      if (!step) return paramsError('params error: intervalTime invalid', now);
      const limit = Math.min(200, Math.max(1, intParam(q, 'limit', 50)));
      const cursor = q.get('cursor');
      // The cursor is opaque to clients; here it is the newest timestamp of the next page.
      const end = Math.min(intParam(q, 'endTime', now), cursor ? Number(cursor) : Infinity);
      const points = oiPoints(m, forMarket(state.history, 'openInterest', m.symbol), step, intParam(q, 'startTime', 0), end);
      const list = points.slice(0, limit);
      const next = points[limit];
      return ok({ symbol: m.symbol, category, list, nextPageCursor: next ? next.timestamp : '' }, now);
    }
    default:
      return undefined;
  }
}
