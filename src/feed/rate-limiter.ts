// Spaces out actions to at most `perSec` per second (venues cap client→server messages and REST calls).
export class RateLimiter {
  private nextFree = 0;

  constructor(
    private readonly perSec: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds to wait before the next action may run, reserving its slot. */
  reserve(): number {
    const t = this.now();
    const at = Math.max(t, this.nextFree);
    this.nextFree = at + 1000 / this.perSec;
    return at - t;
  }

  async take(): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
}
