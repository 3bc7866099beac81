// Wilson score interval for a binomial proportion (95% by default).

export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/** Wilson interval for `successes` out of `n` trials; successes may be fractional (tie-shared hits). */
export function wilson(successes: number, n: number, z = 1.959963984540054): Interval | null {
  if (!(n > 0) || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
