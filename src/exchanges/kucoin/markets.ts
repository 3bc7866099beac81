// KuCoin futures instrument facts: GET /api/v1/contracts/{symbol} → {"code":"200000","data":{…}}
// (kucoin.md §3). `multiplier` = BTC per contract, `tickSize`, `maxLeverage`.
import { FrameError, obj, parseJson, positive, str, type JsonObject } from '../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../core/venue.js';

/**
 * Bundled fallback: multiplier 0.001 BTC (kucoin.md §2); tickSize 0.1 and maxLeverage 125 from
 * the 2024 XBTUSDTM contract in the tardis capture ("map kucoin-futures messages" #7).
 */
export const KUCOIN_FALLBACK_MARKETS: readonly MarketSpec[] = [
  { symbol: 'XBTUSDTM', kind: 'linear', contractSize: 0.001, tickSize: 0.1, maxLeverage: 125 },
];

/** The `data` of a KuCoin REST envelope; a non-success code is an error naming it. */
export function kucoinData(body: string): unknown {
  const env = obj(parseJson(body), 'body');
  const code = env['code'];
  if (code !== '200000') throw new FrameError('code', `KuCoin error ${JSON.stringify(code)} ${JSON.stringify(env['msg'] ?? '')}`);
  return env['data'];
}

export function contractSpec(c: JsonObject): MarketSpec {
  const symbol = str(c, 'symbol');
  if (c['isInverse'] === true) throw new FrameError('isInverse', `${symbol} is inverse; only linear USDT contracts are handled`);
  return { symbol, kind: 'linear', contractSize: positive(c, 'multiplier'), tickSize: positive(c, 'tickSize'), maxLeverage: positive(c, 'maxLeverage') };
}

export async function loadKucoinMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const symbol of symbols) {
    const res = await http.request({ method: 'GET', path: `/api/v1/contracts/${encodeURIComponent(symbol)}` });
    if (res.status !== 200) throw new Error(`GET contracts/${symbol}: HTTP ${res.status} ${res.body.slice(0, 120)}`);
    out.push(contractSpec(obj(kucoinData(res.body), 'data')));
  }
  return out;
}
