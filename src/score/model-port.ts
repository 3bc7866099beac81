// What scoring needs from the model, kept narrow so that the protocols are testable on their own.
import type { Bar } from '../bars/bar.js';
import type { HeatColumn } from './heat-column.js';
import type { PredictedLiquidation } from './events-metrics.js';

export interface ModelRun {
  /** Predicted liquidated USD per price bar (cohorts swept by that bar), index-aligned with the bars. */
  readonly long: Float64Array;
  readonly short: Float64Array;
  readonly predicted: readonly PredictedLiquidation[];
}

export interface ColumnRequest {
  /** Freeze instant, ms: only bars with ts + durationMs ≤ t may inform the column. */
  readonly t: number;
  readonly priceLo: number;
  readonly priceHi: number;
  readonly rowUsd: number;
}

export interface ModelPort<P> {
  run(bars: readonly Bar[], params: P): ModelRun;
  /** Columns at increasing instants, each from the bars closed by its instant. */
  columns(bars: readonly Bar[], params: P, requests: readonly ColumnRequest[]): HeatColumn[];
}
