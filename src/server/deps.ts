// What the API server reads: the store, the bus and a read-only view of the live model. It never touches
// collectors; venue health arrives on the bus. `depsFromApp` adapts the one-process app to this.
import type { AlertService } from '../alerts/service.js';
import type { HeatmapColumn } from '../app/heatmap-column.js';
import type { Bus } from '../app/bus.js';
import type { RunningApp } from '../app/run.js';
import type { Config } from '../config/schema.js';
import type { VenueId } from '../core/events.js';
import type { LiqModel } from '../model/index.js';
import type { Store } from '../store/store.js';

export interface ServerDeps {
  readonly cfg: Config;
  readonly store: Store;
  readonly bus: Bus;
  /** The live model (read only; views are computed from it). */
  model(): LiqModel;
  /** Newest trade price of the model's reference venue-market, if any. */
  livePrice(): { ts: number; price: number } | null;
  readonly venues: readonly VenueId[];
  readonly simulated: boolean;
  /** Whether the model finished warming up. */
  warmedUp(): boolean;
  now(): number;
  /** False while the store cannot be reached (health reports degraded); absent = always reachable. */
  storeHealthy?(): boolean;
  /** Stored heatmap columns of closed bars (scale-out); absent: computed from the model. */
  heatmapColumns?(q: { fromMs: number; toMs: number; limit: number }): Promise<HeatmapColumn[]>;
  /** Alert rules and their history (absent: the alerts endpoints answer 503). */
  readonly alerts?: AlertService;
}

export interface ServerOptions {
  /** Heartbeat period of the WebSocket stream, ms. */
  readonly heartbeatMs?: number;
  /** Live heatmap column period, ms. */
  readonly liveColumnMs?: number;
  /** A WebSocket client whose unsent data exceeds this is cut off, bytes. */
  readonly maxBufferedBytes?: number;
  /** Directory of the built UI (default web/dist). */
  readonly webDir?: string;
  /** Log every request (default true). */
  readonly logRequests?: boolean;
}

export function depsFromApp(app: RunningApp): ServerDeps {
  return {
    cfg: app.cfg,
    store: app.store,
    bus: app.bus,
    model: () => app.pipeline.model,
    livePrice: () => {
      const ref = app.pipeline.model.vms[0];
      return ref ? (app.pipeline.lastPrice.get(`${ref.venue}|${ref.market}`) ?? null) : null;
    },
    venues: app.venues,
    simulated: app.simulated,
    warmedUp: () => app.pipeline.warmedUp,
    now: Date.now,
    alerts: app.alerts,
  };
}
