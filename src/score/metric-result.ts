// The shape every metric is reported in: the model beside each baseline, with intervals.
import type { Interval } from './stats/wilson.js';

export interface Difference {
  /** Model minus baseline on the full sample. */
  readonly diff: number;
  /** Block-bootstrap 95% interval of the difference; null when it could not be formed. */
  readonly ci: Interval | null;
}

export interface MetricResult {
  /** Sample size: scored bars, or liquidations/rows/predictions for event metrics. */
  readonly n: number;
  /** null when undefined on this data (e.g. ρ of a constant predictor). */
  readonly model: number | null;
  /** Wilson 95% for proportions, block-bootstrap 95% for correlations. */
  readonly ci: Interval | null;
  readonly baselines: Readonly<Record<string, number | null>>;
  /** Model − baseline with a block-bootstrap interval: the evidence that the model beats it. */
  readonly vs: Readonly<Record<string, Difference | null>>;
  /** One line on what the number means. */
  readonly about: string;
}
