// Where Binance's public bulk files live (https://data.binance.vision), per market and day:
//   data/futures/{um|cm}/daily/klines/<SYM>/1m/<SYM>-1m-<YYYY-MM-DD>.zip
//   data/futures/{um|cm}/daily/metrics/<SYM>/<SYM>-metrics-<YYYY-MM-DD>.zip          (5-minute OI)
//   data/futures/{um|cm}/daily/liquidationSnapshot/<SYM>/<SYM>-liquidationSnapshot-<YYYY-MM-DD>.zip
// Each zip may have a sibling `<file>.CHECKSUM` holding "<sha256>  <file name>".
import type { VenueId } from '../../core/events.js';

export const DEFAULT_VISION_URL = 'https://data.binance.vision';

export interface VisionMarket {
  readonly venue: Extract<VenueId, 'binance-usdm' | 'binance-coinm'>;
  readonly layout: 'um' | 'cm';
  readonly symbol: string;
  /** COIN-M contracts are worth this many USD; undefined for USDⓈ-M (quantities in BTC). */
  readonly contractUsd?: number;
}

export const VISION_MARKETS: Readonly<Record<VisionMarket['venue'], VisionMarket>> = {
  'binance-usdm': { venue: 'binance-usdm', layout: 'um', symbol: 'BTCUSDT' },
  'binance-coinm': { venue: 'binance-coinm', layout: 'cm', symbol: 'BTCUSD_PERP', contractUsd: 100 },
};

export type VisionKind = 'klines' | 'metrics' | 'liquidationSnapshot';

export function visionPath(m: VisionMarket, kind: VisionKind, date: string): string {
  const base = `data/futures/${m.layout}/daily/${kind}/${m.symbol}`;
  return kind === 'klines' ? `${base}/1m/${m.symbol}-1m-${date}.zip` : `${base}/${m.symbol}-${kind}-${date}.zip`;
}

/** YYYY-MM-DD dates from `from` to `to` inclusive. */
export function datesBetween(from: string, to: string): string[] {
  const a = parseDate(from, '--from');
  const b = parseDate(to, '--to');
  if (b < a) throw new RangeError(`--to ${to} is before --from ${from}`);
  const out: string[] = [];
  for (let t = a; t <= b; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export function parseDate(s: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== s) throw new RangeError(`${what}: expected a date YYYY-MM-DD, got "${s}"`);
  return t;
}
