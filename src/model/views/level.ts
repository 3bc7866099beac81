// Which history level serves a query, and reading per-level series (prices, survival).
import type { LevelHistory } from '../history.js';
import type { LiqModel } from '../model.js';
import type { VmState } from '../venue-market.js';

/** True when the level can rebuild the book at time t (its kept history reaches back to t, or to the start). */
export function covers(l: LevelHistory, t: number): boolean {
  const k = l.keyframes[0];
  if (!k) return false;
  return k.q * l.level.quantumMs <= t || (k.eventIdx === 0 && k.cells === 0);
}

/**
 * The coarsest level whose quantum fits in a column (dtMs) and whose bucket is at most two rows (rowUsd; a bucket
 * taller than a row is spread over the rows it covers) that covers `from` for every venue-market; else the finest
 * covering level; else the level reaching back furthest.
 */
export function chooseLevel(model: LiqModel, vms: readonly VmState[], from: number, dtMs: number, rowUsd: number): number {
  const levels = model.params.history;
  const covering: number[] = [];
  for (let i = 0; i < levels.length; i++) if (vms.every((vm) => covers(vm.levels[i]!, from))) covering.push(i);
  if (covering.length === 0) {
    let best = 0;
    let bestT = Infinity;
    for (let i = 0; i < levels.length; i++) {
      const t = Math.max(...vms.map((vm) => vm.levels[i]!.firstQ() * levels[i]!.quantumMs));
      if (t < bestT) {
        bestT = t;
        best = i;
      }
    }
    return best;
  }
  let pick = -1;
  for (const i of covering) {
    const l = levels[i]!;
    if (l.quantumMs <= dtMs && l.bucketMult * model.params.bucketUsd <= 2 * rowUsd && (pick < 0 || l.quantumMs >= levels[pick]!.quantumMs)) pick = i;
  }
  if (pick >= 0) return pick;
  return covering.reduce((a, i) => (levels[i]!.quantumMs < levels[a]!.quantumMs ? i : a), covering[0]!);
}

/** Last close at or before quantum q (NaN when none). */
export function closeAt(l: LevelHistory, q: number): number {
  if (l.q !== null && q >= l.q && !Number.isNaN(l.pC)) return l.pC;
  const c = l.candle[3];
  for (let i = Math.min(q - l.q0, c.length - 1); i >= 0; i--) {
    const v = c.data[i]!;
    if (!Number.isNaN(v)) return v;
  }
  return NaN;
}
