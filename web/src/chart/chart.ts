// The chart: lightweight-charts candles and price scale, with the heatmap primitive underneath.
import { CandlestickSeries, ColorType, createChart, CrosshairMode, LineStyle, type CandlestickData, type IChartApi, type IPriceLine, type ISeriesApi, type Time, type UTCTimestamp, type WhitespaceData } from 'lightweight-charts';
import { price as fmtPrice } from '../format.js';
import type { Grid } from '../heatmap/grid.js';
import { HeatmapPrimitive } from '../heatmap/primitive.js';
import { Raster } from '../heatmap/raster.js';
import { CandlesPrimitive } from './candles-primitive.js';

export type Point = CandlestickData<Time> | WhitespaceData<Time>;

export interface ChartParts {
  readonly chart: IChartApi;
  readonly candles: ISeriesApi<'Candlestick'>;
  readonly heat: HeatmapPrimitive;
  readonly bars: CandlesPrimitive;
  readonly raster: Raster;
  /** The current price, dashed across the pane with its label on the axis. */
  readonly priceLine: IPriceLine;
}

export function makeChart(el: HTMLElement): ChartParts {
  const chart = createChart(el, {
    autoSize: true,
    layout: {
      background: { type: ColorType.Solid, color: '#0b0a1c' },
      textColor: '#b8b9cc',
      fontSize: 12,
      fontFamily: 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
      attributionLogo: false,
    },
    grid: { vertLines: { visible: false }, horzLines: { visible: false } },
    crosshair: {
      mode: CrosshairMode.Normal,
      vertLine: { color: 'rgba(255,255,255,0.45)', labelBackgroundColor: '#33335a' },
      horzLine: { color: 'rgba(255,255,255,0.45)', labelBackgroundColor: '#33335a' },
    },
    rightPriceScale: { borderColor: '#2a2a48', scaleMargins: { top: 0.02, bottom: 0.02 } },
    timeScale: { borderColor: '#2a2a48', timeVisible: true, secondsVisible: false, rightOffset: 4, minBarSpacing: 0.05, maxBarSpacing: 80, shiftVisibleRangeOnNewBar: true },
    localization: { priceFormatter: (p: number) => fmtPrice(p) },
    handleScale: { axisPressedMouseMove: { time: true, price: true }, mouseWheel: true, pinch: true },
    handleScroll: { mouseWheel: true, pressedMouseMove: true, horzTouchDrag: true, vertTouchDrag: true },
    kineticScroll: { touch: true, mouse: false },
  });
  // The series carries the data (price scale, autoscale, crosshair); the candles primitive draws it.
  const clear = 'rgba(0,0,0,0)';
  const candles = chart.addSeries(CandlestickSeries, {
    upColor: clear,
    downColor: clear,
    borderVisible: false,
    wickVisible: false,
    lastValueVisible: false,
    priceLineVisible: false,
    priceFormat: { type: 'custom', formatter: (p: number) => fmtPrice(p), minMove: 0.5 },
  });
  const raster = new Raster();
  const heat = new HeatmapPrimitive(raster);
  const bars = new CandlesPrimitive();
  candles.attachPrimitive(heat);
  candles.attachPrimitive(bars);
  const priceLine = candles.createPriceLine({ price: 0, color: '#ffffff', lineWidth: 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true, axisLabelColor: '#ffffff', axisLabelTextColor: '#0b0a1c', title: '' });
  return { chart, candles, heat, bars, raster, priceLine };
}

export function columnTime(g: Grid, c: number): UTCTimestamp {
  return Math.round((g.from + c * g.colMs) / 1000) as UTCTimestamp;
}

/** One data point per column (a candle, or whitespace where no bar exists) so that logical index = column. */
export function points(g: Grid): Point[] {
  const out: Point[] = new Array<Point>(g.cols);
  for (let c = 0; c < g.cols; c++) out[c] = point(g, c);
  return out;
}

export function point(g: Grid, c: number): Point {
  const k = g.candle(c);
  const time = columnTime(g, c);
  return k ? { time, open: k[0], high: k[1], low: k[2], close: k[3] } : { time };
}
