// Number and time formatting for labels, tooltips and the legend.

export function usd(v: number): string {
  const a = Math.abs(v);
  const s = v < 0 ? '−' : '';
  if (a >= 1e9) return `${s}$${(a / 1e9).toFixed(a >= 1e10 ? 1 : 2)}B`;
  if (a >= 1e6) return `${s}$${(a / 1e6).toFixed(a >= 1e7 ? 1 : 2)}M`;
  if (a >= 1e3) return `${s}$${(a / 1e3).toFixed(a >= 1e4 ? 0 : 1)}K`;
  return `${s}$${a.toFixed(0)}`;
}

export function price(v: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: v < 1000 ? 2 : 0, maximumFractionDigits: v < 1000 ? 2 : 0 });
}

export function pct(v: number): string {
  const s = v > 0 ? '+' : v < 0 ? '−' : '';
  return `${s}${Math.abs(v * 100).toFixed(2)}%`;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** UTC "2024-05-01 13:05" (the chart's axis is UTC too). */
export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

export function clock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 86_400_000) return `${+(ms / 3_600_000).toFixed(1)} h`;
  return `${+(ms / 86_400_000).toFixed(1)} d`;
}

const VENUE_NAMES: Record<string, string> = {
  'binance-usdm': 'Binance USD-M',
  'binance-coinm': 'Binance COIN-M',
  'bybit-linear': 'Bybit linear',
  'bybit-inverse': 'Bybit inverse',
  'okx-swap': 'OKX',
  bitget: 'Bitget',
  gate: 'Gate',
  kucoin: 'KuCoin',
  hyperliquid: 'Hyperliquid',
  bitmex: 'BitMEX',
  deribit: 'Deribit',
};

export function venueName(id: string): string {
  return VENUE_NAMES[id] ?? id;
}

/** Short venue tag for dense lists. */
export function venueShort(id: string): string {
  return venueName(id).replace(' USD-M', '').replace('Binance COIN-M', 'Bin. CM').replace(' linear', '').replace('Bybit inverse', 'Bybit inv').replace('Hyperliquid', 'Hyperliq.');
}
