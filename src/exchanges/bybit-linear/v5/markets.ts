// Instrument facts at start: /v5/market/instruments-info per symbol, and the public
// maintenance-margin tiers of /v5/market/risk-limit (bybit.md §3).
import type { MaintenanceTier } from '../../../core/margin.js';
import { arr, FrameError, num, obj, positive, str } from '../../../core/fields.js';
import type { HttpClient, MarketSpec } from '../../../core/venue.js';
import { parseInstruments, readEnvelope } from './rest-parse.js';

export type Category = 'linear' | 'inverse';

async function get(http: HttpClient, path: string): Promise<string> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status}`);
  return res.body;
}

export async function loadV5Markets(http: HttpClient, category: Category, symbols: readonly string[]): Promise<MarketSpec[]> {
  const out: MarketSpec[] = [];
  for (const symbol of symbols) {
    const body = await get(http, `/v5/market/instruments-info?category=${category}&symbol=${encodeURIComponent(symbol)}`);
    const spec = parseInstruments(body).find((m) => m.symbol === symbol);
    if (!spec) throw new Error(`instruments-info has no ${category} ${symbol}`);
    if (spec.kind !== category) throw new Error(`${symbol} is ${spec.kind}, not ${category}`);
    out.push(spec);
  }
  return out;
}

/**
 * Risk-limit tiers → maintenance tiers. `riskLimitValue` is the position cap in the settle coin
 * (linear USDT; inverse BTC, valued here at `priceUsd`). Rates come as fractions in live answers
 * ("0.005", IM × maxLeverage ≈ 1) but as percents in the doc's inverse example ("0.5", "1" for 100×):
 * the unit is told by which of the two makes initialMargin × maxLeverage come out at 1.
 */
export function parseRiskTiers(body: string, kind: Category, priceUsd: number): MaintenanceTier[] {
  const list = arr(readEnvelope(body).result['list'], 'result.list');
  const tiers = list.map((r, i) => {
    const p = `result.list[${i}]`;
    const row = obj(r, p);
    const lev = positive(row, 'maxLeverage', `${p}.maxLeverage`);
    const im = positive(row, 'initialMargin', `${p}.initialMargin`);
    const scale = Math.abs(im * lev - 1) <= Math.abs(im * lev - 100) ? 1 : 0.01;
    const mmr = num(row, 'maintenanceMargin', `${p}.maintenanceMargin`) * scale;
    if (!(mmr > 0 && mmr < 1)) throw new FrameError(`${p}.maintenanceMargin`, `not a rate: ${mmr}`);
    const cap = positive(row, 'riskLimitValue', `${p}.riskLimitValue`);
    str(row, 'symbol', `${p}.symbol`);
    return { maxNotionalUsd: kind === 'inverse' ? cap * priceUsd : cap, mmr, maxLeverage: lev };
  });
  tiers.sort((a, b) => a.maxNotionalUsd - b.maxNotionalUsd);
  const last = tiers[tiers.length - 1];
  if (!last) throw new FrameError('result.list', 'no risk-limit tiers');
  // Beyond the last cap Bybit refuses larger positions; the model treats the last tier as open-ended.
  return [...tiers.slice(0, -1), { ...last, maxNotionalUsd: Infinity }];
}

/** Maintenance tiers of one market (with `symbol` set the answer is a single page). */
export async function loadV5RiskTiers(http: HttpClient, market: MarketSpec, priceUsd: number): Promise<MaintenanceTier[]> {
  const body = await get(http, `/v5/market/risk-limit?category=${market.kind}&symbol=${encodeURIComponent(market.symbol)}`);
  return parseRiskTiers(body, market.kind, priceUsd);
}
