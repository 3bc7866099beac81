// The model behind the scoring port: steps the cohort model over the bars, sums its swept
// cohorts per bar, and reads the live book at freeze instants for the event metrics.
import type { Bar } from '../bars/bar.js';
import type { VenueRules } from '../core/margin.js';
import { rulesFor } from '../exchanges/rules.js';
import { LiqModel } from '../model/model.js';
import type { ModelParams, RulesLookup } from '../model/types.js';
import type { HeatColumn } from './heat-column.js';
import type { ColumnRequest, ModelPort, ModelRun } from './model-port.js';
import type { PredictedLiquidation } from './events-metrics.js';

/** Model parameters plus the scoring-side knobs the model takes by injection. */
export interface ModelSetup {
  readonly params: ModelParams;
  /** Maintenance-margin rate overriding the venue's first bracket; null = the venue's table. */
  readonly mmr: number | null;
  /** Hide open interest from the model (no OI-driven inflow or closes): the ablation. */
  readonly withoutOi?: boolean;
}

/** Scoring never reads the model's history views: keep one coarse level so stepping stays cheap. */
const LEAN_HISTORY: ModelParams['history'] = [{ quantumMs: 86_400_000, bucketMult: 100, retentionMs: 86_400_000, keyframeEvery: 1000 }];

export function rulesWithMmr(mmr: number | null): RulesLookup {
  if (mmr === null) return rulesFor;
  return (venue, market) => {
    const r: VenueRules = rulesFor(venue, market);
    return { ...r, tiers: r.tiers.map((t) => ({ ...t, mmr })) };
  };
}

/** The same setup with the inflow rule set to `constant` and OI hidden: price path alone. */
export function constantInflowAblation(s: ModelSetup): ModelSetup {
  return { ...s, withoutOi: true, params: { ...s.params, inflow: { oi: 0, volume: 0, constant: 1 } } };
}

function input(bars: readonly Bar[], s: ModelSetup): readonly Bar[] {
  return s.withoutOi ? bars.map((b) => ({ ...b, oiBtc: null, oiUsd: null })) : bars;
}

function newModel(s: ModelSetup, lean: boolean): LiqModel {
  return new LiqModel(lean ? { ...s.params, history: LEAN_HISTORY } : s.params, rulesWithMmr(s.mmr));
}

function column(model: LiqModel, req: ColumnRequest, refPrice: number): HeatColumn {
  const rows = Math.max(1, Math.round((req.priceHi - req.priceLo) / req.rowUsd));
  const long = new Array<number>(rows).fill(0);
  const short = new Array<number>(rows).fill(0);
  const P = model.params.bucketUsd;
  for (const vm of model.vms) {
    for (let s = 0; s < 2; s++) {
      const scale = vm.scale[s] as number;
      const target = s === 0 ? long : short;
      vm.books[s]?.forEach((bucket, _tier, w) => {
        const r = Math.floor(((bucket + 0.5) * P - req.priceLo) / req.rowUsd);
        if (r >= 0 && r < rows) target[r] = (target[r] as number) + w * scale;
      });
    }
  }
  return { t: req.t, priceFrom: req.priceLo, rowUsd: req.rowUsd, long, short, refPrice };
}

export const cohortModelPort: ModelPort<ModelSetup> = {
  run(bars: readonly Bar[], setup: ModelSetup): ModelRun {
    const model = newModel(setup, true);
    bars = input(bars, setup);
    const long = new Float64Array(bars.length);
    const short = new Float64Array(bars.length);
    const predicted: PredictedLiquidation[] = [];
    bars.forEach((bar, i) => {
      for (const p of model.step(bar)) {
        if (p.side === 'long') long[i] = (long[i] as number) + p.notionalUsd;
        else short[i] = (short[i] as number) + p.notionalUsd;
        predicted.push({ ts: p.ts, price: p.price, side: p.side, notionalUsd: p.notionalUsd });
      }
    });
    return { long, short, predicted };
  },
  columns(bars: readonly Bar[], setup: ModelSetup, requests: readonly ColumnRequest[]): HeatColumn[] {
    const model = newModel(setup, true);
    bars = input(bars, setup);
    const out: HeatColumn[] = [];
    let i = 0;
    let refPrice = Number.NaN;
    for (const req of requests) {
      // Only bars that closed by t reach the model before the column is read.
      while (i < bars.length && (bars[i] as Bar).ts + (bars[i] as Bar).durationMs <= req.t) {
        model.step(bars[i] as Bar);
        refPrice = (bars[i] as Bar).close;
        i++;
      }
      out.push(column(model, req, refPrice));
    }
    return out;
  },
};
