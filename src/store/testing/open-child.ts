// Child process for tests that must run as another user: open the store in argv[2], write one
// bar, print {"ok":true} or {"problem","message"} as JSON.
import { StoreError } from '../errors.js';
import { SqliteStore } from '../sqlite/store.js';
import { makeBar, T0 } from './fixtures.js';

const dir = process.argv[2] as string;
try {
  const s = SqliteStore.open(dir);
  await s.putBars([makeBar('okx-swap', T0)]);
  await s.close();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (e) {
  process.stdout.write(JSON.stringify({ problem: e instanceof StoreError ? e.problem : 'other', message: (e as Error).message }));
}
