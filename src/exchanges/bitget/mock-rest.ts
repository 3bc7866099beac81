// The Bitget REST answers of the mock: contracts, open interest, 1m candles (recent and
// history) in Bitget's `{"code":"00000","msg":"success","requestTime":…,"data":…}` envelope.
import type { MockRestRequest, MockRestResponse, MockState } from '../mock/server.js';
import { dec, minuteBars } from '../okx-swap/mock-history.js';
import { FALLBACK_MARKETS } from './markets.js';

const MINUTE = 60_000;
const ok = (state: MockState, data: unknown): MockRestResponse => ({ status: 200, body: JSON.stringify({ code: '00000', msg: 'success', requestTime: state.now(), data }) });
/** Parameter errors: HTTP 400 with Bitget's code (40034 "Parameter does not exist" [unverified code]). */
const fail = (state: MockState, code: string, msg: string): MockRestResponse => ({
  status: 400,
  body: JSON.stringify({ code, msg, requestTime: state.now(), data: null }),
});

function decimals(tick: number): { place: number; step: number } {
  const place = Math.max(0, Math.round(-Math.log10(tick)));
  return { place, step: Math.round(tick * 10 ** place) };
}

function candles(symbol: string, q: URLSearchParams, state: MockState, maxLimit: number): MockRestResponse {
  if (q.get('granularity') !== '1m') return fail(state, '40034', 'Parameter granularity error');
  const limit = Math.min(maxLimit, Number(q.get('limit') ?? '100') || 100);
  const now = state.now();
  const end = Number(q.get('endTime') ?? now);
  const start = Number(q.get('startTime') ?? end - limit * MINUTE);
  const rows = minuteBars(state.history, symbol, start, end + 1)
    .slice(-limit)
    .map((b) => [String(b.ts), dec(b.open), dec(b.high), dec(b.low), dec(b.close), dec(b.volume), dec(b.quote)]);
  return ok(state, rows);
}

export function bitgetMockRest(req: MockRestRequest, state: MockState): MockRestResponse | undefined {
  const routes = ['/api/v2/mix/market/contracts', '/api/v2/mix/market/open-interest', '/api/v2/mix/market/candles', '/api/v2/mix/market/history-candles'];
  if (!routes.includes(req.path)) return undefined;
  const q = req.query;
  if ((q.get('productType') ?? '').toUpperCase() !== 'USDT-FUTURES') return fail(state, '40034', 'Parameter productType does not exist');
  const m = FALLBACK_MARKETS.find((x) => x.symbol === q.get('symbol'));
  if (!m) return fail(state, '40034', 'Parameter symbol does not exist');
  switch (req.path) {
    case '/api/v2/mix/market/contracts': {
      const { place, step } = decimals(m.tickSize);
      return ok(state, [
        {
          symbol: m.symbol,
          baseCoin: 'BTC',
          quoteCoin: 'USDT',
          supportMarginCoins: ['USDT'],
          minTradeNum: '0.0001',
          priceEndStep: String(step),
          volumePlace: '4',
          pricePlace: String(place),
          sizeMultiplier: '0.0001',
          symbolType: 'perpetual',
          symbolStatus: 'normal',
          fundInterval: '8',
          minLever: '1',
          maxLever: dec(m.maxLeverage),
        },
      ]);
    }
    case '/api/v2/mix/market/open-interest': {
      const e = state.last.get(`openInterest:${m.symbol}`);
      const list = e?.kind === 'openInterest' ? [{ symbol: m.symbol, size: dec(e.oiBtc) }] : [];
      return ok(state, { openInterestList: list, ts: String(e?.ts ?? state.now()) });
    }
    case '/api/v2/mix/market/candles':
      return candles(m.symbol, q, state, 1000);
    default:
      return candles(m.symbol, q, state, 200);
  }
}
