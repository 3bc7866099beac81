// Gate instrument facts: GET /futures/usdt/contracts/{contract} (gate.md §3, [GT-REST] Contract.md).
import { FrameError, obj, parseJson, positive, str } from '../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../core/venue.js';

/**
 * Bundled fallback: quanto_multiplier 0.0001 BTC per contract (gate.md §2, contract_info example
 * 2026-08-20); tick (order_price_round) 0.1 and leverage_max 125 are the usual BTC_USDT values
 * [unverified; loaded live at start].
 */
export const GATE_FALLBACK_MARKETS: readonly MarketSpec[] = [
  { symbol: 'BTC_USDT', kind: 'linear', contractSize: 0.0001, tickSize: 0.1, maxLeverage: 125 },
];

/** One contract's facts from its REST body. */
export function parseContract(body: string): MarketSpec {
  const c = obj(parseJson(body), 'body');
  const symbol = str(c, 'name');
  if (c['in_delisting'] === true) throw new FrameError('in_delisting', `${symbol} is being delisted`);
  return {
    symbol,
    kind: 'linear',
    contractSize: positive(c, 'quanto_multiplier'),
    tickSize: positive(c, 'order_price_round'),
    maxLeverage: positive(c, 'leverage_max'),
  };
}

export async function loadGateMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const symbol of symbols) {
    const res = await http.request({ method: 'GET', path: `/futures/usdt/contracts/${encodeURIComponent(symbol)}` });
    if (res.status !== 200) throw new Error(`GET contracts/${symbol}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
    out.push(parseContract(res.body));
  }
  return out;
}
