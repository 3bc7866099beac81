// The heatmap request: parameters, their bounds, and the grid they produce. Bounds keep every allocation
// small: at most MAX_CELLS cells, at most one column per minute of window.
import { z } from 'zod';
import { heatmap, type HeatmapGrid, type LiqModel, type ViewFilter } from '../../model/index.js';
import { ApiError, badParam } from '../errors.js';
import { DAY_MS, intParam, leverageParam, priceParam, rangeParam, sidesParam, timeParam, venuesParam } from '../params.js';
import type { Window } from '../window.js';

export const MAX_COLS = 2000;
export const MAX_ROWS = 2000;
export const MAX_CELLS = 1_000_000;
/** Longest window, ms. */
export const MAX_WINDOW_MS = 366 * DAY_MS;
const MIN_COL_MS = 60_000;
const DEFAULT_COLS = 400;
/** Price margin around the window's traded range when no price band is given. */
const BAND_MARGIN = 0.04;

export const heatmapFields = {
  from: timeParam.optional().describe('window start, epoch ms or ISO date-time'),
  to: timeParam.optional().describe('window end (default: end of the newest closed bar)'),
  range: rangeParam.optional(),
  cols: intParam(1, MAX_COLS).optional().describe(`time columns (default ${DEFAULT_COLS}, at most one per minute of window)`),
  rows: intParam(1, MAX_ROWS).default(200).describe(`price rows; cols × rows ≤ ${MAX_CELLS.toLocaleString('en-US')}`),
  priceLo: priceParam.optional().describe('lowest price shown, USD (default: window low − 4%)'),
  priceHi: priceParam.optional().describe('highest price shown, USD (default: window high + 4%)'),
  venues: venuesParam.optional(),
  sides: sidesParam.optional(),
  leverage: leverageParam.optional(),
  scale: z.enum(['linear', 'log', 'zscore']).default('linear').describe('cell values: USD, log10(1 + USD), or z-score over the grid'),
};

export interface GridRequest {
  readonly window: Window;
  readonly cols?: number | undefined;
  readonly rows: number;
  readonly priceLo?: number | undefined;
  readonly priceHi?: number | undefined;
  readonly filter: ViewFilter;
}

export interface GridResult {
  readonly grid: HeatmapGrid;
  readonly from: number;
  readonly to: number;
  readonly priceLo: number;
  readonly priceHi: number;
}

export function computeGrid(model: LiqModel, r: GridRequest, livePrice: number | null): GridResult {
  const { from, to } = r.window;
  const maxCols = Math.max(1, Math.floor((to - from) / MIN_COL_MS));
  const cols = r.cols ?? Math.min(DEFAULT_COLS, maxCols);
  if (cols > maxCols) throw badParam('cols', `at most ${maxCols} for this window (one column per minute)`);
  if (cols * r.rows > MAX_CELLS) throw badParam('rows', `cols × rows must be at most ${MAX_CELLS.toLocaleString('en-US')} (got ${cols} × ${r.rows})`);
  if (r.priceLo !== undefined && r.priceHi !== undefined && !(r.priceHi > r.priceLo)) throw badParam('priceHi', 'must exceed priceLo');
  const band = priceBand(model, r, cols, livePrice);
  const grid = heatmap(model, { ...r.filter, from, to, cols, rows: r.rows, priceLo: band.lo, priceHi: band.hi });
  return { grid, from, to, priceLo: band.lo, priceHi: band.hi };
}

/** The price band: as given, else the window's traded range widened by 4%, else the live price ± 15%. */
function priceBand(model: LiqModel, r: GridRequest, cols: number, livePrice: number | null): { lo: number; hi: number } {
  if (r.priceLo !== undefined && r.priceHi !== undefined) return { lo: r.priceLo, hi: r.priceHi };
  let low = Infinity;
  let high = -Infinity;
  // One row is enough to read the candles; their cost is the window's events, not rows.
  const probe = heatmap(model, { venues: r.filter.venues, from: r.window.from, to: r.window.to, cols: Math.min(cols, 200), rows: 1, priceLo: 0, priceHi: 1e9 });
  for (const c of probe.candles) {
    if (!c) continue;
    low = Math.min(low, c[3]);
    high = Math.max(high, c[2]);
  }
  if (!Number.isFinite(low)) {
    const p = probe.price ?? livePrice;
    if (p === null) throw new ApiError(503, 'no_data', 'no price data yet; the model has not seen a bar');
    low = p * 0.85;
    high = p * 1.15;
  } else {
    low *= 1 - BAND_MARGIN;
    high *= 1 + BAND_MARGIN;
  }
  // With one side given, the other comes from the data unless the data lies beyond it.
  const lo = r.priceLo ?? (r.priceHi === undefined || low < r.priceHi ? low : r.priceHi * 0.5);
  const hi = r.priceHi ?? (high > lo ? high : lo * 1.5);
  if (!(hi > lo)) throw badParam(r.priceLo !== undefined ? 'priceLo' : 'priceHi', `the band ${lo}..${hi} is empty`);
  return { lo, hi };
}
