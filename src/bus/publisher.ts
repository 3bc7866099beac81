// Reliable, ordered publishing to JetStream. Messages queue in a Spool (memory, then disk past the
// bound); a pump sends a window of them, in order, over the one connection and waits for the acks.
// On a failure (NATS down, timeout) it waits and re-sends from the first unacknowledged message:
// later ones that did land are dropped by JetStream as duplicates (same Nats-Msg-Id), so the stream
// keeps the original order and holds each message once.
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Logger } from '../log.js';
import { Spool, type Outgoing, type SpoolOptions } from './spool.js';

export interface PublisherOptions extends SpoolOptions {
  /** Messages in flight at once (default 256). */
  readonly window?: number;
  /** Ack timeout per message, ms (default 5000). */
  readonly timeoutMs?: number;
  readonly log?: Logger;
}

export interface PublisherStats {
  /** Messages the stream acknowledged. */
  published: number;
  /** Of those, how many the stream recognised as duplicates (by message id) and did not store again. */
  duplicates: number;
  /** Failed send rounds (each followed by a retry). */
  failures: number;
  /** Waiting to be sent, and of those on disk. */
  pending: number;
  onDisk: number;
  spilled: number;
  dropped: number;
}

export class JetStreamPublisher {
  private readonly spool: Spool;
  private readonly counts = { published: 0, duplicates: 0, failures: 0 };
  private pumping = false;
  private stopped = false;
  private idle: (() => void)[] = [];
  private wake: (() => void) | null = null;

  constructor(
    private readonly js: JetStreamClient,
    private readonly o: PublisherOptions,
  ) {
    this.spool = new Spool(o);
    if (this.spool.size) {
      o.log?.info({ pending: this.spool.size }, 'publisher: re-sending messages spooled before the last stop');
      this.kick();
    }
  }

  send(m: Outgoing): void {
    if (this.stopped) throw new Error('publisher stopped');
    this.spool.push(m);
    this.kick();
  }

  stats(): PublisherStats {
    return { ...this.counts, pending: this.spool.size, onDisk: this.spool.onDisk, spilled: this.spool.spilled, dropped: this.spool.dropped };
  }

  /** Resolves once every message sent so far is acknowledged by the stream. */
  flush(): Promise<void> {
    if (!this.spool.size) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Stop sending; what is not yet acknowledged stays in the spool (on disk if it spilled). */
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = true;
    void this.pump().finally(() => {
      this.pumping = false;
      if (!this.stopped && this.spool.size) this.kick();
    });
  }

  private async pump(): Promise<void> {
    let backoff = 250;
    while (!this.stopped && this.spool.size) {
      const batch = this.spool.peek(this.o.window ?? 256);
      const res = await Promise.allSettled(batch.map((m) => this.js.publish(m.subject, m.data, { msgID: m.id, timeout: this.o.timeoutMs ?? 5000 })));
      let ok = 0;
      for (const r of res) {
        if (r.status !== 'fulfilled') break;
        ok++;
        if (r.value.duplicate) this.counts.duplicates++;
      }
      this.counts.published += ok;
      this.spool.drop(ok);
      if (ok < batch.length) {
        this.counts.failures++;
        const err = (res[ok] as PromiseRejectedResult).reason as Error;
        this.o.log?.warn({ err: err.message, pending: this.spool.size, onDisk: this.spool.onDisk }, 'publish failed; retrying');
        await new Promise<void>((r) => {
          const t = setTimeout(r, backoff);
          this.wake = () => {
            clearTimeout(t);
            r();
          };
        });
        this.wake = null;
        backoff = Math.min(5000, backoff * 2);
      } else backoff = 250;
    }
    if (!this.spool.size) for (const r of this.idle.splice(0)) r();
  }
}
