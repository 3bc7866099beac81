// Colour scales: map USD cells to ramp positions (linear, log, z-score), with the inverse for legend ticks.
import type { Scale } from '../api/types.js';

/**
 * Ramp position u ∈ [0, 1] of a cell: linear and z-score are affine in USD, u = a·v + b; log is
 * u = a·ln(v) + b above `floor` (0 at or below it). `usdAt` inverts it for the legend.
 */
export interface Normaliser {
  readonly scale: Scale;
  readonly a: number;
  readonly b: number;
  /** Log scale: values at or below this are dark, USD. */
  readonly floor: number;
  usdAt(u: number): number;
}

/** Decades below the saturation level that the log scale spans. */
const LOG_DECADES = 3;

/** The value at quantile q of the positive cells (sampled: at most ~50k cells read). */
function quantile(values: Float32Array, q: number): number {
  const step = Math.max(1, Math.floor(values.length / 50_000));
  const pos: number[] = [];
  for (let i = 0; i < values.length; i += step) if (values[i]! > 0) pos.push(values[i]!);
  if (pos.length === 0) return 0;
  pos.sort((x, y) => x - y);
  return pos[Math.min(pos.length - 1, Math.floor(q * pos.length))]!;
}

/** `contrast`: the quantile of non-empty cells that saturates (0.995 = the top 0.5 % render at full heat). */
export function normaliser(scale: Scale, values: Float32Array, contrast = 0.995): Normaliser {
  const top = Math.max(1, quantile(values, contrast));
  if (scale === 'log') {
    const floor = top / 10 ** LOG_DECADES;
    const a = 1 / Math.log(top / floor);
    return { scale, a, b: -a * Math.log(floor), floor, usdAt: (u) => floor * Math.exp(u / a) };
  }
  if (scale === 'zscore') {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      sum += v;
      sq += v * v;
    }
    const n = Math.max(1, values.length);
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, sq / n - mean * mean)) || 1;
    // The ramp spans z = 0 (the mean: dark) to z = Z (full heat).
    const Z = Math.max(1, Math.min(8, (top - mean) / sd));
    return { scale, a: 1 / (Z * sd), b: -mean / (Z * sd), floor: 0, usdAt: (u) => mean + u * Z * sd };
  }
  return { scale, a: 1 / top, b: 0, floor: 0, usdAt: (u) => u * top };
}

export function unit(n: Normaliser, v: number): number {
  if (n.scale === 'log') return v <= n.floor ? 0 : n.a * Math.log(v) + n.b;
  return n.a * v + n.b;
}
