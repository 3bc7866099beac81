// The global BTC price: a log random walk with volatility regimes, trend regimes and jumps,
// plus the price impact of net taker flow (so forced closes move it and cascades happen).
import type { Rng } from './rng.js';

export interface PriceParams {
  readonly start: number;
  /** Daily volatility in the calm regime (fraction). */
  readonly dailyVol: number;
  /** Log-return per USD of net taker notional (buy positive). */
  readonly impactPerUsd: number;
  /** Expected jumps per day, and their size (fraction, std). */
  readonly jumpsPerDay: number;
  readonly jumpSize: number;
}

export const DEFAULT_PRICE: PriceParams = {
  start: 95_000,
  dailyVol: 0.025,
  impactPerUsd: 6e-11,
  jumpsPerDay: 1.5,
  jumpSize: 0.008,
};

const DAY_MS = 86_400_000;

export class PriceProcess {
  private logP: number;
  private volMult = 1;
  private drift = 0;
  private regimeLeftMs = 0;
  /** Pending impact spread over the next steps (market makers refill the book). */
  private pendingImpact = 0;

  constructor(
    private readonly p: PriceParams,
    private readonly rng: Rng,
  ) {
    this.logP = Math.log(p.start);
  }

  get price(): number {
    return Math.exp(this.logP);
  }

  /** Net taker notional (USD, buys positive) that traded this step. */
  impact(netUsd: number): void {
    this.pendingImpact += netUsd * this.p.impactPerUsd;
  }

  step(dtMs: number): number {
    const rng = this.rng;
    this.regimeLeftMs -= dtMs;
    if (this.regimeLeftMs <= 0) {
      // A new regime every ~2-10 hours: calm, normal or stormy; drifting up, down or flat.
      this.regimeLeftMs = rng.uniform(2, 10) * 3_600_000;
      const r = rng.next();
      this.volMult = r < 0.4 ? 0.6 : r < 0.85 ? 1 : 2.2;
      this.drift = rng.normal() * 0.02 * this.volMult; // per day
    }
    const dtDays = dtMs / DAY_MS;
    const sigma = this.p.dailyVol * this.volMult * Math.sqrt(dtDays);
    let ret = this.drift * dtDays + sigma * rng.normal();
    if (rng.next() < this.p.jumpsPerDay * dtDays) ret += rng.normal() * this.p.jumpSize;
    const applied = this.pendingImpact * 0.6;
    this.pendingImpact -= applied;
    ret += applied;
    this.logP += Math.max(-0.05, Math.min(0.05, ret));
    return this.price;
  }
}
