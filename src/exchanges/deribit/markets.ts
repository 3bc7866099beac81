// Deribit instrument facts: GET /public/get_instrument?instrument_name=… (deribit.md §3), with a
// bundled fallback. BTC-PERPETUAL: inverse ("reversed"), 10 USD per contract, tick 0.5, 50x.
import { FrameError, obj, optStr, parseJson, positive, str } from '../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../core/venue.js';

export const FALLBACK_MARKETS: readonly MarketSpec[] = [{ symbol: 'BTC-PERPETUAL', kind: 'inverse', contractSize: 10, tickSize: 0.5, maxLeverage: 50 }];

export function instrumentPath(symbol: string): string {
  return `/public/get_instrument?instrument_name=${encodeURIComponent(symbol)}`;
}

export function parseInstrument(body: string): MarketSpec {
  const msg = obj(parseJson(body), 'body');
  if (msg['error'] !== undefined) throw new FrameError('error', JSON.stringify(msg['error']).slice(0, 100));
  const r = obj(msg['result'], 'result');
  // ccxt's example says future_type; newer answers say instrument_type. "reversed" = inverse.
  const type = optStr(r, 'instrument_type', 'result.instrument_type') ?? optStr(r, 'future_type', 'result.future_type');
  if (type !== 'reversed' && type !== 'linear') throw new FrameError('result.instrument_type', `expected reversed or linear, got ${JSON.stringify(type)}`);
  return {
    symbol: str(r, 'instrument_name', 'result.instrument_name'),
    kind: type === 'reversed' ? 'inverse' : 'linear',
    contractSize: positive(r, 'contract_size', 'result.contract_size'),
    tickSize: positive(r, 'tick_size', 'result.tick_size'),
    maxLeverage: positive(r, 'max_leverage', 'result.max_leverage'),
  };
}

export async function loadMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const s of symbols) {
    const res = await http.request({ method: 'GET', path: instrumentPath(s) });
    if (res.status !== 200) throw new Error(`get_instrument ${s}: HTTP ${res.status}`);
    out.push(parseInstrument(res.body));
  }
  return out;
}
