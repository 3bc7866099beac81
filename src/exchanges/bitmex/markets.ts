// BitMEX instrument facts from GET /instrument?symbol=… (bitmex.md §3.1), with a bundled fallback.
// XBTUSD: inverse, 1 USD per contract (multiplier −1e8 XBt per USD-contract at price 1, isInverse).
// XBTUSDT: linear, 1e-6 BTC per contract (underlyingToPositionMultiplier 1 000 000).
// Max leverage = 1 / initMargin (0.01 → 100x).
import { arr, bool, FrameError, num, obj, optNum, parseJson, positive, str, type JsonObject } from '../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../core/venue.js';

export const FALLBACK_MARKETS: readonly MarketSpec[] = [
  { symbol: 'XBTUSD', kind: 'inverse', contractSize: 1, tickSize: 0.5, maxLeverage: 100 },
  { symbol: 'XBTUSDT', kind: 'linear', contractSize: 1e-6, tickSize: 0.5, maxLeverage: 100 },
];

export function instrumentPath(symbol: string): string {
  return `/instrument?symbol=${encodeURIComponent(symbol)}`;
}

/** One instrument row → market spec. */
export function specOf(row: JsonObject, path = 'row'): MarketSpec {
  const symbol = str(row, 'symbol', `${path}.symbol`);
  const inverse = bool(row, 'isInverse', `${path}.isInverse`);
  const initMargin = positive(row, 'initMargin', `${path}.initMargin`);
  const tickSize = positive(row, 'tickSize', `${path}.tickSize`);
  if (inverse) {
    // |multiplier| XBt per contract per 1/price: −1e8 ⇒ each contract is worth 1 USD.
    const usd = Math.abs(num(row, 'multiplier', `${path}.multiplier`)) / 1e8;
    if (!(usd > 0)) throw new FrameError(`${path}.multiplier`, 'zero');
    return { symbol, kind: 'inverse', contractSize: usd, tickSize, maxLeverage: Math.round(1 / initMargin) };
  }
  const perBtc = optNum(row, 'underlyingToPositionMultiplier', `${path}.underlyingToPositionMultiplier`);
  if (perBtc === undefined || !(perBtc > 0)) throw new FrameError(`${path}.underlyingToPositionMultiplier`, 'missing for a linear contract');
  return { symbol, kind: 'linear', contractSize: 1 / perBtc, tickSize, maxLeverage: Math.round(1 / initMargin) };
}

export function parseInstruments(body: string): MarketSpec[] {
  return arr(parseJson(body), 'body').map((r, i) => specOf(obj(r, `body[${i}]`), `body[${i}]`));
}

export async function loadMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const s of symbols) {
    const res = await http.request({ method: 'GET', path: instrumentPath(s) });
    if (res.status !== 200) throw new Error(`instrument ${s}: HTTP ${res.status}`);
    const spec = parseInstruments(res.body).find((m) => m.symbol === s);
    if (!spec) throw new FrameError('body', `no instrument ${s}`);
    out.push(spec);
  }
  return out;
}

