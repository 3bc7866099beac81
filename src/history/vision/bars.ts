// One day of bulk files → bars and liquidation events, in liqmap units (BTC, USD).
import type { Bar } from '../../bars/bar.js';
import type { LiquidationEvent } from '../../core/events.js';
import { OI_MAX_STALENESS_MS } from '../to-bars.js';
import type { VisionMarket } from './layout.js';
import type { VisionKline, VisionLiquidation, VisionOi } from './parse.js';

const MIN = 60_000;

export function liquidationEvents(m: VisionMarket, rows: readonly VisionLiquidation[]): LiquidationEvent[] {
  return rows.map((r) => {
    const qty = m.contractUsd ? (r.qty * m.contractUsd) / r.price : r.qty;
    return {
      kind: 'liquidation' as const,
      venue: m.venue,
      market: m.symbol,
      ts: r.ts,
      recvTs: r.ts,
      price: r.price,
      qty,
      notionalUsd: m.contractUsd ? r.qty * m.contractUsd : qty * r.price,
      // a SELL order closes a long
      side: r.side === 'SELL' ? ('long' as const) : ('short' as const),
    };
  });
}

export interface DayBars {
  readonly bars: Bar[];
  readonly dropped: number;
}

/** Bars of one day; OI at each bar's close is the last metrics sample at or before it (≤ 1 h old). */
export function visionBars(m: VisionMarket, klines: readonly VisionKline[], oi: readonly VisionOi[], liqs: readonly LiquidationEvent[]): DayBars {
  const samples = [...oi].sort((a, b) => a.ts - b.ts);
  const liqByMin = new Map<number, LiquidationEvent[]>();
  for (const e of liqs) {
    const t = Math.floor(e.ts / MIN) * MIN;
    const list = liqByMin.get(t);
    if (list) list.push(e);
    else liqByMin.set(t, [e]);
  }
  const bars: Bar[] = [];
  let dropped = 0;
  let j = 0;
  let last: VisionOi | undefined;
  let prev = -Infinity;
  for (const k of [...klines].sort((a, b) => a.ts - b.ts)) {
    const ok = Number.isSafeInteger(k.ts) && k.ts % MIN === 0 && k.ts > prev && [k.open, k.high, k.low, k.close].every((p) => p > 0) && k.high >= k.low && k.volume >= 0;
    if (!ok) {
      dropped++;
      continue;
    }
    prev = k.ts;
    // BTC volume and USD value of the bar
    const btc = m.contractUsd ? k.quoteVolume : k.volume;
    const usd = m.contractUsd ? k.volume * m.contractUsd : k.quoteVolume;
    const buyBtc = Math.min(btc, Math.max(0, m.contractUsd ? k.takerBuyQuoteVolume : k.takerBuyVolume));
    const vwap = btc > 0 && usd > 0 ? usd / btc : k.close;
    while (j < samples.length && (samples[j] as VisionOi).ts <= k.ts + MIN) last = samples[j++];
    const o = last && k.ts + MIN - last.ts <= OI_MAX_STALENESS_MS ? last : undefined;
    const oiBtc = o ? (m.contractUsd ? o.sumOpenInterestValue : o.sumOpenInterest) : null;
    const oiUsd = o ? (m.contractUsd ? o.sumOpenInterest * m.contractUsd : o.sumOpenInterestValue) : null;
    const ls = liqByMin.get(k.ts) ?? [];
    const sum = (side: 'long' | 'short', f: (e: LiquidationEvent) => number): number => ls.filter((e) => e.side === side).reduce((s, e) => s + f(e), 0);
    bars.push({
      venue: m.venue,
      market: m.symbol,
      ts: k.ts,
      durationMs: MIN,
      open: k.open,
      high: k.high,
      low: k.low,
      close: k.close,
      vwap,
      buyVolume: buyBtc,
      sellVolume: btc - buyBtc,
      trades: Math.max(0, Math.round(k.trades)),
      oiBtc,
      oiUsd,
      markHigh: null,
      markLow: null,
      markClose: null,
      fundingRate: null,
      liqLongBtc: sum('long', (e) => e.qty),
      liqLongUsd: sum('long', (e) => e.notionalUsd),
      liqLongCount: ls.filter((e) => e.side === 'long').length,
      liqShortBtc: sum('short', (e) => e.qty),
      liqShortUsd: sum('short', (e) => e.notionalUsd),
      liqShortCount: ls.filter((e) => e.side === 'short').length,
      gap: false,
    });
  }
  return { bars, dropped };
}
