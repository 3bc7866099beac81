// The event bus between the pipeline and its readers (server, alerts). In-process by default;
// the scale-out issue swaps in NATS JetStream behind the same interface.
import type { Bar } from '../bars/bar.js';
import type { LiquidationEvent } from '../core/events.js';
import type { VenueHealth } from '../feed/collector.js';
import type { PredictedLiquidation } from '../model/index.js';

export interface BusTopics {
  /** Bars as they close (one message per bar-close batch). */
  bars: readonly Bar[];
  /** Real liquidations as they arrive. */
  liquidation: LiquidationEvent;
  /** The model swept cohorts on these bars. */
  predicted: readonly PredictedLiquidation[];
  /** The model advanced: a new heatmap column is ready at `ts` (bar open time). */
  column: {
    readonly ts: number;
    /** Wall time the model spent stepping this batch, ms (when the publisher measures it). */
    readonly stepMs?: number;
  };
  /** Venue health, about once a second. */
  venues: readonly VenueHealth[];
  /** Latest trade price per venue-market, about once a second (the live column). */
  tick: { readonly ts: number; readonly price: number };
  /** Alerts that fired (the alerts issue fills in the rule-specific fields). */
  alerts: AlertEvent;
}

export interface AlertEvent {
  readonly id: string;
  readonly ts: number;
  readonly kind: string;
  readonly message: string;
  readonly [field: string]: unknown;
}
export type Topic = keyof BusTopics;

export interface Bus {
  publish<T extends Topic>(topic: T, msg: BusTopics[T]): void;
  /** Returns an unsubscribe function. */
  subscribe<T extends Topic>(topic: T, fn: (msg: BusTopics[T]) => void): () => void;
}

export class LocalBus implements Bus {
  private readonly subs = new Map<Topic, Set<(msg: never) => void>>();

  publish<T extends Topic>(topic: T, msg: BusTopics[T]): void {
    const set = this.subs.get(topic);
    if (!set) return;
    for (const fn of set) {
      try {
        (fn as (m: BusTopics[T]) => void)(msg);
      } catch {
        // A failing subscriber must not stop the pipeline; subscribers log their own errors.
      }
    }
  }

  subscribe<T extends Topic>(topic: T, fn: (msg: BusTopics[T]) => void): () => void {
    let set = this.subs.get(topic);
    if (!set) {
      set = new Set();
      this.subs.set(topic, set);
    }
    set.add(fn as (msg: never) => void);
    return () => set.delete(fn as (msg: never) => void);
  }
}
