// The Bus over NATS JetStream, for processes that share one deployment. Stored topics (bars,
// liquidations, model outputs) go through the reliable publisher with message ids; venue health and
// ticks are core NATS. Subscribers get what is published after they subscribe (an ordered consumer
// from "new"); processes that must not miss anything use the consumers in consumers.ts instead.
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import type { Subscription } from '@nats-io/transport-node';
import type { Bus, BusTopics, Topic } from '../app/bus.js';
import type { Bar } from '../bars/bar.js';
import type { MarketEvent } from '../core/events.js';
import type { NatsLink } from './link.js';
import { barMsgId, contentId, eventMsgId } from './subjects.js';

const LIVE: ReadonlySet<Topic> = new Set(['venues', 'tick']);

export class NatsBus implements Bus {
  private readonly closers = new Set<() => void>();

  constructor(readonly link: NatsLink) {}

  publish<T extends Topic>(topic: T, msg: BusTopics[T]): void {
    const { subjects: s, publisher } = this.link;
    if (LIVE.has(topic)) return this.link.publishLive(topic, JSON.stringify(msg));
    if (topic === 'bars') {
      for (const b of msg as readonly Bar[]) publisher.send({ subject: s.bar(b), id: barMsgId(b), data: JSON.stringify(b) });
      return;
    }
    if (topic === 'liquidation') return this.publishEvent(msg as MarketEvent);
    const data = JSON.stringify(msg);
    publisher.send({ subject: s.out(topic), id: `${topic}:${contentId(data)}`, data });
  }

  /** A normalised event onto its venue-market subject. */
  publishEvent(e: MarketEvent): void {
    const data = JSON.stringify(e);
    this.link.publisher.send({ subject: this.link.subjects.event(e), id: eventMsgId(e, data), data });
  }

  subscribe<T extends Topic>(topic: T, fn: (msg: BusTopics[T]) => void): () => void {
    const s = this.link.subjects;
    const deliver = (data: string): void => {
      try {
        fn(JSON.parse(data) as BusTopics[T]);
      } catch {
        // A failing subscriber must not stop delivery; subscribers log their own errors.
      }
    };
    if (LIVE.has(topic)) {
      const sub: Subscription = this.link.nc.subscribe(s.live(topic), {
        callback: (err, m) => {
          if (!err) deliver(m.string());
        },
      });
      return this.track(() => sub.unsubscribe());
    }
    const filter = topic === 'bars' ? s.allBars : topic === 'liquidation' ? s.liquidations : s.out(topic);
    let msgs: ConsumerMessages | null = null;
    let closed = false;
    let batch: Bar[] = [];
    const flushBars = (): void => {
      const b = batch;
      batch = [];
      if (b.length) deliver(JSON.stringify(b));
    };
    void (async () => {
      const c = await this.link.js.consumers.get(s.stream, { filter_subjects: filter, deliver_policy: DeliverPolicy.New });
      if (closed) return;
      msgs = await c.consume();
      for await (const m of msgs) {
        if (topic !== 'bars') deliver(m.string());
        else {
          if (!batch.length) setImmediate(flushBars);
          batch.push(m.json<Bar>());
        }
      }
    })().catch(() => undefined);
    return this.track(() => {
      closed = true;
      void msgs?.close();
    });
  }

  private track(stop: () => void): () => void {
    const once = (): void => {
      if (!this.closers.delete(once)) return;
      stop();
    };
    this.closers.add(once);
    return once;
  }

  /** End every subscription made through this bus. */
  close(): void {
    for (const c of [...this.closers]) c();
  }
}
