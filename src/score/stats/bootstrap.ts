// Moving-block bootstrap: resamples contiguous blocks of bars so that autocorrelation
// (volatility clusters) is kept, then reads percentiles of the statistic.
import { mulberry32 } from './rng.js';
import type { Interval } from './wilson.js';

export interface BootstrapOptions {
  /** Block length in samples; default ⌈n^(1/3)⌉, at least 1. */
  readonly blockLength?: number;
  readonly replicates?: number;
  readonly seed?: number;
  /** Two-sided coverage, default 0.95. */
  readonly level?: number;
}

/** Indices 0..n-1 resampled as circular moving blocks. */
export function blockResample(n: number, blockLength: number, rnd: () => number): number[] {
  const idx: number[] = [];
  while (idx.length < n) {
    const start = Math.floor(rnd() * n);
    for (let j = 0; j < blockLength && idx.length < n; j++) idx.push((start + j) % n);
  }
  return idx;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (pos - lo);
}

/**
 * Percentile interval of `stat(indices)` over block-bootstrap resamples of n samples.
 * `stat` returns null when undefined on a resample (e.g. a constant series); those are skipped.
 */
export function blockBootstrap(
  n: number,
  stat: (indices: readonly number[]) => number | null,
  opts: BootstrapOptions = {},
): (Interval & { readonly replicates: number; readonly blockLength: number }) | null {
  if (n < 2) return null;
  const blockLength = Math.max(1, Math.min(n, opts.blockLength ?? Math.ceil(Math.cbrt(n))));
  const reps = opts.replicates ?? 1000;
  const level = opts.level ?? 0.95;
  const rnd = mulberry32(opts.seed ?? 12345);
  const values: number[] = [];
  for (let r = 0; r < reps; r++) {
    const v = stat(blockResample(n, blockLength, rnd));
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  if (values.length < reps / 2) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return { lo: quantile(values, tail), hi: quantile(values, 1 - tail), replicates: values.length, blockLength };
}

/** Picks `xs[i]` for each index. */
export function pick<T>(xs: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => xs[i] as T);
}
