// Instrument facts from GET /fapi|dapi/v1/exchangeInfo. Max leverage is not in it (brackets need a
// signed call), so it comes from rules.ts.
import type { HttpClient, MarketSpec } from '../../core/venue.js';
import type { VenueRules } from '../../core/margin.js';
import { FrameError, arr, obj, optNum, parseJson, positive, str } from '../../core/fields.js';
import type { BinanceProfile } from './profile.js';
import { restError } from './parse-rest.js';

export function parseExchangeInfo(
  profile: BinanceProfile,
  body: string,
  symbols: readonly string[],
  rules: Readonly<Record<string, VenueRules>>,
): MarketSpec[] {
  const json = parseJson(body);
  const err = restError(json);
  if (err) throw new Error(err);
  const list = arr(obj(json, 'body').symbols, 'symbols');
  const out: MarketSpec[] = [];
  for (let i = 0; i < list.length; i++) {
    const s = obj(list[i], `symbols[${i}]`);
    const symbol = str(s, 'symbol', `symbols[${i}].symbol`);
    if (!symbols.includes(symbol)) continue;
    const filters = arr(s.filters, `symbols[${i}].filters`).map((f, j) => obj(f, `symbols[${i}].filters[${j}]`));
    const price = filters.find((f) => f.filterType === 'PRICE_FILTER');
    if (!price) throw new FrameError(`symbols[${i}].filters`, 'no PRICE_FILTER');
    // USDⓈ-M quantities are already BTC (no contractSize field); COIN-M gives USD per contract.
    const contractSize = profile.kind === 'inverse' ? positive(s, 'contractSize', `symbols[${i}].contractSize`) : (optNum(s, 'contractSize') ?? 1);
    const fallback = profile.fallbackMarkets.find((m) => m.symbol === symbol);
    out.push({
      symbol,
      kind: profile.kind,
      contractSize,
      tickSize: positive(price, 'tickSize', `symbols[${i}].PRICE_FILTER.tickSize`),
      // 20× for a symbol with neither rules nor a bundled entry: a conservative guess, not a venue fact.
      maxLeverage: rules[symbol]?.maxLeverage ?? fallback?.maxLeverage ?? 20,
    });
  }
  return out;
}

export async function loadBinanceMarkets(
  profile: BinanceProfile,
  http: HttpClient,
  symbols: readonly string[],
  rules: Readonly<Record<string, VenueRules>>,
): Promise<MarketSpec[]> {
  const res = await http.request({ method: 'GET', path: `${profile.api}/exchangeInfo` });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${profile.api}/exchangeInfo`);
  const found = parseExchangeInfo(profile, res.body, symbols, rules);
  const missing = symbols.filter((s) => !found.some((m) => m.symbol === s));
  if (missing.length) throw new Error(`exchangeInfo lacks ${missing.join(', ')}`);
  return found;
}
