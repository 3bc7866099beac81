// Turn REST history (1-minute klines + sparse open-interest samples) into bars. History carries
// no mark price, funding or liquidations: those stay null/zero, and `fill` writes never let them
// overwrite what live recording stored.
import { NO_MARK_NO_LIQUIDATIONS, type Bar } from '../bars/bar.js';
import type { VenueId } from '../core/events.js';
import type { HistoryKline, HistoryOi } from '../core/venue.js';

/** An OI sample older than this at a bar's close is not carried forward. */
export const OI_MAX_STALENESS_MS = 60 * 60_000;

export interface HistoryBars {
  readonly bars: Bar[];
  /** Klines dropped as malformed (non-positive price, high < low, misaligned ts). */
  readonly dropped: number;
}

export function barsFromHistory(
  venue: VenueId,
  market: string,
  klines: readonly HistoryKline[],
  oi: readonly HistoryOi[],
  range: { readonly fromMs: number; readonly toMs: number },
  durationMs = 60_000,
): HistoryBars {
  const ks = [...klines].sort((a, b) => a.ts - b.ts);
  const samples = [...oi].filter((o) => Number.isFinite(o.oiBtc) && Number.isFinite(o.oiUsd)).sort((a, b) => a.ts - b.ts);
  const bars: Bar[] = [];
  let dropped = 0;
  let j = 0;
  let last: HistoryOi | undefined;
  let prevTs = -Infinity;
  for (const k of ks) {
    if (k.ts < range.fromMs || k.ts >= range.toMs || k.ts === prevTs) continue;
    const ok =
      Number.isSafeInteger(k.ts) &&
      k.ts % durationMs === 0 &&
      [k.open, k.high, k.low, k.close].every((p) => Number.isFinite(p) && p > 0) &&
      k.high >= k.low &&
      Number.isFinite(k.volume) &&
      k.volume >= 0;
    if (!ok) {
      dropped++;
      continue;
    }
    prevTs = k.ts;
    const closeAt = k.ts + durationMs;
    while (j < samples.length && (samples[j] as HistoryOi).ts <= closeAt) last = samples[j++];
    const fresh = last && closeAt - last.ts <= OI_MAX_STALENESS_MS ? last : undefined;
    const buy = k.buyVolume !== undefined && Number.isFinite(k.buyVolume) ? Math.min(Math.max(k.buyVolume, 0), k.volume) : k.volume / 2;
    bars.push({
      venue,
      market,
      ts: k.ts,
      durationMs,
      open: k.open,
      high: k.high,
      low: k.low,
      close: k.close,
      // klines carry no VWAP: the typical price stands in for it
      vwap: k.volume > 0 ? (k.high + k.low + k.close) / 3 : k.close,
      buyVolume: buy,
      sellVolume: k.volume - buy,
      trades: 0,
      oiBtc: fresh ? fresh.oiBtc : null,
      oiUsd: fresh ? fresh.oiUsd : null,
      ...NO_MARK_NO_LIQUIDATIONS,
      gap: false,
    });
  }
  return { bars, dropped };
}
