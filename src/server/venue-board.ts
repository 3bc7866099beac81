// Venue status per venue-market, from the health messages on the bus and the model's open interest.
import type { Bus } from '../app/bus.js';
import type { VenueId } from '../core/events.js';
import type { VenueHealth } from '../feed/collector.js';
import type { LiqModel } from '../model/index.js';
import type { z } from 'zod';
import type { VenueStatusSchema } from './schemas.js';

export type VenueStatus = z.infer<typeof VenueStatusSchema>;

export class VenueBoard {
  private readonly health = new Map<VenueId, VenueHealth>();
  private readonly unsubscribe: () => void;

  constructor(
    bus: Bus,
    private readonly venues: readonly VenueId[],
    private readonly simulated: boolean,
  ) {
    this.unsubscribe = bus.subscribe('venues', (list) => {
      for (const h of list) this.health.set(h.venue, h);
    });
  }

  latestHealth(): VenueHealth[] {
    return [...this.health.values()];
  }

  /** One entry per venue-market: markets from the health messages and the model, venues in configured order. */
  list(model: LiqModel): VenueStatus[] {
    const oi = new Map<string, number>();
    let total = 0;
    for (const vm of model.vms) {
      if (vm.lastOiBtc === null || !Number.isFinite(vm.lastClose)) continue;
      const usd = vm.lastOiBtc * vm.lastClose;
      oi.set(`${vm.venue}|${vm.market}`, usd);
      total += usd;
    }
    const out: VenueStatus[] = [];
    for (const venue of this.venues) {
      const h = this.health.get(venue);
      const markets = new Set(h?.markets ?? []);
      for (const vm of model.vms) if (vm.venue === venue) markets.add(vm.market);
      for (const market of [...markets].sort()) {
        const vm = model.vms.find((v) => v.venue === venue && v.market === market);
        const o = oi.get(`${venue}|${market}`);
        out.push({
          venue,
          market,
          connected: h?.connected ?? false,
          lagMs: h?.lastMessageAgeMs ?? null,
          msgsPerSec: Math.round((h?.msgsPerSec ?? 0) * 100) / 100,
          reconnects: h?.reconnects ?? 0,
          gaps: h?.gaps ?? 0,
          oiShare: o !== undefined && total > 0 ? Math.round((o / total) * 1e4) / 1e4 : null,
          simulated: this.simulated,
          publishesLiquidations: h?.publishesLiquidations ?? false,
          lastBarTs: vm?.lastTs ?? null,
        });
      }
    }
    return out;
  }

  stop(): void {
    this.unsubscribe();
  }
}
