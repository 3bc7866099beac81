// Parameter validation and merging with the defaults.
import { DEFAULT_PARAMS } from './defaults.js';
import { TIER_SLOTS } from './history.js';
import type { ModelParams } from './types.js';

/** Deep-enough merge of a partial override over DEFAULT_PARAMS (arrays replace, `inflow` merges). */
export function resolveParams(over: Partial<Omit<ModelParams, 'inflow'>> & { inflow?: Partial<ModelParams['inflow']> } = {}): ModelParams {
  const p: ModelParams = { ...DEFAULT_PARAMS, ...over, inflow: { ...DEFAULT_PARAMS.inflow, ...over.inflow } };
  validateParams(p);
  return p;
}

/** Throws RangeError naming the first bad parameter. */
export function validateParams(p: ModelParams): void {
  const bad = (name: string, why: string): never => {
    throw new RangeError(`model parameter ${name}: ${why}`);
  };
  const pos = (name: string, v: number): void => {
    if (!(Number.isFinite(v) && v > 0)) bad(name, `must be a positive number, got ${v}`);
  };
  const nonNeg = (name: string, v: number): void => {
    if (!(Number.isFinite(v) && v >= 0)) bad(name, `must be ≥ 0, got ${v}`);
  };
  pos('bucketUsd', p.bucketUsd);
  if (p.tiers.length === 0 || p.tiers.length > TIER_SLOTS) bad('tiers', `need 1..${TIER_SLOTS} tiers`);
  const seen = new Set<number>();
  for (const t of p.tiers) {
    if (!(Number.isFinite(t.leverage) && t.leverage > 1)) bad('tiers', `leverage must be > 1, got ${t.leverage}`);
    if (seen.has(t.leverage)) bad('tiers', `duplicate leverage ${t.leverage}`);
    seen.add(t.leverage);
    nonNeg('tiers.weight', t.weight);
  }
  nonNeg('inflow.oi', p.inflow.oi);
  nonNeg('inflow.volume', p.inflow.volume);
  nonNeg('inflow.constant', p.inflow.constant);
  nonNeg('volumeShare', p.volumeShare);
  nonNeg('constantUsdPerHour', p.constantUsdPerHour);
  if (p.constantOiShare !== null) nonNeg('constantOiShare', p.constantOiShare);
  if (!Number.isInteger(p.rangeSlices) || p.rangeSlices < 2) bad('rangeSlices', 'must be an integer ≥ 2');
  if (p.halfLifeMs !== null) pos('halfLifeMs', p.halfLifeMs);
  pos('positionUsd', p.positionUsd);
  nonNeg('warmupMs', p.warmupMs);
  if (p.history.length === 0) bad('history', 'need at least one level');
  for (const l of p.history) {
    if (!Number.isInteger(l.quantumMs) || l.quantumMs <= 0) bad('history.quantumMs', 'must be a positive integer');
    if (!Number.isInteger(l.bucketMult) || l.bucketMult < 1) bad('history.bucketMult', 'must be an integer ≥ 1');
    if (!Number.isInteger(l.keyframeEvery) || l.keyframeEvery < 1) bad('history.keyframeEvery', 'must be an integer ≥ 1');
    if (l.retentionMs !== null) pos('history.retentionMs', l.retentionMs);
  }
}

/** How much bar history before t the model needs for its state at t to be trusted, ms. */
export function requiredWarmupMs(p: ModelParams): number {
  return p.warmupMs;
}
