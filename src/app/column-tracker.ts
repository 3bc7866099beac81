// Heatmap columns of a bar stream, computed from the live book (cheap) rather than from the model's history
// (a past snapshot costs ~100× more): a bar time's column is taken just before the model steps the first
// bar of a later time, when the book holds exactly the bars up to it. A bar arriving after a later one
// (a lagging venue) marks its time stale; stale times are recomputed from history when taken.
import type { LiqModel } from '../model/index.js';
import { heatmapColumn, type HeatmapColumn } from './heatmap-column.js';

export class ColumnTracker {
  private liveTs: number | null = null;
  private readonly ready = new Map<number, HeatmapColumn>();
  private readonly stale = new Set<number>();

  constructor(private readonly barMs: number) {}

  /** Resume after the model was restored or replayed up to its latest bar. */
  resume(model: LiqModel): void {
    const latest = model.latestTs();
    this.liveTs = latest === null ? null : latest - this.barMs;
  }

  /** Before the model steps a bar opened at `ts`. */
  before(model: LiqModel, ts: number): void {
    if (this.liveTs === null || ts <= this.liveTs) return;
    const c = heatmapColumn(model, this.liveTs, this.barMs);
    if (c) this.ready.set(c.ts, c);
  }

  /** After the model stepped a bar opened at `ts`. */
  after(ts: number): void {
    if (this.liveTs === null || ts > this.liveTs) this.liveTs = ts;
    else if (ts < this.liveTs) {
      this.ready.delete(ts);
      this.stale.add(ts);
    }
  }

  /**
   * The columns to store now, oldest first: closed times, stale ones from history, and the newest time's
   * (rewritten later if more of its bars come). Stale and newest times before `minTs` are left out.
   */
  take(model: LiqModel, minTs = -Infinity): HeatmapColumn[] {
    const out = [...this.ready.values()];
    for (const ts of this.stale) {
      const c = ts >= minTs ? heatmapColumn(model, ts, this.barMs) : null;
      if (c) out.push(c);
    }
    if (this.liveTs !== null && this.liveTs >= minTs) {
      const c = heatmapColumn(model, this.liveTs, this.barMs);
      if (c) out.push(c);
    }
    this.ready.clear();
    this.stale.clear();
    return out.sort((a, b) => a.ts - b.ts);
  }
}
