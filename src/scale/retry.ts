// Retry a store write until it lands: the scale-out writers never drop data while PostgreSQL is away.
import type { Logger } from '../log.js';

export async function retryForever<T>(what: string, fn: () => Promise<T>, o: { log?: Logger; stopped?: () => boolean; onWait?: () => void } = {}): Promise<T> {
  let delay = 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (o.stopped?.()) throw e;
      o.log?.warn({ err: (e as Error).message, attempt }, `${what} failed; retrying`);
      o.onWait?.();
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(5000, delay * 2);
    }
  }
}
