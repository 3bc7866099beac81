// OKX instrument facts: bundled fallback, live load from /api/v5/public/instruments, and the
// contract → BTC conversions every OKX quantity goes through.
import { FrameError, arr, inverseQtyBtc, isObject, obj, parseJson, positive, str, type Json } from '../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../core/venue.js';

/**
 * Used when OKX cannot be reached at start. ctVal 0.01 BTC (USDT-margined) and 100 USD
 * (coin-margined) per okx.md §2 [unverified there; the brief gives the same]; tick sizes and
 * max leverage are general knowledge [unverified].
 */
export const FALLBACK_MARKETS: readonly MarketSpec[] = [
  { symbol: 'BTC-USDT-SWAP', kind: 'linear', contractSize: 0.01, tickSize: 0.1, maxLeverage: 100 },
  { symbol: 'BTC-USD-SWAP', kind: 'inverse', contractSize: 100, tickSize: 0.1, maxLeverage: 100 },
];

/** Contracts → BTC: linear × ctVal (BTC); inverse × ctVal (USD) / price. */
export function contractsToBtc(m: MarketSpec, contracts: number, price: number): number {
  return m.kind === 'linear' ? contracts * m.contractSize : inverseQtyBtc(contracts, m.contractSize, price);
}

/** USD notional of `contracts`: inverse contracts are worth exactly ctVal USD each. */
export function contractsToUsd(m: MarketSpec, contracts: number, price: number): number {
  return m.kind === 'linear' ? contracts * m.contractSize * price : contracts * m.contractSize;
}

/** The `data` array of an OKX REST answer `{"code":"0","msg":"","data":[…]}`; venue errors throw. */
export function okxData(body: string): readonly Json[] {
  const o = obj(parseJson(body), 'body');
  const code = o.code;
  if (code !== '0' && code !== 0) {
    const msg = typeof o.msg === 'string' ? o.msg : '';
    throw new FrameError('code', `venue error ${String(code)}${msg ? `: ${msg}` : ''}`);
  }
  return arr(o.data, 'data');
}

/** One row of /api/v5/public/instruments → MarketSpec; refuses units this adapter cannot convert. */
export function parseInstrument(v: Json): MarketSpec {
  const row = obj(v, 'data[]');
  const symbol = str(row, 'instId');
  const ctType = str(row, 'ctType');
  const ctValCcy = str(row, 'ctValCcy');
  if (ctType === 'linear' && ctValCcy !== 'BTC') throw new FrameError('ctValCcy', `${symbol}: linear contract valued in ${ctValCcy}, not BTC`);
  if (ctType === 'inverse' && ctValCcy !== 'USD') throw new FrameError('ctValCcy', `${symbol}: inverse contract valued in ${ctValCcy}, not USD`);
  if (ctType !== 'linear' && ctType !== 'inverse') throw new FrameError('ctType', `${symbol}: unknown contract type ${ctType}`);
  return {
    symbol,
    kind: ctType,
    contractSize: positive(row, 'ctVal'),
    tickSize: positive(row, 'tickSz'),
    maxLeverage: positive(row, 'lever'),
  };
}

export function instrumentsPath(symbol: string): string {
  return `/api/v5/public/instruments?instType=SWAP&instId=${encodeURIComponent(symbol)}`;
}

/** Live instrument facts, one request per market; any failure throws (the collector then uses the fallback). */
export async function loadMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const symbol of symbols) {
    const res = await http.request({ method: 'GET', path: instrumentsPath(symbol) });
    if (res.status !== 200) throw new Error(`instruments ${symbol}: HTTP ${res.status}`);
    const row = okxData(res.body).find((r) => isObject(r) && r.instId === symbol);
    if (row === undefined) throw new Error(`instruments ${symbol}: not listed`);
    out.push(parseInstrument(row));
  }
  return out;
}
