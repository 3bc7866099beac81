// The one reconnect policy: capped exponential backoff with jitter that resets only after a
// real (data) message, so a socket that connects and dies at once keeps backing off.

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Fraction of the delay randomised (0.5 → delay × [0.5, 1]). */
  readonly jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

export class Backoff {
  private attempt = 0;

  constructor(
    private readonly opts: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** Delay before the next attempt; grows until reset(). */
  next(): number {
    const raw = Math.min(this.opts.maxMs, this.opts.initialMs * this.opts.factor ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 64);
    const j = Math.min(1, Math.max(0, this.opts.jitter));
    return Math.round(raw * (1 - j * this.random()));
  }

  /** Call after a real message arrived, not merely on open. */
  reset(): void {
    this.attempt = 0;
  }

  get attempts(): number {
    return this.attempt;
  }
}
