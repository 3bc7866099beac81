// Runs a venue parser so that nothing it throws escapes: errors become counted drops with a reason.
import type { MarketEvent } from '../core/events.js';
import { FrameError } from '../core/fields.js';
import type { ParseOutcome, RestRequest, VenueParser } from '../core/venue.js';

function toDrop(e: unknown): ParseOutcome {
  if (e instanceof FrameError) return { kind: 'drop', reason: e.message };
  return { kind: 'drop', reason: `parser error: ${e instanceof Error ? e.message : String(e)}` };
}

/** `name value` of the first size or price no venue can mean (one that over- or underflowed in
 * unit conversion, e.g. an absurd price in an inverse contract), else null. */
function outOfRange(e: MarketEvent): string | null {
  const bad = (name: string, v: number | undefined, min: 'positive' | 'nonNegative' | 'finite'): string | null =>
    v === undefined || (Number.isFinite(v) && (min === 'finite' || v > 0 || (min === 'nonNegative' && v === 0))) ? null : `${name} ${v}`;
  switch (e.kind) {
    case 'trade':
      return bad('price', e.price, 'positive') ?? bad('qty', e.qty, 'positive');
    case 'liquidation':
      return bad('price', e.price, 'positive') ?? bad('qty', e.qty, 'positive') ?? bad('notionalUsd', e.notionalUsd, 'positive');
    case 'openInterest':
      return bad('oiBtc', e.oiBtc, 'nonNegative') ?? bad('oiUsd', e.oiUsd, 'nonNegative');
    case 'mark':
      return bad('markPrice', e.markPrice, 'positive') ?? bad('indexPrice', e.indexPrice, 'positive') ?? bad('fundingRate', e.fundingRate, 'finite');
    case 'status':
      return null;
  }
}

/** A frame whose events break the event contract's number ranges is a drop, like a malformed one. */
function checked(out: ParseOutcome): ParseOutcome {
  if (out.kind !== 'events') return out;
  for (const e of out.events) {
    const what = outOfRange(e);
    if (what !== null) return { kind: 'drop', reason: `${e.kind} out of range: ${what}` };
  }
  return out;
}

export function parseWsSafe(p: VenueParser, frame: string, recvTs: number): ParseOutcome {
  if (frame.length === 0) return { kind: 'drop', reason: 'empty frame' };
  try {
    return checked(p.ws(frame, recvTs));
  } catch (e) {
    return toDrop(e);
  }
}

export function parseRestSafe(p: VenueParser, req: RestRequest, body: string, recvTs: number): ParseOutcome {
  try {
    return checked(p.rest(req, body, recvTs));
  } catch (e) {
    return toDrop(e);
  }
}

/** Drop reasons grouped: the first words before a colon-separated detail, bounded in count. */
export class DropCounter {
  readonly byReason = new Map<string, number>();
  total = 0;

  add(reason: string): void {
    this.total++;
    const key = reason.length > 120 ? `${reason.slice(0, 120)}…` : reason;
    if (this.byReason.size < 200 || this.byReason.has(key)) this.byReason.set(key, (this.byReason.get(key) ?? 0) + 1);
    else this.byReason.set('(other reasons)', (this.byReason.get('(other reasons)') ?? 0) + 1);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries([...this.byReason.entries()].sort((a, b) => b[1] - a[1]));
  }
}
