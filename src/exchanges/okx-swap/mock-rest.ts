// The OKX REST answers of the mock: instruments, open interest, mark price, 1m candles (recent
// and history), open-interest history — in OKX's `{"code":"0","msg":"","data":[…]}` envelope.
import type { MockRestRequest, MockRestResponse, MockState } from '../mock/server.js';
import type { MarketSpec } from '../../core/venue.js';
import { FALLBACK_MARKETS } from './markets.js';
import { dec, minuteBars, oiPoints } from './mock-history.js';

const ok = (data: unknown[]): MockRestResponse => ({ status: 200, body: JSON.stringify({ code: '0', msg: '', data }) });
/** OKX answers parameter errors with HTTP 400 and its own code (51001 unknown instrument, 51000 bad parameter). */
const fail = (code: string, msg: string): MockRestResponse => ({ status: 400, body: JSON.stringify({ code, msg, data: [] }) });

const MINUTE = 60_000;
const OI_PERIODS: Readonly<Record<string, number>> = { '5m': 5 * MINUTE, '15m': 15 * MINUTE, '30m': 30 * MINUTE, '1H': 60 * MINUTE };

function instrument(m: MarketSpec): Record<string, string> {
  const family = m.symbol.replace(/-SWAP$/, '');
  return {
    instType: 'SWAP',
    instId: m.symbol,
    uly: family,
    instFamily: family,
    ctType: m.kind,
    ctVal: dec(m.contractSize),
    ctValCcy: m.kind === 'linear' ? 'BTC' : 'USD',
    ctMult: '1',
    settleCcy: m.kind === 'linear' ? 'USDT' : 'BTC',
    tickSz: dec(m.tickSize),
    lotSz: m.kind === 'linear' ? '0.01' : '1',
    minSz: m.kind === 'linear' ? '0.01' : '1',
    lever: dec(m.maxLeverage),
    state: 'live',
  };
}

/** Contracts of a BTC amount at `price`. */
function contracts(m: MarketSpec, btc: number, price: number): number {
  return m.kind === 'linear' ? btc / m.contractSize : (btc * price) / m.contractSize;
}

function candles(m: MarketSpec, q: URLSearchParams, state: MockState, maxLimit: number): MockRestResponse {
  if ((q.get('bar') ?? '1m') !== '1m') return fail('51000', 'Parameter bar error');
  const limit = Math.min(maxLimit, Number(q.get('limit') ?? '100') || 100);
  const after = Number(q.get('after') ?? Infinity);
  const before = Number(q.get('before') ?? -Infinity);
  const now = state.now();
  const rows = minuteBars(state.history, m.symbol, before + 1, Math.min(after, now + MINUTE))
    .filter((b) => b.ts > before && b.ts < after)
    .reverse()
    .slice(0, limit)
    .map((b) => {
      const vol = m.kind === 'linear' ? b.volume / m.contractSize : b.quote / m.contractSize;
      const quote = m.kind === 'linear' ? b.quote : b.volume;
      return [String(b.ts), dec(b.open), dec(b.high), dec(b.low), dec(b.close), dec(vol), dec(b.volume), dec(quote), b.ts + MINUTE <= now ? '1' : '0'];
    });
  return ok(rows);
}

function oiHistory(m: MarketSpec, q: URLSearchParams, state: MockState): MockRestResponse {
  const period = OI_PERIODS[q.get('period') ?? '5m'];
  if (period === undefined) return fail('51000', 'Parameter period error');
  const limit = Math.min(100, Number(q.get('limit') ?? '100') || 100);
  const end = Number(q.get('end') ?? Infinity);
  const begin = Number(q.get('begin') ?? -Infinity);
  const rows = oiPoints(state.history, m.symbol, period, begin + 1, end)
    .reverse()
    .slice(0, limit)
    .map((p) => [String(p.ts), dec(contracts(m, p.oiBtc, p.oiUsd / Math.max(p.oiBtc, 1e-12))), dec(p.oiBtc), dec(p.oiUsd)]);
  return ok(rows);
}

export function okxMockRest(req: MockRestRequest, state: MockState): MockRestResponse | undefined {
  const q = req.query;
  const id = q.get('instId');
  const m = FALLBACK_MARKETS.find((x) => x.symbol === id);
  const known = [
    '/api/v5/public/instruments',
    '/api/v5/public/open-interest',
    '/api/v5/public/mark-price',
    '/api/v5/market/candles',
    '/api/v5/market/history-candles',
    '/api/v5/rubik/stat/contracts/open-interest-history',
  ];
  if (!known.includes(req.path)) return undefined;
  if (!m) return fail('51001', "Instrument ID doesn't exist.");
  switch (req.path) {
    case '/api/v5/public/instruments':
      return ok([instrument(m)]);
    case '/api/v5/public/open-interest': {
      const e = state.last.get(`openInterest:${m.symbol}`);
      if (e?.kind !== 'openInterest') return ok([]);
      const px = e.oiUsd / Math.max(e.oiBtc, 1e-12);
      return ok([{ instType: 'SWAP', instId: m.symbol, oi: dec(contracts(m, e.oiBtc, px)), oiCcy: dec(e.oiBtc), oiUsd: dec(e.oiUsd), ts: String(e.ts) }]);
    }
    case '/api/v5/public/mark-price': {
      const e = state.last.get(`mark:${m.symbol}`);
      return ok(e?.kind === 'mark' ? [{ instType: 'SWAP', instId: m.symbol, markPx: dec(e.markPrice), ts: String(e.ts) }] : []);
    }
    case '/api/v5/market/candles':
      return candles(m, q, state, 300);
    case '/api/v5/market/history-candles':
      return candles(m, q, state, 100);
    default:
      return oiHistory(m, q, state);
  }
}
