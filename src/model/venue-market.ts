// Per venue-market state: margin constants, both sides' books and survival, OI baseline, history levels.
import type { VenueId } from '../core/events.js';
import { liquidationPrice, tierFor, type LiqFormula } from '../core/margin.js';
import { SideBook } from './book.js';
import { sourceFor } from './gather.js';
import { LevelHistory } from './history.js';
import type { ModelParams, RulesLookup } from './types.js';

export interface VmState {
  readonly venue: VenueId;
  readonly market: string;
  readonly formula: LiqFormula;
  /** Maintenance-margin rate of the venue tier for params.positionUsd. */
  readonly mmr: number;
  /** Tier weights renormalised over tiers allowed by the venue's max leverage (0 for the others). */
  readonly tierWeight: Float64Array;
  /** Liquidation price per unit of entry price, per tier: [long, short] (every formula is linear in the entry). */
  readonly liqCoef: [Float64Array, Float64Array];
  /** [long, short]. */
  readonly books: [SideBook, SideBook];
  /** notional = weight × scale, per side. */
  scale: [number, number];
  /** Cumulative log-survival (closes and decay) per side; never rebased. */
  logS: [number, number];
  lastTs: number | null;
  lastDurationMs: number;
  /** One-sided OI at the last bar's close, BTC (null when unknown or after a gap). */
  lastOiBtc: number | null;
  lastClose: number;
  /** Bars accepted since the book was (re)started, counted up to a few (a young reference price is not trusted). */
  accepted: number;
  /** Outliers in a row that agree with each other, and the close of the last one (NaN: none). */
  outlierRun: number;
  outlierClose: number;
  readonly levels: LevelHistory[];
}

/** Margin constants of a venue-market under the params. Throws when the rules lookup fails. */
export function marginFor(
  params: ModelParams,
  rules: RulesLookup,
  venue: VenueId,
  market: string,
): { formula: LiqFormula; mmr: number; tierWeight: Float64Array; liqCoef: [Float64Array, Float64Array] } {
  const r = rules(venue, market);
  const mt = tierFor(r, params.positionUsd);
  const maxLev = Math.min(r.maxLeverage, mt.maxLeverage);
  const tierWeight = new Float64Array(params.tiers.length);
  let sum = 0;
  params.tiers.forEach((t, i) => {
    if (t.leverage <= maxLev) {
      tierWeight[i] = t.weight;
      sum += t.weight;
    }
  });
  for (let i = 0; i < tierWeight.length; i++) tierWeight[i] = sum > 0 ? tierWeight[i]! / sum : 0;
  const coef = (side: 'long' | 'short'): Float64Array => Float64Array.from(params.tiers, (t) => liquidationPrice(r.formula, side, 1, t.leverage, mt.mmr));
  return { formula: r.formula, mmr: mt.mmr, tierWeight, liqCoef: [coef('long'), coef('short')] };
}

export function newVm(params: ModelParams, rules: RulesLookup, venue: VenueId, market: string): VmState {
  const m = marginFor(params, rules, venue, market);
  const n = params.tiers.length;
  const levels = params.history.map((l) => new LevelHistory(l, n, m, params.bucketUsd));
  levels.forEach((l, i) => (l.source = sourceFor(levels, i)));
  return {
    venue,
    market,
    ...m,
    books: [new SideBook(n), new SideBook(n)],
    scale: [1, 1],
    logS: [0, 0],
    lastTs: null,
    lastDurationMs: 0,
    lastOiBtc: null,
    lastClose: NaN,
    accepted: 0,
    outlierRun: 0,
    outlierClose: NaN,
    levels,
  };
}
