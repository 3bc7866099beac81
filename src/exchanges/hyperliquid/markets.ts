// Hyperliquid instrument facts: POST /info {"type":"metaAndAssetCtxs"} (hyperliquid.md §3.2), with a
// bundled fallback. Perp sizes are in the coin itself (contract size 1 BTC). Prices carry at most 5
// significant figures (and ≤ 6 − szDecimals decimals), so the tick depends on the price level.
import { arr, FrameError, isObject, num, obj, parseJson, positive, str } from '../../core/fields.js';
import type { HttpClient, MarketSpec, RestRequest } from '../../core/venue.js';

export const META_REQUEST: RestRequest = { method: 'POST', path: '/info', body: '{"type":"metaAndAssetCtxs"}' };

/** BTC: maxLeverage 40, szDecimals 5 (meta universe, hyperliquid.md §3.2); tick 1 USD at 10 000–99 999. */
export const FALLBACK_MARKETS: readonly MarketSpec[] = [{ symbol: 'BTC', kind: 'linear', contractSize: 1, tickSize: 1, maxLeverage: 40 }];

/** Tick at `price`: 5 significant figures, but never finer than 10^-(6 − szDecimals). */
export function tickAt(price: number, szDecimals: number): number {
  const sig = 10 ** (Math.floor(Math.log10(price)) - 4);
  return Math.max(sig, 10 ** -(6 - szDecimals));
}

/** Markets named in `symbols` from a metaAndAssetCtxs body. */
export function parseMeta(body: string, symbols: readonly string[]): MarketSpec[] {
  const root = arr(parseJson(body), 'body');
  const universe = arr(obj(root[0], 'body[0]')['universe'], 'body[0].universe');
  const ctxs = arr(root[1], 'body[1]');
  const out: MarketSpec[] = [];
  for (let i = 0; i < universe.length; i++) {
    const u = universe[i];
    if (!isObject(u)) continue;
    const name = str(u, 'name', `universe[${i}].name`);
    if (!symbols.includes(name)) continue;
    const ctx = ctxs[i];
    const markPx = isObject(ctx) ? positive(ctx, 'markPx', `body[1][${i}].markPx`) : undefined;
    const szDecimals = num(u, 'szDecimals', `universe[${i}].szDecimals`);
    out.push({
      symbol: name,
      kind: 'linear',
      contractSize: 1,
      tickSize: markPx === undefined ? 1 : tickAt(markPx, szDecimals),
      maxLeverage: positive(u, 'maxLeverage', `universe[${i}].maxLeverage`),
    });
  }
  return out;
}

export async function loadMarkets(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]> {
  const res = await http.request(META_REQUEST);
  if (res.status !== 200) throw new Error(`metaAndAssetCtxs: HTTP ${res.status}`);
  const markets = parseMeta(res.body, symbols);
  const missing = symbols.filter((s) => !markets.some((m) => m.symbol === s));
  if (missing.length > 0) throw new FrameError('universe', `no such coin: ${missing.join(', ')}`);
  return markets;
}
