// Works the webhook queue: due deliveries are posted (signed), retried with exponential backoff,
// dead-lettered after the last try. Each delivery carries its firing id as Idempotency-Key.
import type { Logger } from '../log.js';
import type { AlertStore } from './store.js';
import { IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, TargetLimiter, post, sign } from './webhook.js';

export interface DelivererOptions {
  readonly store: AlertStore;
  /** Secret lookup per rule (rules may be deleted meanwhile: then deliveries go unsigned-dead). */
  secretFor(ruleId: string): Promise<string | null>;
  readonly maxAttempts?: number;
  readonly baseDelayMs?: number;
  readonly timeoutMs?: number;
  readonly perTarget?: number;
  readonly allowPrivate?: boolean;
  readonly pollMs?: number;
  readonly now?: () => number;
  readonly log?: Logger;
}

export interface DelivererStats {
  delivered: number;
  retried: number;
  dead: number;
  /** Webhook latency from firing to a 2xx answer, ms (last 1000). */
  readonly latencies: number[];
}

export class Deliverer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly limiter: TargetLimiter;
  private readonly now: () => number;
  readonly stats: DelivererStats = { delivered: 0, retried: 0, dead: 0, latencies: [] };

  constructor(private readonly o: DelivererOptions) {
    this.limiter = new TargetLimiter(o.perTarget ?? 2);
    this.now = o.now ?? Date.now;
  }

  start(): void {
    this.timer = setInterval(() => void this.kick(), this.o.pollMs ?? 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Process what is due now (also called right after a firing is queued). */
  kick(): Promise<void> {
    if (!this.running) {
      this.running = this.drain().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async drain(): Promise<void> {
    const due = await this.o.store.due(this.now(), 100);
    await Promise.all(due.map((d) => this.limiter.run(new URL(d.url).host, () => this.attempt(d))));
  }

  private async attempt(d: Awaited<ReturnType<AlertStore['due']>>[number]): Promise<void> {
    const max = this.o.maxAttempts ?? 6;
    const secret = await this.o.secretFor(d.ruleId);
    const ts = this.now();
    const headers: Record<string, string> = { [TIMESTAMP_HEADER]: String(ts), [IDEMPOTENCY_HEADER]: d.id };
    if (secret) headers[SIGNATURE_HEADER] = sign(secret, ts, d.body);
    const res = await post(d.url, d.body, headers, { timeoutMs: this.o.timeoutMs ?? 5000, allowPrivate: this.o.allowPrivate ?? false });
    const attempts = d.attempts + 1;
    if (res.ok) {
      await this.o.store.delivered(d.id, attempts);
      this.stats.delivered++;
      const firedTs = (JSON.parse(d.body) as { firedAt?: number }).firedAt;
      if (typeof firedTs === 'number') {
        this.stats.latencies.push(this.now() - firedTs);
        if (this.stats.latencies.length > 1000) this.stats.latencies.shift();
      }
      return;
    }
    const error = res.error ?? 'failed';
    if (!res.retry || attempts >= max) {
      await this.o.store.deadLetter(d.id, attempts, error);
      this.stats.dead++;
      this.o.log?.warn({ delivery: d.id, url: d.url, attempts, error }, 'webhook dead-lettered');
      return;
    }
    const delay = (this.o.baseDelayMs ?? 1000) * 2 ** (attempts - 1);
    await this.o.store.retryLater(d.id, attempts, this.now() + delay, error);
    this.stats.retried++;
  }
}
