// A lightweight-charts series primitive that draws the heatmap bitmap under the candles, scaled to the pane.
// Column c of the grid sits at logical index c of the candle series (one data point per column).
import type { AutoscaleInfo, IChartApi, IPrimitivePaneRenderer, IPrimitivePaneView, ISeriesApi, ISeriesPrimitive, Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { Grid } from './grid.js';
import type { Raster } from './raster.js';

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0];

export interface FrameStats {
  /** Duration of each heatmap draw call, ms (a ring of the latest 240). */
  readonly drawMs: number[];
}

export class HeatmapPrimitive implements ISeriesPrimitive<Time> {
  private chart: IChartApi | null = null;
  private series: ISeriesApi<'Candlestick'> | null = null;
  private requestUpdate: (() => void) | null = null;
  private grid: Grid | null = null;
  readonly stats: FrameStats = { drawMs: [] };
  private readonly view: IPrimitivePaneView;

  constructor(private readonly raster: Raster) {
    const renderer: IPrimitivePaneRenderer = { draw: (t) => this.draw(t) };
    this.view = { zOrder: () => 'bottom', renderer: () => renderer };
  }

  attached(p: SeriesAttachedParameter<Time>): void {
    this.chart = p.chart as IChartApi;
    this.series = p.series as ISeriesApi<'Candlestick'>;
    this.requestUpdate = p.requestUpdate;
  }

  detached(): void {
    this.chart = null;
    this.series = null;
    this.requestUpdate = null;
  }

  setGrid(g: Grid | null): void {
    this.grid = g;
    this.requestUpdate?.();
  }

  redraw(): void {
    this.requestUpdate?.();
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }

  /** Keep the whole price band of the grid in the autoscaled price axis. */
  autoscaleInfo(): AutoscaleInfo | null {
    const g = this.grid;
    return g ? { priceRange: { minValue: g.priceLo, maxValue: g.priceHi } } : null;
  }

  private draw(target: Target): void {
    const g = this.grid;
    const chart = this.chart;
    const series = this.series;
    if (!g || !chart || !series || g.cols === 0) return;
    const t0 = performance.now();
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hpr, verticalPixelRatio: vpr, mediaSize }) => {
      const ts = chart.timeScale();
      const x0 = ts.logicalToCoordinate(0 as Logical);
      const x1 = ts.logicalToCoordinate(1 as Logical);
      const yHi = series.priceToCoordinate(g.priceHi);
      const yLo = series.priceToCoordinate(g.priceLo);
      if (x0 === null || x1 === null || yHi === null || yLo === null) return;
      const colPx = x1 - x0;
      const left = x0 - colPx / 2;
      const rowPx = (yLo - yHi) / g.rows;
      if (!(colPx > 0) || !(rowPx > 0)) return;
      // Only the visible part of the bitmap is scaled: cost follows the pane, not the zoom.
      const c0 = Math.max(0, Math.floor(-left / colPx));
      const c1 = Math.min(g.cols, Math.ceil((mediaSize.width - left) / colPx));
      const r0 = Math.max(0, Math.floor(-yHi / rowPx));
      const r1 = Math.min(g.rows, Math.ceil((mediaSize.height - yHi) / rowPx));
      if (c1 <= c0 || r1 <= r0) return;
      ctx.imageSmoothingEnabled = false;
      ctx.drawImage(this.raster.canvas, c0, r0, c1 - c0, r1 - r0, (left + c0 * colPx) * hpr, (yHi + r0 * rowPx) * vpr, (c1 - c0) * colPx * hpr, (r1 - r0) * rowPx * vpr);
    });
    const d = this.stats.drawMs;
    d.push(performance.now() - t0);
    if (d.length > 240) d.shift();
  }
}
