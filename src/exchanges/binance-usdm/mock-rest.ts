// Binance futures REST as the mock serves it: exchangeInfo, openInterest, premiumIndex, 1m klines and
// openInterestHist, answered from the events published to the mock. Errors use Binance's
// {"code":-1121,"msg":"Invalid symbol."} shape.
import type { MarketEvent, OpenInterestEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';
import type { MockRestRequest, MockRestResponse, MockState } from '../mock/server.js';
import { decimalsOf, formatPrice, venueSize } from './mock-frames.js';
import type { BinanceProfile } from './profile.js';

const MINUTE = 60_000;
const PERIODS: Readonly<Record<string, number>> = {
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': 60 * MINUTE,
  '2h': 120 * MINUTE,
  '4h': 240 * MINUTE,
  '6h': 360 * MINUTE,
  '12h': 720 * MINUTE,
  '1d': 1440 * MINUTE,
};

function ok(body: unknown): MockRestResponse {
  return { status: 200, body: JSON.stringify(body) };
}
function fail(status: number, code: number, msg: string): MockRestResponse {
  return { status, body: JSON.stringify({ code, msg }) };
}
const badSymbol = (): MockRestResponse => fail(400, -1121, 'Invalid symbol.');
const missing = (p: string): MockRestResponse =>
  fail(400, -1102, `Mandatory parameter '${p}' was not sent, was empty/null, or malformed.`);

/** startTime/endTime/limit window over rows sorted by time: from the start when given, else the latest. */
function window<T>(rows: T[], tsOf: (r: T) => number, q: URLSearchParams, defLimit: number, maxLimit: number): T[] {
  const start = Number(q.get('startTime') ?? NaN);
  const end = Number(q.get('endTime') ?? NaN);
  const limit = Math.min(maxLimit, Math.max(1, Number(q.get('limit') ?? defLimit) || defLimit));
  const inRange = rows.filter((r) => (Number.isNaN(start) || tsOf(r) >= start) && (Number.isNaN(end) || tsOf(r) <= end));
  return Number.isNaN(start) ? inRange.slice(-limit) : inRange.slice(0, limit);
}

function exchangeInfo(profile: BinanceProfile, state: MockState): MockRestResponse {
  const symbols = profile.fallbackMarkets.map((m) => ({
    symbol: m.symbol,
    pair: m.symbol.split('_')[0],
    contractType: 'PERPETUAL',
    status: 'TRADING',
    baseAsset: 'BTC',
    quoteAsset: profile.kind === 'inverse' ? 'USD' : 'USDT',
    marginAsset: profile.kind === 'inverse' ? 'BTC' : 'USDT',
    ...(profile.kind === 'inverse' ? { contractSize: m.contractSize } : {}),
    pricePrecision: decimalsOf(m.tickSize),
    filters: [
      { filterType: 'PRICE_FILTER', minPrice: '100', maxPrice: '4529764', tickSize: String(m.tickSize) },
      profile.kind === 'inverse'
        ? { filterType: 'LOT_SIZE', minQty: '1', maxQty: '1000000', stepSize: '1' }
        : { filterType: 'LOT_SIZE', minQty: '0.001', maxQty: '1000', stepSize: '0.001' },
    ],
  }));
  return ok({
    timezone: 'UTC',
    serverTime: state.now(),
    rateLimits: [{ rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 }],
    symbols,
  });
}

function openInterest(profile: BinanceProfile, m: MarketSpec, state: MockState): MockRestResponse {
  const e = state.last.get(`openInterest:${m.symbol}`);
  if (e?.kind !== 'openInterest') return fail(503, -1001, 'Internal error; unable to process your request. Please try again.');
  const size = m.kind === 'inverse' ? String(Math.round(e.oiUsd / m.contractSize)) : (e.oiBtc / m.contractSize).toFixed(3);
  return profile.kind === 'inverse'
    ? ok({ symbol: m.symbol, pair: m.symbol.split('_')[0], openInterest: size, contractType: 'PERPETUAL', time: e.ts })
    : ok({ symbol: m.symbol, openInterest: size, time: e.ts });
}

function premiumIndex(m: MarketSpec, state: MockState): MockRestResponse {
  const e = state.last.get(`mark:${m.symbol}`);
  if (e?.kind !== 'mark') return fail(503, -1001, 'Internal error; unable to process your request. Please try again.');
  const index = (e.indexPrice ?? e.markPrice).toFixed(8);
  return ok({
    symbol: m.symbol,
    markPrice: e.markPrice.toFixed(8),
    indexPrice: index,
    estimatedSettlePrice: index,
    lastFundingRate: (e.fundingRate ?? 0).toFixed(8),
    interestRate: '0.00010000',
    nextFundingTime: e.nextFundingTs ?? 0,
    time: e.ts,
  });
}

/** 1m klines built from the trades the mock has seen: [openTime, o, h, l, c, volume, closeTime, quoteVolume, n, takerBuyVolume, takerBuyQuote, "0"]. */
function klines(m: MarketSpec, history: readonly MarketEvent[], q: URLSearchParams): MockRestResponse {
  if (q.get('interval') !== '1m') return fail(400, -1120, 'Invalid interval.');
  const bars = new Map<number, { o: number; h: number; l: number; c: number; vol: number; base: number; quote: number; n: number; buyVol: number; buyBase: number; buyQuote: number }>();
  for (const e of history) {
    if (e.kind !== 'trade' || e.market !== m.symbol) continue;
    const t = e;
    const ts = Math.floor(t.ts / MINUTE) * MINUTE;
    const size = Number(venueSize(m, t.qty, t.price));
    const b = bars.get(ts) ?? { o: t.price, h: t.price, l: t.price, c: t.price, vol: 0, base: 0, quote: 0, n: 0, buyVol: 0, buyBase: 0, buyQuote: 0 };
    b.h = Math.max(b.h, t.price);
    b.l = Math.min(b.l, t.price);
    b.c = t.price;
    b.vol += size;
    b.base += t.qty;
    b.quote += t.qty * t.price;
    b.n++;
    if (t.takerSide === 'buy') {
      b.buyVol += size;
      b.buyBase += t.qty;
      b.buyQuote += t.qty * t.price;
    }
    bars.set(ts, b);
  }
  const rows = [...bars.entries()].sort((a, b) => a[0] - b[0]);
  const inverse = m.kind === 'inverse';
  const fmt = (n: number): string => (inverse ? n.toFixed(0) : n.toFixed(3));
  // COIN-M: column 7 is base-asset (BTC) volume and 10 taker-buy base volume; USDⓈ-M: quote (USDT).
  return ok(
    window(rows, (r) => r[0], q, 500, 1500).map(([ts, b]) => [
      ts,
      formatPrice(m, b.o),
      formatPrice(m, b.h),
      formatPrice(m, b.l),
      formatPrice(m, b.c),
      fmt(b.vol),
      ts + MINUTE - 1,
      inverse ? b.base.toFixed(8) : b.quote.toFixed(5),
      b.n,
      fmt(b.buyVol),
      inverse ? b.buyBase.toFixed(8) : b.buyQuote.toFixed(5),
      '0',
    ]),
  );
}

/** OI history: the last published value in each period, stamped with the period start. */
function openInterestHist(profile: BinanceProfile, m: MarketSpec, history: readonly MarketEvent[], q: URLSearchParams): MockRestResponse {
  const period = PERIODS[q.get('period') ?? ''];
  if (!period) return fail(400, -1130, 'Data sent for parameter \'period\' is not valid.');
  const byBucket = new Map<number, OpenInterestEvent>();
  for (const e of history) if (e.kind === 'openInterest' && e.market === m.symbol) byBucket.set(Math.floor(e.ts / period) * period, e);
  const rows = [...byBucket.entries()].sort((a, b) => a[0] - b[0]);
  return ok(
    window(rows, (r) => r[0], q, 30, 500).map(([ts, e]) =>
      profile.kind === 'inverse'
        ? {
            pair: m.symbol.split('_')[0],
            contractType: 'PERPETUAL',
            sumOpenInterest: String(Math.round(e.oiUsd / m.contractSize)),
            sumOpenInterestValue: e.oiBtc.toFixed(8),
            timestamp: ts,
          }
        : { symbol: m.symbol, sumOpenInterest: e.oiBtc.toFixed(8), sumOpenInterestValue: e.oiUsd.toFixed(8), timestamp: ts },
    ),
  );
}

export function mockRest(profile: BinanceProfile, req: MockRestRequest, state: MockState): MockRestResponse | undefined {
  if (req.method !== 'GET') return undefined;
  const q = req.query;
  const api = profile.api;
  if (req.path === `${api}/ping`) return ok({});
  if (req.path === `${api}/time`) return ok({ serverTime: state.now() });
  if (req.path === `${api}/exchangeInfo`) return exchangeInfo(profile, state);
  const bySymbol = (symbol: string | null): MarketSpec | undefined => profile.fallbackMarkets.find((m) => m.symbol === symbol);
  if (req.path === '/futures/data/openInterestHist') {
    // USDⓈ-M names the symbol; COIN-M the pair and contract type.
    if (profile.kind === 'inverse') {
      const pair = q.get('pair');
      if (!pair) return missing('pair');
      if (!q.get('contractType')) return missing('contractType');
      const m = bySymbol(`${pair}_PERP`);
      return m && q.get('contractType') === 'PERPETUAL' ? openInterestHist(profile, m, state.history, q) : badSymbol();
    }
    if (!q.get('symbol')) return missing('symbol');
    const m = bySymbol(q.get('symbol'));
    return m ? openInterestHist(profile, m, state.history, q) : badSymbol();
  }
  const route = [`${api}/openInterest`, `${api}/premiumIndex`, `${api}/klines`].find((p) => p === req.path);
  if (!route) return undefined;
  if (!q.get('symbol')) return missing('symbol');
  const m = bySymbol(q.get('symbol'));
  if (!m) return badSymbol();
  if (route === `${api}/openInterest`) return openInterest(profile, m, state);
  if (route === `${api}/premiumIndex`) return premiumIndex(m, state);
  return klines(m, state.history, q);
}
