// One NATS connection with JetStream: connect (reconnecting forever), make sure the stream exists
// with the configured retention, and a reliable publisher for the stored subjects.
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamClient, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import type { Logger } from '../log.js';
import { JetStreamPublisher } from './publisher.js';
import { subjects, type Subjects } from './subjects.js';

const NS_PER_MS = 1_000_000;

export interface Retention {
  /** Messages older than this are removed: the replay horizon (default 7 days). */
  readonly maxAgeMs?: number;
  /** Cap on the stream's size, bytes (default: none). */
  readonly maxBytes?: number;
  /** Message ids are remembered this long for de-duplication (default 10 minutes). */
  readonly duplicateWindowMs?: number;
}

export interface LinkOptions {
  readonly url: string;
  /** Subject prefix and stream name (default `liqmap`); tests use a unique one. */
  readonly prefix?: string;
  /** Connection name shown by the server (e.g. `liqmap-collect`). */
  readonly name?: string;
  readonly retention?: Retention;
  /** Publisher spool directory (null = memory only) and memory bound. */
  readonly spoolDir?: string | null;
  readonly maxMemory?: number;
  readonly log?: Logger;
}

export class NatsLink {
  private constructor(
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly subjects: Subjects,
    readonly publisher: JetStreamPublisher,
  ) {}

  static async connect(o: LinkOptions): Promise<NatsLink> {
    const nc = await connect({
      servers: o.url,
      name: o.name ?? 'liqmap',
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      pingInterval: 10_000,
    });
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect') o.log?.warn({ url: o.url, status: s.type }, `NATS ${s.type}`);
      }
    })();
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const subj = subjects(o.prefix);
    await ensureStream(jsm, subj, o.retention ?? {});
    const publisher = new JetStreamPublisher(js, { dir: o.spoolDir ?? null, maxMemory: o.maxMemory ?? 50_000, ...(o.log ? { log: o.log } : {}) });
    return new NatsLink(nc, js, jsm, subj, publisher);
  }

  /** Publish on a core (not stored) subject; dropped while disconnected beyond the client's buffer. */
  publishLive(topic: string, data: string): void {
    if (!this.nc.isClosed()) this.nc.publish(this.subjects.live(topic), data);
  }

  async close(): Promise<void> {
    this.publisher.stop();
    if (!this.nc.isClosed()) await this.nc.drain().catch(() => this.nc.close());
  }
}

/** Create the stream, or bring an existing one's limits to the configured ones. */
export async function ensureStream(jsm: JetStreamManager, s: Subjects, r: Retention): Promise<void> {
  const cfg: Partial<StreamConfig> & { name: string } = {
    name: s.stream,
    subjects: [...s.stored],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: (r.maxAgeMs ?? 7 * 86_400_000) * NS_PER_MS,
    max_bytes: r.maxBytes ?? -1,
    duplicate_window: (r.duplicateWindowMs ?? 10 * 60_000) * NS_PER_MS,
  };
  try {
    await jsm.streams.info(s.stream);
    await jsm.streams.update(s.stream, cfg);
  } catch (e) {
    if (!/stream not found/i.test((e as Error).message)) throw e;
    await jsm.streams.add(cfg);
  }
}
