// Candles drawn on top of the heatmap, merged so each stays at least a few pixels wide when the grid is
// finer than the screen (a 1000-column grid on an 800 px pane would otherwise give 1 px candles).
// Groups are aligned to multiples of k columns so they do not shimmer while panning.
import type { IChartApi, IPrimitivePaneRenderer, IPrimitivePaneView, ISeriesApi, ISeriesPrimitive, Logical, SeriesAttachedParameter, Time } from 'lightweight-charts';
import type { Grid } from '../heatmap/grid.js';

type Target = Parameters<IPrimitivePaneRenderer['draw']>[0];

const MIN_CANDLE_PX = 5;
const UP = '#2ee6a6';
const DOWN = '#ff4d7d';
const OUTLINE = 'rgba(6, 5, 18, 0.9)';

export class CandlesPrimitive implements ISeriesPrimitive<Time> {
  private chart: IChartApi | null = null;
  private series: ISeriesApi<'Candlestick'> | null = null;
  private requestUpdate: (() => void) | null = null;
  private grid: Grid | null = null;
  private readonly view: IPrimitivePaneView;

  constructor() {
    const renderer: IPrimitivePaneRenderer = { draw: (t) => this.draw(t) };
    this.view = { zOrder: () => 'normal', renderer: () => renderer };
  }

  attached(p: SeriesAttachedParameter<Time>): void {
    this.chart = p.chart as IChartApi;
    this.series = p.series as ISeriesApi<'Candlestick'>;
    this.requestUpdate = p.requestUpdate;
  }

  detached(): void {
    this.chart = null;
    this.series = null;
  }

  setGrid(g: Grid | null): void {
    this.grid = g;
    this.requestUpdate?.();
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }

  private draw(target: Target): void {
    const g = this.grid;
    const chart = this.chart;
    const series = this.series;
    if (!g || !chart || !series) return;
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hpr, verticalPixelRatio: vpr, mediaSize }) => {
      const ts = chart.timeScale();
      const x0 = ts.logicalToCoordinate(0 as Logical);
      const x1 = ts.logicalToCoordinate(1 as Logical);
      if (x0 === null || x1 === null || !(x1 > x0)) return;
      const colPx = x1 - x0;
      const k = Math.max(1, Math.ceil(MIN_CANDLE_PX / colPx));
      const first = Math.max(0, Math.floor(-x0 / colPx) - k);
      const last = Math.min(g.cols - 1, Math.ceil((mediaSize.width - x0) / colPx) + k);
      const bodyW = Math.max(1, Math.floor(k * colPx * hpr * 0.7));
      const wickW = Math.max(1, Math.floor(hpr));
      const up = new Path2D();
      const down = new Path2D();
      const outline = new Path2D();
      const y = (p: number): number => Math.round((series.priceToCoordinate(p) ?? 0) * vpr);
      for (let gi = Math.floor(first / k); gi * k <= last; gi++) {
        let o = NaN;
        let h = -Infinity;
        let l = Infinity;
        let c = NaN;
        for (let col = gi * k; col < Math.min(g.cols, gi * k + k); col++) {
          const kd = g.candle(col);
          if (!kd) continue;
          if (Number.isNaN(o)) o = kd[0];
          h = Math.max(h, kd[1]);
          l = Math.min(l, kd[2]);
          c = kd[3];
        }
        if (Number.isNaN(o)) continue;
        const cx = Math.round((x0 + (gi * k + (k - 1) / 2) * colPx) * hpr);
        const yo = y(o);
        const yc = y(c);
        const yh = y(h);
        const yl = y(l);
        const top = Math.min(yo, yc);
        const bh = Math.max(1, Math.abs(yc - yo));
        const bx = cx - Math.floor(bodyW / 2);
        const wx = cx - Math.floor(wickW / 2);
        const p = c >= o ? up : down;
        p.rect(wx, yh, wickW, Math.max(1, yl - yh));
        p.rect(bx, top, bodyW, bh);
        outline.rect(wx - 1, yh - 1, wickW + 2, Math.max(1, yl - yh) + 2);
        outline.rect(bx - 1, top - 1, bodyW + 2, bh + 2);
      }
      ctx.fillStyle = OUTLINE;
      ctx.fill(outline);
      ctx.fillStyle = UP;
      ctx.fill(up);
      ctx.fillStyle = DOWN;
      ctx.fill(down);
    });
  }
}
