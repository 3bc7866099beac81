// A scale-out `serve` replica process (benches and tests): prints `url <url>` on stderr when listening.
import { ConfigSchema } from '../../src/config/schema.js';
import { log } from '../../src/log.js';
import { serveReplica } from '../../src/scale/serve-replica.js';
import type { VenueId } from '../../src/core/events.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} unset`);
  return v;
};
const cfg = ConfigSchema.parse({ port: 0, bus: env('CHILD_BUS'), db: env('CHILD_DB'), venues: env('CHILD_VENUES').split(',') as VenueId[], rateLimitPerMin: 10_000_000 });
const served = await serveReplica(cfg, log, { prefix: env('CHILD_PREFIX'), coldStartMs: 0 });
process.stderr.write(`url ${served.url}\n`);
process.once('SIGTERM', () => void served.stop().then(() => process.exit(0)));
