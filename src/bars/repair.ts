// Rebuilds bars of a disconnect from the venue's REST history: OHLC and volumes from 1-minute
// klines, open interest from the latest history point at or before each bar's end; real
// liquidations and mark prices seen live are kept. A minute without a kline stays flagged.
import type { HistoryKline, HistoryOi } from '../core/venue.js';
import type { VenueId } from '../core/events.js';
import type { Bar } from './bar.js';

export interface RepairInput {
  readonly venue: VenueId;
  readonly market: string;
  readonly barMs: number;
  /** Bars already closed for the range (gap-flagged), any order. */
  readonly existing: readonly Bar[];
  /** Klines for the range, bar-aligned (ts = minute open). */
  readonly klines: readonly HistoryKline[];
  /** OI history points (any period), any order. */
  readonly oi: readonly HistoryOi[];
  /** Repair [fromMs, toMs), bar-aligned. */
  readonly fromMs: number;
  readonly toMs: number;
}

export function repairBars(r: RepairInput): Bar[] {
  const byTs = new Map(r.existing.map((b) => [b.ts, b]));
  const klines = new Map(r.klines.map((k) => [k.ts, k]));
  const oi = [...r.oi].sort((a, b) => a.ts - b.ts);
  let oiIdx = 0;
  let lastOi: HistoryOi | null = null;
  const out: Bar[] = [];
  for (let ts = r.fromMs; ts < r.toMs; ts += r.barMs) {
    const k = klines.get(ts);
    const old = byTs.get(ts);
    while (oiIdx < oi.length && (oi[oiIdx] as HistoryOi).ts < ts + r.barMs) lastOi = oi[oiIdx++] as HistoryOi;
    if (!k) {
      if (old) out.push(old);
      continue;
    }
    // Taker split: the kline's when given, else the live bar's ratio, else even.
    const liveVol = old ? old.buyVolume + old.sellVolume : 0;
    const buyShare = old && liveVol > 0 ? old.buyVolume / liveVol : 0.5;
    const buyVolume = k.buyVolume !== undefined ? Math.min(k.buyVolume, k.volume) : k.volume * buyShare;
    out.push({
      venue: r.venue,
      market: r.market,
      ts,
      durationMs: r.barMs,
      open: k.open,
      high: k.high,
      low: k.low,
      close: k.close,
      vwap: (k.high + k.low + k.close) / 3,
      buyVolume,
      sellVolume: k.volume - buyVolume,
      trades: Math.max(old?.trades ?? 0, k.volume > 0 ? 1 : 0),
      oiBtc: lastOi?.oiBtc ?? old?.oiBtc ?? null,
      oiUsd: lastOi?.oiUsd ?? old?.oiUsd ?? null,
      markHigh: old?.markHigh ?? null,
      markLow: old?.markLow ?? null,
      markClose: old?.markClose ?? null,
      fundingRate: old?.fundingRate ?? null,
      liqLongBtc: old?.liqLongBtc ?? 0,
      liqLongUsd: old?.liqLongUsd ?? 0,
      liqLongCount: old?.liqLongCount ?? 0,
      liqShortBtc: old?.liqShortBtc ?? 0,
      liqShortUsd: old?.liqShortUsd ?? 0,
      liqShortCount: old?.liqShortCount ?? 0,
      // Price, volume and OI are whole again. Liquidations pushed during the outage cannot be
      // fetched from any venue's REST API, so the totals keep only what arrived live.
      gap: false,
    });
  }
  return out;
}
