// View filters (venues, sides, leverage tiers) checked against what this server actually runs.
import type { VenueId } from '../core/events.js';
import type { LiqModel, Side, ViewFilter } from '../model/index.js';
import { badParam } from './errors.js';

export interface FilterQuery {
  readonly venues?: readonly VenueId[] | undefined;
  readonly sides?: readonly Side[] | undefined;
  readonly leverage?: readonly number[] | undefined;
}

export function viewFilter(model: LiqModel, running: readonly VenueId[], q: FilterQuery): ViewFilter {
  if (q.venues) {
    const off = q.venues.filter((v) => !running.includes(v));
    if (off.length) throw badParam('venues', `not collected by this server: ${off.join(', ')} (running: ${running.join(', ')})`);
  }
  if (q.leverage) {
    const tiers = model.params.tiers.map((t) => t.leverage);
    const unknown = q.leverage.filter((l) => !tiers.includes(l));
    if (unknown.length) throw badParam('leverage', `unknown tier ${unknown.join(', ')}; the model's tiers are ${tiers.join(', ')}`);
  }
  return {
    ...(q.venues ? { venues: q.venues } : {}),
    ...(q.sides ? { sides: q.sides } : {}),
    ...(q.leverage ? { leverage: q.leverage } : {}),
  };
}
