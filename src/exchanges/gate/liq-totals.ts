// Reconciles Gate's two liquidation sources. `futures.public_liquidates` is throttled/aggregated
// (before 2026-08-20 at most one order per contract per second was pushed, the rest dropped: gate.md
// §2.3, quirk 4), while `futures.contract_stats` carries per-interval totals (`long_liq_size`,
// `short_liq_size`). For each (market, minute, side) we remember the BTC already emitted and, when a
// stats row reports more, emit only the remainder, so the minute's total matches Gate's own count
// without counting any liquidation twice (a row pushed again with the same total adds nothing).
// Limit: a public_liquidates row arriving AFTER a stats push that already counted it is emitted
// again; the stats row is only the remainder at the time it arrives.
import type { LiquidationEvent } from '../../core/events.js';

const KEEP_MINUTES = 30;
const EPS_BTC = 1e-9;

export class LiqTotals {
  /** side → market → minute → BTC accounted for (numbers as keys: no key strings to build per event). */
  private readonly seen = { long: new Map<string, Map<number, number>>(), short: new Map<string, Map<number, number>>() };
  private newestMinute = 0;

  /** A liquidation emitted from public_liquidates. */
  add(market: string, ts: number, side: LiquidationEvent['side'], qtyBtc: number): void {
    const minute = floorMinute(ts);
    const minutes = this.minutes(market, side);
    minutes.set(minute, (minutes.get(minute) ?? 0) + qtyBtc);
    this.prune(minute);
  }

  /** A stats total for the minute containing `ts`; returns the BTC not yet emitted (0 if none). */
  remainder(market: string, ts: number, side: LiquidationEvent['side'], totalBtc: number): number {
    const minute = floorMinute(ts);
    const minutes = this.minutes(market, side);
    const had = minutes.get(minute) ?? 0;
    if (totalBtc - had <= EPS_BTC) return 0;
    minutes.set(minute, totalBtc);
    this.prune(minute);
    return totalBtc - had;
  }

  private minutes(market: string, side: LiquidationEvent['side']): Map<number, number> {
    const bySide = this.seen[side];
    let m = bySide.get(market);
    if (!m) bySide.set(market, (m = new Map()));
    return m;
  }

  private prune(minute: number): void {
    if (minute <= this.newestMinute) return;
    this.newestMinute = minute;
    const oldest = minute - KEEP_MINUTES * 60_000;
    for (const bySide of [this.seen.long, this.seen.short]) {
      for (const minutes of bySide.values()) for (const m of minutes.keys()) if (m < oldest) minutes.delete(m);
    }
  }
}

function floorMinute(ts: number): number {
  return ts - (ts % 60_000);
}
