// JetStream subjects and message ids. One stream per deployment (prefix), subjects per venue-market:
//   <p>.ev.<kind>.<venue>.<market>   normalised events (collectors)
//   <p>.bar.<venue>.<market>         closed bars (collectors; the model's durable consumer reads them)
//   <p>.out.<topic>                  model outputs: heatmap column updates, predicted liquidations, alerts
//   <p>.live.<topic>                 core NATS only (not stored): venue health, live price ticks
import type { Bar } from '../bars/bar.js';
import type { MarketEvent } from '../core/events.js';

export interface Subjects {
  readonly prefix: string;
  /** JetStream stream name. */
  readonly stream: string;
  event(e: MarketEvent): string;
  bar(b: Pick<Bar, 'venue' | 'market'>): string;
  readonly allEvents: string;
  readonly liquidations: string;
  readonly allBars: string;
  out(topic: string): string;
  live(topic: string): string;
  /** Subjects the stream captures. */
  readonly stored: readonly string[];
}

/** A subject token: NATS forbids `.`, `*`, `>` and whitespace inside one. */
export function token(s: string): string {
  return s.replace(/[.*>\s]/g, '_') || '_';
}

const PREFIX_RE = /^[A-Za-z0-9_-]+$/;

export function subjects(prefix = 'liqmap'): Subjects {
  if (!PREFIX_RE.test(prefix)) throw new Error(`bus prefix "${prefix}": letters, digits, _ and - only`);
  return {
    prefix,
    stream: prefix.toUpperCase().replace(/-/g, '_'),
    event: (e) => `${prefix}.ev.${e.kind}.${e.venue}.${token(e.market)}`,
    bar: (b) => `${prefix}.bar.${b.venue}.${token(b.market)}`,
    allEvents: `${prefix}.ev.>`,
    liquidations: `${prefix}.ev.liquidation.>`,
    allBars: `${prefix}.bar.>`,
    out: (t) => `${prefix}.out.${t}`,
    live: (t) => `${prefix}.live.${t}`,
    stored: [`${prefix}.ev.>`, `${prefix}.bar.>`, `${prefix}.out.>`],
  };
}

/** A bar's id: the same bar from any collector, before or after a restart, is one message. */
export function barMsgId(b: Bar): string {
  return `bar:${b.venue}:${b.market}:${b.durationMs}:${b.ts}`;
}

/** An event's id: its content (venue clock and receive clock included), so a re-send is recognised. */
export function eventMsgId(e: MarketEvent, json: string): string {
  return `ev:${e.venue}:${contentId(json)}`;
}

/** A short hash of a message body (64 bits of FNV-style mixing, plus the length). */
export function contentId(json: string): string {
  return `${fnv(json)}:${json.length}`;
}

function fnv(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}
