// Time windows from query parameters: `range` (ending at the data edge) or `from`/`to`, bounded in length.
import { badParam } from './errors.js';
import { RANGES, type RangeName } from './params.js';

export interface WindowQuery {
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly range?: RangeName | undefined;
}

export interface Window {
  readonly from: number;
  readonly to: number;
  /** True when the window ends at or before `edge` and was given explicitly (its data no longer changes). */
  readonly closed: boolean;
}

/**
 * Resolve the window. `edge` is where data ends (end of the newest closed bar, or now); a `range` ends there.
 * `maxMs` bounds the length (named after the parameter the caller used).
 */
export function resolveWindow(q: WindowQuery, edge: number, defaultRange: RangeName, maxMs: number): Window {
  if (q.range !== undefined && (q.from !== undefined || q.to !== undefined))
    throw badParam('range', 'give either range or from/to, not both');
  let from: number;
  let to: number;
  let explicitTo = false;
  if (q.from !== undefined || q.to !== undefined) {
    to = q.to ?? edge;
    explicitTo = q.to !== undefined;
    from = q.from ?? to - RANGES[defaultRange];
    if (!(from < to)) throw badParam('from', `must be before to (from ${from}, to ${to})`);
    if (to - from > maxMs) throw badParam('from', `window longer than ${describeMs(maxMs)}`);
  } else {
    const len = RANGES[q.range ?? defaultRange];
    if (len > maxMs) throw badParam('range', `at most ${describeMs(maxMs)} here`);
    to = edge;
    from = to - len;
  }
  if (from < 0) throw badParam('from', 'must not be before 1970');
  return { from, to, closed: explicitTo && to <= edge };
}

export function describeMs(ms: number): string {
  const d = ms / 86_400_000;
  return d >= 1 ? `${+d.toFixed(2)} days` : `${+(ms / 3_600_000).toFixed(2)} hours`;
}
