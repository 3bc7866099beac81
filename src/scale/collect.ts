// `liqmap collect`: a set of venues → normalised events and closed bars on JetStream. The bar
// builder is seeded from the last bar of each venue-market in the stream, so a restarted collector
// carries close, OI and funding on; a bar published again (restart, a second collector on the same
// venue) has the same message id and is stored once.
import type { Bar } from '../bars/bar.js';
import { BarBuilder } from '../bars/builder.js';
import type { Config } from '../config/schema.js';
import type { MarketEvent, VenueId } from '../core/events.js';
import type { VenueHealth } from '../feed/collector.js';
import { startFeed } from '../feed/runtime.js';
import type { NatsLink } from '../bus/link.js';
import { NatsBus } from '../bus/nats.js';
import type { Logger } from '../log.js';

/** Where events come from: the venues (default) or, in tests and benches, a script. */
export interface EventSource {
  start(onEvent: (e: MarketEvent) => void): Promise<{ health(): VenueHealth[]; markets(): { venue: VenueId; market: string }[]; stop(): void }>;
}

export interface CollectOptions {
  readonly cfg: Config;
  readonly venues: readonly VenueId[];
  readonly link: NatsLink;
  readonly source?: EventSource;
  readonly now?: () => number;
  readonly log?: Logger;
}

export interface RunningCollect {
  readonly bus: NatsBus;
  readonly stats: { events: number; bars: number };
  /** Close quiet bars (the timer calls this once a second). */
  tick(nowMs: number): void;
  /** Close the bars in progress and wait until everything published is acknowledged. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

export function venueSource(cfg: Config, venues: readonly VenueId[], log?: Logger): EventSource {
  return {
    async start(onEvent) {
      const feed = await startFeed(cfg, venues, { onEvent }, log);
      return {
        health: () => feed.collectors.map((c) => c.health()),
        markets: () => feed.collectors.flatMap((c) => c.marketSpecs.map((m) => ({ venue: c.venue, market: m.symbol }))),
        stop: () => feed.stop(),
      };
    },
  };
}

/** Last bar of a venue-market in the stream, or null. */
async function lastBar(link: NatsLink, venue: VenueId, market: string): Promise<Bar | null> {
  try {
    const m = await link.jsm.streams.getMessage(link.subjects.stream, { last_by_subj: link.subjects.bar({ venue, market }) });
    return m ? m.json<Bar>() : null;
  } catch {
    return null;
  }
}

export async function startCollect(o: CollectOptions): Promise<RunningCollect> {
  const now = o.now ?? Date.now;
  const bus = new NatsBus(o.link);
  const builder = new BarBuilder({ barMs: o.cfg.barMs, graceMs: o.cfg.lateGraceMs });
  const stats = { events: 0, bars: 0 };
  const prices = new Map<string, { venue: VenueId; market: string; ts: number; price: number }>();
  const emit = (bars: readonly Bar[]): void => {
    if (!bars.length) return;
    stats.bars += bars.length;
    bus.publish('bars', bars);
  };
  const source = o.source ?? venueSource(o.cfg, o.venues, o.log);
  const running = await source.start((e) => {
    stats.events++;
    bus.publishEvent(e);
    if (e.kind === 'trade') prices.set(`${e.venue}|${e.market}`, { venue: e.venue, market: e.market, ts: e.ts, price: e.price });
    emit(builder.push(e));
  });
  for (const { venue, market } of running.markets()) {
    const b = await lastBar(o.link, venue, market);
    if (b && b.durationMs === o.cfg.barMs) builder.seed(b);
  }
  const tick = (nowMs: number): void => {
    emit(builder.advance(nowMs));
    bus.publish('venues', running.health());
    for (const p of prices.values()) o.link.publishLive('price', JSON.stringify(p));
  };
  const timer = setInterval(() => tick(now()), 1000);
  timer.unref();
  return {
    bus,
    stats,
    tick,
    async flush() {
      emit(builder.flush());
      await o.link.publisher.flush();
    },
    async stop() {
      clearInterval(timer);
      running.stop();
      emit(builder.flush());
      await o.link.publisher.flush();
    },
  };
}
