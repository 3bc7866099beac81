// Child process for the crash and WAL tests: resume the toy model from the store (checkpoint +
// replay), then write one batch of bars per minute for every venue, a checkpoint every
// `CP_EVERY` minutes and a compaction step now and then. Prints each committed minute's ts.
// argv: dataDir untilMs venueCount
import { VENUE_IDS } from '../../core/events.js';
import { barOrder } from '../columns.js';
import { SqliteStore } from '../sqlite/store.js';
import { warmup } from '../warmup.js';
import { makeBars, MIN, T0 } from './fixtures.js';
import { emptyToy, stepToy, toyFromBytes, toyToBytes, type ToyState } from './toy-model.js';

export const CP_EVERY = 7;
export const PARAMS = 'toy-v1';

const [dir, untilArg, countArg] = process.argv.slice(2);
const until = Number(untilArg);
const venues = VENUE_IDS.slice(0, Number(countArg));
const store = SqliteStore.open(dir as string);

let state: ToyState = emptyToy();
const w = await warmup(store, {
  venues,
  paramsHash: PARAMS,
  coldStartMs: T0,
  restore: (cp) => {
    state = cp ? toyFromBytes(cp.data) : emptyToy();
  },
  step: (b) => stepToy(state, b),
});
process.stdout.write(`resumed ${w.checkpointTs ?? 'cold'} replayed ${w.replayed}\n`);

for (let t = (w.lastTs ?? T0 - MIN) + MIN; t < until; t += MIN) {
  const bars = makeBars(venues, t, t + MIN).sort(barOrder);
  await store.putBars(bars);
  for (const b of bars) stepToy(state, b);
  if ((t / MIN) % CP_EVERY === 0) await store.putCheckpoint({ ts: t, venues, paramsHash: PARAMS, data: toyToBytes(state) });
  if ((t / MIN) % 90 === 0) await store.compact(t + 60 * MIN, 4);
  process.stdout.write(`${t}\n`);
}
await store.close();
process.stdout.write(`done ${JSON.stringify(state)}\n`);
