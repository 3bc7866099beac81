// Replays a capture through the same parsers (and optionally the same bar builder) as live.
import type { MarketEvent, VenueId } from '../core/events.js';
import type { VenueAdapter, VenueParser } from '../core/venue.js';
import { loadAdapter } from '../exchanges/registry.js';
import { readCapture } from './capture.js';
import { DropCounter, parseRestSafe, parseWsSafe } from './parse-safe.js';

export interface ReplayStats {
  lines: number;
  events: number;
  controls: number;
  readonly drops: DropCounter;
}

/** One parser per venue, created on first use: like the live collector, every socket and REST
 * poll of a venue shares it (Binance's REST open interest needs the price its stream carried). */
export class ParserSet {
  private readonly adapters = new Map<VenueId, VenueAdapter>();
  private readonly parsers = new Map<VenueId, VenueParser>();

  async get(venue: VenueId): Promise<VenueParser> {
    let p = this.parsers.get(venue);
    if (!p) {
      let a = this.adapters.get(venue);
      if (!a) {
        a = await loadAdapter(venue);
        this.adapters.set(venue, a);
      }
      p = a.createParser(a.fallbackMarkets);
      this.parsers.set(venue, p);
    }
    return p;
  }
}

export async function* replayEvents(file: string, stats: ReplayStats): AsyncGenerator<MarketEvent> {
  const parsers = new ParserSet();
  for await (const r of readCapture(file)) {
    stats.lines++;
    if (!r.ok) {
      stats.drops.add(`capture line ${r.lineNo}: ${r.reason}`);
      continue;
    }
    const { line } = r;
    const p = await parsers.get(line.venue);
    const out =
      line.source === 'rest'
        ? parseRestSafe(p, { method: line.body !== undefined ? 'POST' : 'GET', path: line.path ?? '', ...(line.body !== undefined ? { body: line.body } : {}) }, line.raw, line.recvTs)
        : parseWsSafe(p, line.raw, line.recvTs);
    if (out.kind === 'drop') stats.drops.add(`${line.venue}: ${out.reason}`);
    else if (out.kind === 'control') stats.controls++;
    else {
      for (const e of out.events) {
        stats.events++;
        yield e;
      }
    }
  }
}

export function newReplayStats(): ReplayStats {
  return { lines: 0, events: 0, controls: 0, drops: new DropCounter() };
}
