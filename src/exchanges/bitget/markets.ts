// Bitget USDT-M instrument facts: bundled fallback and live load from /api/v2/mix/market/contracts.
// Sizes are BTC on Bitget (no contract multiplier — bitget.md §3.3), so contractSize is 1.
import { FrameError, isObject, type Json } from '../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../core/venue.js';
import { arr, num, obj, parse, pos, text } from '../okx-swap/values.js';

/** Used when Bitget cannot be reached: BTCUSDT, tick 0.1 [unverified], max leverage 125 (bitget.md §3.3–3.4). */
export const FALLBACK_MARKETS: readonly MarketSpec[] = [{ symbol: 'BTCUSDT', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 125 }];

/** REST `productType` for USDT-margined perpetuals (the WebSocket `instType` is USDT-FUTURES). */
export const PRODUCT_TYPE = 'usdt-futures';

/** The `data` of a Bitget REST answer `{"code":"00000","msg":"success","requestTime":…,"data":…}`; venue errors throw. */
export function bitgetData(body: string): Json | undefined {
  const o = parse(body);
  if (o.code !== '00000') throw new FrameError('code', `venue error ${String(o.code)}${typeof o.msg === 'string' ? `: ${o.msg}` : ''}`);
  return o.data;
}

/** One contract of /api/v2/mix/market/contracts → MarketSpec. Tick = priceEndStep × 10^-pricePlace. */
export function parseContract(v: Json): MarketSpec {
  const row = obj(v, 'data[]');
  const symbol = text(row.symbol, 'data[].symbol');
  const places = num(row.pricePlace, 'data[].pricePlace');
  if (!Number.isInteger(places) || places < 0 || places > 12) throw new FrameError('data[].pricePlace', `not a decimal count: ${places}`);
  const tick = pos(row.priceEndStep, 'data[].priceEndStep') / 10 ** places;
  return { symbol, kind: 'linear', contractSize: 1, tickSize: Number(tick.toPrecision(12)), maxLeverage: pos(row.maxLever, 'data[].maxLever') };
}

export function contractsPath(symbol: string): string {
  return `/api/v2/mix/market/contracts?productType=${PRODUCT_TYPE}&symbol=${encodeURIComponent(symbol)}`;
}

/** Live instrument facts, one request per market; any failure throws (the collector then uses the fallback). */
export async function loadMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const symbol of symbols) {
    const res = await http.request({ method: 'GET', path: contractsPath(symbol) });
    if (res.status !== 200) throw new Error(`contracts ${symbol}: HTTP ${res.status}`);
    const row = arr(bitgetData(res.body), 'data').find((r) => isObject(r) && r.symbol === symbol);
    if (row === undefined) throw new Error(`contracts ${symbol}: not listed`);
    out.push(parseContract(row));
  }
  return out;
}
