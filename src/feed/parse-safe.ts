// Runs a venue parser so that nothing it throws escapes: errors become counted drops with a reason.
import { FrameError } from '../core/fields.js';
import type { ParseOutcome, RestRequest, VenueParser } from '../core/venue.js';

function toDrop(e: unknown): ParseOutcome {
  if (e instanceof FrameError) return { kind: 'drop', reason: e.message };
  return { kind: 'drop', reason: `parser error: ${e instanceof Error ? e.message : String(e)}` };
}

export function parseWsSafe(p: VenueParser, frame: string, recvTs: number): ParseOutcome {
  if (frame.length === 0) return { kind: 'drop', reason: 'empty frame' };
  try {
    return p.ws(frame, recvTs);
  } catch (e) {
    return toDrop(e);
  }
}

export function parseRestSafe(p: VenueParser, req: RestRequest, body: string, recvTs: number): ParseOutcome {
  try {
    return p.rest(req, body, recvTs);
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
