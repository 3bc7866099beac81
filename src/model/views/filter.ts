// Filters shared by the views: which venue-markets and which side·tier codes count.
import type { LiqModel } from '../model.js';
import { TIER_SLOTS } from '../history.js';
import type { ViewFilter } from '../types.js';
import type { VmState } from '../venue-market.js';

export function selectedVms(model: LiqModel, f: ViewFilter): VmState[] {
  return model.vms.filter((vm) => vm.lastTs !== null && (!f.venues || f.venues.length === 0 || f.venues.includes(vm.venue)));
}

/** allowed[side·TIER_SLOTS + tier] = 1 when the filter keeps that side and tier. */
export function sideTierMask(model: LiqModel, f: ViewFilter): Uint8Array {
  const mask = new Uint8Array(2 * TIER_SLOTS);
  model.params.tiers.forEach((t, k) => {
    if (f.leverage && f.leverage.length > 0 && !f.leverage.includes(t.leverage)) return;
    if (!f.sides || f.sides.length === 0 || f.sides.includes('long')) mask[k] = 1;
    if (!f.sides || f.sides.length === 0 || f.sides.includes('short')) mask[TIER_SLOTS + k] = 1;
  });
  return mask;
}

/** Leverage label used in breakdowns, e.g. "25x". */
export function tierLabel(leverage: number): string {
  return `${leverage}x`;
}
