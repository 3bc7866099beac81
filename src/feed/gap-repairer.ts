// After a reconnect, rebuilds the bars of the outage from the venue's REST history (klines and
// open interest) once they have closed, and hands them on to be stored in place of the
// gap-flagged ones. Venues without history, or minutes without klines, stay flagged.
import type { Bar } from '../bars/bar.js';
import { repairBars } from '../bars/repair.js';
import type { MarketEvent, VenueId } from '../core/events.js';
import type { Logger } from '../log.js';
import type { VenueCollector } from './collector.js';

export interface GapRepairOptions {
  readonly collectors: readonly VenueCollector[];
  /** Bars already closed for a venue-market in [from, to). */
  readBars(venue: VenueId, market: string, fromMs: number, toMs: number): Promise<Bar[]>;
  onRepaired(bars: readonly Bar[]): void | Promise<void>;
  readonly barMs: number;
  /** How long after reconnecting to wait for the outage's bars to close, ms. */
  readonly settleMs: number;
  /** Longest outage repaired, ms (longer ones are left to `liqmap backfill`). */
  readonly maxGapMs?: number;
  readonly log?: Logger;
}

export interface GapRepairStats {
  repairs: number;
  bars: number;
  failures: number;
}

export class GapRepairer {
  private readonly down = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private pending: Promise<void> = Promise.resolve();
  readonly stats: GapRepairStats = { repairs: 0, bars: 0, failures: 0 };

  constructor(private readonly o: GapRepairOptions) {}

  onEvent(e: MarketEvent): void {
    if (e.kind !== 'status') return;
    const key = `${e.venue}|${e.market}`;
    if (!e.connected) {
      if (!this.down.has(key)) this.down.set(key, e.ts);
      return;
    }
    const since = this.down.get(key);
    if (since === undefined) return;
    this.down.delete(key);
    const from = Math.floor(since / this.o.barMs) * this.o.barMs;
    const to = Math.floor(e.ts / this.o.barMs) * this.o.barMs + this.o.barMs;
    if (to - from > (this.o.maxGapMs ?? 6 * 3_600_000)) {
      this.o.log?.warn({ venue: e.venue, market: e.market, from, to }, 'outage too long to repair live; run liqmap backfill');
      return;
    }
    const t = setTimeout(() => {
      this.timers.delete(t);
      this.pending = this.pending.then(async () => {
        await this.repair(e.venue, e.market, from, to);
      });
    }, this.o.settleMs);
    t.unref();
    this.timers.add(t);
  }

  /** Resolves when every scheduled repair has run. */
  async idle(): Promise<void> {
    await this.pending;
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  async repair(venue: VenueId, market: string, fromMs: number, toMs: number): Promise<readonly Bar[]> {
    const col = this.o.collectors.find((c) => c.venue === venue);
    const history = col?.adapter.history;
    const spec = col?.marketSpecs.find((m) => m.symbol === market);
    if (!col || !history || !spec) return [];
    try {
      const [klines, oi, existing] = await Promise.all([
        history.klines(col.http, spec, fromMs, toMs),
        history.openInterest(col.http, spec, fromMs - 15 * 60_000, toMs),
        this.o.readBars(venue, market, fromMs, toMs),
      ]);
      const bars = repairBars({ venue, market, barMs: this.o.barMs, existing, klines, oi, fromMs, toMs }).filter((b) => !b.gap);
      if (bars.length) await this.o.onRepaired(bars);
      this.stats.repairs++;
      this.stats.bars += bars.length;
      this.o.log?.info({ venue, market, fromMs, toMs, bars: bars.length }, 'gap repaired from REST history');
      return bars;
    } catch (err) {
      this.stats.failures++;
      this.o.log?.warn({ venue, market, err: (err as Error).message }, 'gap repair failed; bars stay flagged');
      return [];
    }
  }
}
