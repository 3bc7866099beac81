// A deliberately naive reference of the same model: one object per (bar, side, tier, entry) cohort, every close
// and decay touching every cohort. Used by tests (the fast model must agree with it) and by the bench (baseline).
import type { Bar } from '../bars/bar.js';
import { liquidationPrice } from '../core/margin.js';
import { constantPerHour, invalidBar, rangeEntries } from './model.js';
import type { ModelParams, PredictedLiquidation, RulesLookup } from './types.js';
import { marginFor } from './venue-market.js';

interface Cohort {
  side: 0 | 1;
  tier: number;
  bucket: number;
  usd: number;
}

interface NaiveVm {
  formula: ReturnType<typeof marginFor>['formula'];
  mmr: number;
  tierWeight: Float64Array;
  cohorts: Cohort[];
  lastTs: number | null;
  lastDur: number;
  lastOi: number | null;
}

export class NaiveModel {
  private readonly vms = new Map<string, NaiveVm>();
  enteredUsd = 0;
  liquidatedUsd = 0;
  closedUsd = 0;

  constructor(
    readonly params: ModelParams,
    readonly rules: RulesLookup,
  ) {}

  aliveUsd(): number {
    let s = 0;
    for (const vm of this.vms.values()) for (const c of vm.cohorts) s += c.usd;
    return s;
  }

  step(bar: Bar): PredictedLiquidation[] {
    const out: PredictedLiquidation[] = [];
    if (invalidBar(bar)) return out;
    const key = `${bar.venue}\u0000${bar.market}`;
    let vm = this.vms.get(key);
    if (!vm) {
      try {
        vm = { ...marginFor(this.params, this.rules, bar.venue, bar.market), cohorts: [], lastTs: null, lastDur: 0, lastOi: null };
      } catch {
        return out;
      }
      this.vms.set(key, vm);
    }
    if (vm.lastTs !== null && bar.ts <= vm.lastTs) return out;
    const p = this.params;
    let oiUsable = !bar.gap;
    if (vm.lastTs !== null) {
      if (bar.ts > vm.lastTs + vm.lastDur) oiUsable = false;
      if (p.halfLifeMs !== null) this.scaleAll(vm, [0, 1], Math.exp((-Math.LN2 * (bar.ts - vm.lastTs)) / p.halfLifeMs));
    }
    // Sweeps.
    const P = p.bucketUsd;
    const low = p.useMarkPrice && bar.markLow !== null ? bar.markLow : bar.low;
    const high = p.useMarkPrice && bar.markHigh !== null ? bar.markHigh : bar.high;
    let btc = 0;
    const alive: Cohort[] = [];
    for (const c of vm.cohorts) {
      const centre = (c.bucket + 0.5) * P;
      if ((c.side === 0 && low <= centre) || (c.side === 1 && high >= centre)) {
        btc += c.usd / centre;
        this.liquidatedUsd += c.usd;
        out.push({ ts: bar.ts, venue: bar.venue, market: bar.market, side: c.side === 0 ? 'long' : 'short', leverage: p.tiers[c.tier]!.leverage, price: centre, notionalUsd: c.usd });
      } else alive.push(c);
    }
    vm.cohorts = alive;
    // Closes.
    const oi = bar.oiBtc ?? (bar.oiUsd !== null ? bar.oiUsd / bar.close : null);
    const prev = oiUsable ? vm.lastOi : null;
    const dOi = oi !== null && prev !== null ? oi - prev : 0;
    if (dOi < 0 && prev !== null && prev > 0) {
      const real = bar.liqLongUsd + bar.liqShortUsd > 0 ? bar.liqLongBtc + bar.liqShortBtc : btc;
      const f = Math.max(0, -dOi - real) / prev;
      if (f > 0) {
        const B = bar.buyVolume;
        const S = bar.sellVolume;
        const fl = p.close === 'taker' && B + S > 0 ? [(2 * f * S) / (B + S), (2 * f * B) / (B + S)] : [f, f];
        for (const s of [0, 1] as const) this.scaleAll(vm, [s], 1 - Math.min(1 - 1e-9, fl[s]!));
      }
    }
    // Inflow.
    const B = bar.buyVolume;
    const S = bar.sellVolume;
    const n = p.inflow.oi * Math.max(0, dOi) * bar.vwap + p.inflow.volume * p.volumeShare * (B + S) * bar.vwap + (p.inflow.constant * constantPerHour(p, bar) * bar.durationMs) / 3_600_000;
    if (n > 0) {
      const ls = p.sideSplit === 'taker' ? (B + S > 0 ? B / (B + S) : 0.5) : 1;
      const ss = p.sideSplit === 'taker' ? 1 - ls : 1;
      const entries = p.entry === 'vwap' ? { prices: [bar.vwap], weights: [1] } : rangeEntries(bar.low, bar.high, bar.vwap, p.rangeSlices);
      entries.prices.forEach((e, i) => {
        for (const s of [0, 1] as const)
          p.tiers.forEach((t, k) => {
            const usd = n * entries.weights[i]! * (s === 0 ? ls : ss) * vm.tierWeight[k]!;
            if (!(usd > 0)) return;
            const liq = liquidationPrice(vm.formula, s === 0 ? 'long' : 'short', e, t.leverage, vm.mmr);
            if (!(liq > 0 && Number.isFinite(liq))) return;
            vm.cohorts.push({ side: s, tier: k, bucket: Math.floor(liq / P), usd });
            this.enteredUsd += usd;
          });
      });
    }
    vm.lastTs = bar.ts;
    vm.lastDur = bar.durationMs;
    vm.lastOi = oi;
    return out;
  }

  private scaleAll(vm: NaiveVm, sides: readonly number[], f: number): void {
    for (const c of vm.cohorts)
      if (sides.includes(c.side)) {
        this.closedUsd += c.usd * (1 - f);
        c.usd *= f;
      }
  }
}
