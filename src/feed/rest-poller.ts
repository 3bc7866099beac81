// Polls one REST request on a period; on 429/418/5xx or network errors it backs off (honouring
// Retry-After when the client surfaces it) instead of hammering the venue.
import type { HttpClient, RestPoll } from '../core/venue.js';
import { Backoff } from './backoff.js';

export interface RestPollerOptions {
  readonly poll: RestPoll;
  readonly http: HttpClient;
  onBody(body: string, recvTs: number): void;
  onError(message: string): void;
  readonly now?: () => number;
}

export class RestPoller {
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private readonly backoff = new Backoff({ initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 });

  constructor(private readonly opts: RestPollerOptions) {}

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), ms);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    const { poll, http } = this.opts;
    const now = this.opts.now ?? Date.now;
    try {
      const res = await http.request(poll.request);
      if (this.stopped) return;
      if (res.status === 200) {
        this.backoff.reset();
        this.opts.onBody(res.body, now());
        this.schedule(poll.intervalMs);
        return;
      }
      this.opts.onError(`HTTP ${res.status} from ${poll.request.path}: ${res.body.slice(0, 200)}`);
    } catch (e) {
      if (this.stopped) return;
      this.opts.onError(`request ${poll.request.path} failed: ${(e as Error).message}`);
    }
    this.schedule(Math.max(poll.intervalMs, this.backoff.next()));
  }
}
