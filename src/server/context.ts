// Shared state of one server: its dependencies, the view cache and the model version it keys on.
import { ColumnRing } from '../app/column-ring.js';
import type { LiqModel, ViewFilter } from '../model/index.js';
import type { ServerDeps } from './deps.js';
import { viewFilter, type FilterQuery } from './filter.js';
import { ResponseCache } from './http-cache.js';
import { VenueBoard } from './venue-board.js';

export class ServerContext {
  /** Bumps whenever the model steps a batch of bars: cached views older than this are stale. */
  version = 0;
  readonly cache = new ResponseCache();
  readonly board: VenueBoard;
  /** Heatmap columns of bars closed since start (null when the deps read them from a store). */
  readonly columns: ColumnRing | null;
  readonly startedAt: number;
  private readonly unsubscribe: () => void;
  private readonly columnTimer: NodeJS.Timeout | null;

  constructor(readonly deps: ServerDeps) {
    this.startedAt = deps.now();
    this.board = new VenueBoard(deps.bus, deps.venues, deps.simulated);
    const ring = deps.heatmapColumns ? null : new ColumnRing(deps.model, deps.cfg.barMs);
    this.columns = ring;
    this.unsubscribe = deps.bus.subscribe('bars', (bars) => {
      this.version++;
      this.cache.invalidate();
      ring?.onBars(bars);
    });
    // Kept from the first request for columns on (each costs a live snapshot of the whole book).
    this.columnTimer = ring ? setInterval(() => ring.wanted && ring.flush(), 1000).unref() : null;
  }

  get model(): LiqModel {
    return this.deps.model();
  }

  /** Where data ends: the end of the newest closed bar, or now before any. */
  edge(): number {
    return this.model.latestTs() ?? this.deps.now();
  }

  filter(q: FilterQuery): ViewFilter {
    return viewFilter(this.model, this.deps.venues, q);
  }

  livePrice(): number | null {
    return this.deps.livePrice()?.price ?? null;
  }

  stop(): void {
    if (this.columnTimer) clearInterval(this.columnTimer);
    this.unsubscribe();
    this.board.stop();
  }
}
