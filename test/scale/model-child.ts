// A `liqmap model` process for the kill -9 test. On SIGTERM it stops cleanly and prints its model's
// checkpoint (base64) and stats as JSON to the file CHILD_OUT.
import fs from 'node:fs';
import { NatsLink } from '../../src/bus/link.js';
import { checkpoint, DEFAULT_PARAMS } from '../../src/model/index.js';
import { ModelWorker } from '../../src/scale/model-worker.js';
import { PostgresStore } from '../../src/store/postgres/store.js';
import type { VenueId } from '../../src/core/events.js';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} unset`);
  return v;
};
const store = PostgresStore.open(env('CHILD_DB'));
const link = await NatsLink.connect({ url: env('CHILD_BUS'), prefix: env('CHILD_PREFIX') });
const worker = new ModelWorker({
  link,
  store,
  params: DEFAULT_PARAMS,
  venues: env('CHILD_VENUES').split(',') as VenueId[],
  barMs: 60_000,
  ackWaitMs: 1500,
  checkpointEveryMs: 20 * 60_000,
  flushEveryMs: 30,
  coldStartMs: 0,
  columnsMaxLagMs: Infinity,
});
await worker.start();
process.stderr.write('ready\n');
process.once('SIGTERM', () => {
  void (async () => {
    await worker.stop();
    fs.writeFileSync(env('CHILD_OUT'), JSON.stringify({ stats: worker.stats, model: Buffer.from(checkpoint(worker.model)).toString('base64') }));
    await link.close();
    await store.close();
    process.exit(0);
  })();
});
