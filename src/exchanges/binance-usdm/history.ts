// Gap repair: 1-minute klines and open-interest history from Binance REST (binance.md §3).
import type { HistoryKline, HistoryOi, HttpClient, MarketSpec, VenueHistory } from '../../core/venue.js';
import { arr, obj, parseJson } from '../../core/fields.js';
import type { BinanceProfile } from './profile.js';
import { parseKlineRow, parseOpenInterestHist, restError } from './parse-rest.js';

const MINUTE = 60_000;
/** Klines: limit max 1500 (weight 10 above 1000). */
const KLINE_LIMIT = 1500;
/** openInterestHist: no 1m period; 5m is the finest. limit max 500; only the latest 30 days. */
const OI_PERIOD = '5m';
const OI_PERIOD_MS = 5 * MINUTE;
const OI_LIMIT = 500;
export const OI_HISTORY_MAX_AGE_MS = 30 * 24 * 3600_000;

async function getJson(http: HttpClient, path: string): Promise<ReturnType<typeof parseJson>> {
  const res = await http.request({ method: 'GET', path });
  if (res.status !== 200) throw new Error(`HTTP ${res.status} from ${path.split('?')[0]}: ${res.body.slice(0, 200)}`);
  const json = parseJson(res.body);
  const err = restError(json);
  if (err) throw new Error(`${path.split('?')[0]}: ${err}`);
  return json;
}

/** 1-minute klines of the minutes that overlap [fromMs, toMs) and have closed by toMs, oldest first. */
async function klines(profile: BinanceProfile, http: HttpClient, m: MarketSpec, fromMs: number, toMs: number): Promise<HistoryKline[]> {
  const out: HistoryKline[] = [];
  let start = Math.floor(fromMs / MINUTE) * MINUTE;
  while (start < toMs) {
    const q = `symbol=${m.symbol}&interval=1m&startTime=${start}&endTime=${toMs - 1}&limit=${KLINE_LIMIT}`;
    const rows = arr(await getJson(http, `${profile.api}/klines?${q}`), 'body');
    const page = rows.map((r, i) => parseKlineRow(m, r, `body[${i}]`)).filter((k) => k.ts >= start && k.ts + MINUTE <= toMs);
    out.push(...page);
    const last = page.at(-1);
    if (!last || rows.length < KLINE_LIMIT) break;
    start = last.ts + MINUTE;
  }
  return out;
}

/** OI history (5-minute points) with timestamp in [fromMs, toMs), clipped to the 30 days Binance keeps. */
async function openInterest(profile: BinanceProfile, http: HttpClient, m: MarketSpec, fromMs: number, toMs: number): Promise<HistoryOi[]> {
  const out: HistoryOi[] = [];
  // COIN-M names the pair and contract type instead of the symbol.
  const who = profile.kind === 'inverse' ? `pair=${m.symbol.split('_')[0] ?? m.symbol}&contractType=PERPETUAL` : `symbol=${m.symbol}`;
  let start = Math.max(fromMs, toMs - OI_HISTORY_MAX_AGE_MS);
  while (start < toMs) {
    const end = Math.min(toMs - 1, start + OI_PERIOD_MS * OI_LIMIT - 1);
    const q = `${who}&period=${OI_PERIOD}&startTime=${start}&endTime=${end}&limit=${OI_LIMIT}`;
    const rows = arr(await getJson(http, `/futures/data/openInterestHist?${q}`), 'body');
    for (let i = 0; i < rows.length; i++) {
      const e = parseOpenInterestHist(profile, m, obj(rows[i], `body[${i}]`), 0, `body[${i}]`);
      if (e.ts >= start && e.ts < toMs) out.push({ ts: e.ts, oiBtc: e.oiBtc, oiUsd: e.oiUsd });
    }
    start = end + 1;
  }
  return out;
}

export function binanceHistory(profile: BinanceProfile): VenueHistory {
  return {
    oiHistoryMaxAgeMs: OI_HISTORY_MAX_AGE_MS,
    // REQUEST_WEIGHT 2400/min [unverified]; a 1500-row kline page weighs 10 → 4/s max. Keep to 2.
    maxRequestsPerSec: 2,
    klines: (http, m, from, to) => klines(profile, http, m, from, to),
    openInterest: (http, m, from, to) => openInterest(profile, http, m, from, to),
  };
}
