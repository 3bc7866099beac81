// One process's heatmap columns: computed as bars close (the same function the scale-out model process
// uses before writing them to PostgreSQL) and kept in memory for the last `capacity` bar times.
import type { LiqModel } from '../model/index.js';
import { columnsOf, type HeatmapColumn } from './heatmap-column.js';

export class ColumnRing {
  private cols: HeatmapColumn[] = [];

  constructor(
    private readonly model: () => LiqModel,
    private readonly barMs: number,
    private readonly capacity = 1440,
  ) {}

  /** After the model stepped `bars`: (re)compute their bar times' columns; a late bar replaces its column. */
  onBars(bars: readonly { readonly ts: number }[]): void {
    for (const c of columnsOf(this.model(), bars, this.barMs)) {
      let i = this.cols.length;
      while (i > 0 && this.cols[i - 1]!.ts > c.ts) i--;
      if (i > 0 && this.cols[i - 1]!.ts === c.ts) this.cols[i - 1] = c;
      else this.cols.splice(i, 0, c);
    }
    if (this.cols.length > this.capacity) this.cols = this.cols.slice(this.cols.length - this.capacity);
  }

  /** Columns with ts in [fromMs, toMs), oldest first, the newest `limit`. */
  read(fromMs: number, toMs: number, limit: number): HeatmapColumn[] {
    const hit = this.cols.filter((c) => c.ts >= fromMs && c.ts < toMs);
    return hit.slice(Math.max(0, hit.length - limit));
  }

  get size(): number {
    return this.cols.length;
  }
}
