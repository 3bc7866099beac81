// One process's heatmap columns: computed as bars close (the same function the scale-out model process
// uses before writing them to PostgreSQL) and kept in memory for the last `capacity` bar times.
import type { LiqModel } from '../model/index.js';
import { heatmapColumn, type HeatmapColumn } from './heatmap-column.js';

export class ColumnRing {
  private cols: HeatmapColumn[] = [];
  private due: number | null = null;
  private reads = 0;

  constructor(
    private readonly model: () => LiqModel,
    private readonly barMs: number,
    private readonly capacity = 1440,
  ) {}

  /** After the model stepped `bars`: their newest bar time's column is due at the next `flush()`. */
  onBars(bars: readonly { readonly ts: number }[]): void {
    for (const b of bars) if (this.due === null || b.ts > this.due) this.due = b.ts;
  }

  /**
   * (Re)compute the due bar time's column from the live book; a later flush for the same time replaces it.
   * Called about once a second: venues close a minute's bars one by one, and each live snapshot of a full
   * book costs tens of ms, so columns are not recomputed per venue. Older times of one batch (warm-up, gap
   * repair, a fast demo clock) are not kept.
   */
  flush(): void {
    if (this.due === null) return;
    const c = heatmapColumn(this.model(), this.due, this.barMs);
    this.due = null;
    if (!c) return;
    let i = this.cols.length;
    while (i > 0 && this.cols[i - 1]!.ts > c.ts) i--;
    if (i > 0 && this.cols[i - 1]!.ts === c.ts) this.cols[i - 1] = c;
    else this.cols.splice(i, 0, c);
    if (this.cols.length > this.capacity) this.cols = this.cols.slice(this.cols.length - this.capacity);
  }

  /** Whether anyone has read columns: until then a server need not spend a snapshot a second on them. */
  get wanted(): boolean {
    return this.reads > 0;
  }

  /** Columns with ts in [fromMs, toMs), oldest first, the newest `limit`. */
  read(fromMs: number, toMs: number, limit: number): HeatmapColumn[] {
    this.reads++;
    const hit = this.cols.filter((c) => c.ts >= fromMs && c.ts < toMs);
    return hit.slice(Math.max(0, hit.length - limit));
  }

  get size(): number {
    return this.cols.length;
  }
}
