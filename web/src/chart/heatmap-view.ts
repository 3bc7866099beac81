// The heatmap + candles view: loads the grid for the visible window, refetches at a matching resolution
// after pan/zoom, applies live columns from the stream, and recolours on scale/palette changes.
import type { Logical, LogicalRange } from 'lightweight-charts';
import { decodeHeatmap } from '../api/heatmap-bin.js';
import { ApiError, getBinary, isAbort, type Query } from '../api/http.js';
import { RANGE_MS, type HeatmapColumnMsg, type RangeName } from '../api/types.js';
import { Grid } from '../heatmap/grid.js';
import { lut } from '../heatmap/palette.js';
import { normaliser, type Normaliser } from '../heatmap/scale.js';
import type { Store } from '../state.js';
import { makeChart, point, points, type ChartParts } from './chart.js';

const MAX_WINDOW_MS = 366 * 86_400_000;
const MIN_COL_MS = 60_000;

export type Window = { range: RangeName } | { from: number; to: number };

export interface ViewEvents {
  loading(on: boolean): void;
  loaded(g: Grid): void;
  error(e: ApiError): void;
  /** The user panned or zoomed away from the named range. */
  custom(): void;
  /** Colours changed: the legend follows. */
  recoloured(n: Normaliser): void;
}

export class HeatmapView {
  readonly parts: ChartParts;
  grid: Grid | null = null;
  norm: Normaliser | null = null;
  /** Newest data time seen (end of the latest column), ms. */
  edge = 0;
  /** Current price: the grid's close, then each live trade price from the stream. */
  price: number | null = null;
  private abort: AbortController | null = null;
  private settleTimer = 0;
  private loadSeq = 0;
  /** Pointer held on the pane, and when the user last panned or zoomed (ms): tells user moves from ours. */
  private pressed = false;
  private lastUserMs = -Infinity;
  /** Range changes of our own (a grid shown) pending: the chart reports them on a later frame. */
  private ownMoves = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly store: Store,
    private readonly ev: ViewEvents,
  ) {
    this.parts = makeChart(el);
    this.parts.chart.timeScale().subscribeVisibleLogicalRangeChange((r) => this.onRange(r));
    const touch = (): void => {
      this.lastUserMs = performance.now();
    };
    el.addEventListener('pointerdown', () => {
      this.pressed = true;
      touch();
    });
    window.addEventListener('pointerup', () => {
      if (this.pressed) touch();
      this.pressed = false;
    });
    el.addEventListener('pointermove', () => this.pressed && touch());
    el.addEventListener('wheel', touch, { passive: true });
  }

  /** True while the user is moving the view (kinetic scrolling runs on a little after release). */
  private userMoving(): boolean {
    return this.pressed || performance.now() - this.lastUserMs < 1200;
  }

  /** Pixel columns and rows the grid should have for this pane. */
  private resolution(): { cols: number; rows: number } {
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = Math.max(200, this.el.clientWidth - 70);
    const h = Math.max(200, this.el.clientHeight - 30);
    return { cols: Math.max(120, Math.min(1000, Math.round(w * dpr))), rows: Math.max(100, Math.min(500, Math.round((h * dpr) / 1.6))) };
  }

  /** Fetch and show a window. `keep` restores this visible time span afterwards (pan/zoom refetch). */
  async load(w: Window, keep?: { from: number; to: number }): Promise<void> {
    const seq = ++this.loadSeq;
    // A load supersedes a pending pan/zoom refetch.
    window.clearTimeout(this.settleTimer);
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    const { cols: baseCols, rows } = this.resolution();
    const q: Query = { format: 'bin', rows, scale: 'linear', ...this.store.filterQuery() };
    let span: number;
    if ('range' in w) {
      // A named range ends the user's pan/zoom: its own range change is not theirs.
      this.lastUserMs = -Infinity;
      q.range = w.range;
      span = RANGE_MS[w.range];
      q.cols = Math.max(1, Math.min(baseCols, Math.floor(span / MIN_COL_MS)));
    } else {
      q.from = Math.round(w.from);
      q.to = Math.round(w.to);
      span = w.to - w.from;
      q.cols = Math.max(1, Math.min(2000, Math.floor(1_000_000 / rows), Math.floor(span / MIN_COL_MS), Math.round(baseCols * (keep ? span / (keep.to - keep.from) : 1))));
    }
    this.ev.loading(true);
    try {
      const g = new Grid(decodeHeatmap(await getBinary('heatmap', q, ac.signal)));
      if (seq !== this.loadSeq) return;
      this.show(g, keep);
      this.ev.loaded(g);
    } catch (e) {
      if (isAbort(e) || seq !== this.loadSeq) return;
      this.ev.error(e instanceof ApiError ? e : new ApiError(0, 'client', (e as Error).message));
    } finally {
      if (seq === this.loadSeq) this.ev.loading(false);
    }
  }

  private show(g: Grid, keep?: { from: number; to: number }): void {
    const { chart, candles, heat } = this.parts;
    this.grid = g;
    this.edge = Math.max(this.edge, g.to);
    if (g.price !== null) this.price = g.price;
    this.recolour();
    candles.setData(points(g));
    heat.setGrid(g);
    this.parts.bars.setGrid(g);
    this.showPrice();
    const ts = chart.timeScale();
    const lr: LogicalRange = keep
      ? { from: ((keep.from - g.from) / g.colMs - 0.5) as Logical, to: ((keep.to - g.from) / g.colMs - 0.5) as Logical }
      : { from: -0.5 as Logical, to: (g.cols - 0.5 + 4) as Logical };
    this.ownMoves++;
    ts.setVisibleLogicalRange(lr);
    requestAnimationFrame(() => requestAnimationFrame(() => this.ownMoves--));
    chart.priceScale('right').applyOptions({ autoScale: true });
    performance.mark('liqmap:heatmap-shown');
  }

  private showPrice(): void {
    this.parts.priceLine.applyOptions(this.price === null ? { lineVisible: false, axisLabelVisible: false } : { price: this.price, lineVisible: true, axisLabelVisible: true });
  }

  /** Recolour with the current scale, palette and contrast (no refetch). */
  recolour(): void {
    const g = this.grid;
    if (!g) return;
    const s = this.store.get();
    this.norm = normaliser(s.scale, g.values(), s.contrast);
    this.parts.raster.paint(g, this.norm, lut(s.palette));
    this.parts.heat.redraw();
    this.ev.recoloured(this.norm);
  }

  /** Apply a live column from the stream; false when it does not fit this grid (other axis, or a gap). */
  applyColumn(m: HeatmapColumnMsg): boolean {
    const g = this.grid;
    if (!g || !this.norm || m.rows !== g.rows || Math.abs(m.priceLo - g.priceLo) > 1e-6 * g.priceLo || Math.abs(m.priceHi - g.priceHi) > 1e-6 * g.priceHi) return false;
    if (m.kind === 'closed') this.edge = Math.max(this.edge, m.ts);
    // Live columns carry the server clock, not the data clock (demo mode runs simulated time): they update
    // the newest column, and only when this grid reaches the newest data.
    if (m.kind === 'live' && g.to + g.colMs < this.edge) return false;
    const c = m.kind === 'live' ? g.cols - 1 : g.column(m.ts);
    if (c < g.cols - 1 || c > g.cols + 2) return false;
    const grew = c >= g.cols;
    g.ensureColumn(c);
    g.setColumn(c, m.cells);
    if (m.price !== null) {
      g.tick(c, m.price);
      this.price = m.price;
    }
    if (grew) this.edge = g.to;
    const table = lut(this.store.get().palette);
    if (grew) this.parts.raster.paint(g, this.norm, table);
    else this.parts.raster.paintColumn(g, c, this.norm, table);
    this.parts.candles.update(point(g, c));
    this.parts.heat.redraw();
    this.showPrice();
    return true;
  }

  /** Pan by a share of the visible width (keyboard). */
  pan(share: number): void {
    this.lastUserMs = performance.now();
    const ts = this.parts.chart.timeScale();
    const r = ts.getVisibleLogicalRange();
    if (!r) return;
    const d = (r.to - r.from) * share;
    ts.setVisibleLogicalRange({ from: (r.from + d) as Logical, to: (r.to + d) as Logical });
  }

  /** Zoom around the centre by a factor (< 1 zooms in). */
  zoom(f: number): void {
    this.lastUserMs = performance.now();
    const ts = this.parts.chart.timeScale();
    const r = ts.getVisibleLogicalRange();
    if (!r) return;
    const mid = (r.from + r.to) / 2;
    const half = ((r.to - r.from) / 2) * f;
    ts.setVisibleLogicalRange({ from: (mid - half) as Logical, to: (mid + half) as Logical });
  }

  /** Visible time span of the grid, ms. */
  visibleSpan(): { from: number; to: number } | null {
    const g = this.grid;
    const r = this.parts.chart.timeScale().getVisibleLogicalRange();
    if (!g || !r) return null;
    return { from: g.from + (r.from + 0.5) * g.colMs, to: g.from + (r.to + 0.5) * g.colMs };
  }

  private onRange(r: LogicalRange | null): void {
    if (!r || !this.grid || !this.userMoving() || (this.ownMoves > 0 && !this.pressed)) return;
    if (this.store.get().range !== null) this.ev.custom();
    window.clearTimeout(this.settleTimer);
    this.settleTimer = window.setTimeout(() => this.settle(), 300);
  }

  /** After pan/zoom settles: refetch when the view left the loaded window or outgrew its resolution. */
  private settle(): void {
    const g = this.grid;
    const span = this.visibleSpan();
    if (!g || !span) return;
    const visCols = (span.to - span.from) / g.colMs;
    const { cols } = this.resolution();
    const earliest = this.edge - MAX_WINDOW_MS;
    const leftOut = span.from < g.from - g.colMs && g.from > earliest;
    const tooCoarse = visCols < cols / 3 && g.colMs > MIN_COL_MS;
    const tooFine = visCols > cols * 2.5;
    if (!leftOut && !tooCoarse && !tooFine) return;
    const len = Math.min(MAX_WINDOW_MS, Math.max(span.to - span.from, MIN_COL_MS * 10));
    const to = Math.min(this.edge, span.to + len * 0.75);
    const from = Math.max(earliest, Math.min(span.from, to - len) - len * 0.75);
    void this.load({ from, to: Math.max(to, from + MIN_COL_MS * 10) }, span);
  }
}
