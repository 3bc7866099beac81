// A reader in this process while a child process writes (WAL): every read sees a consistent
// snapshot — whole minutes for every venue, never half a batch or half a compaction.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../core/events.js';
import { makeBar, MIN, rmTmp, T0, tmpDir } from '../testing/fixtures.js';
import { SqliteStore } from './store.js';

const CHILD = fileURLToPath(new URL('../testing/writer-child.ts', import.meta.url));
const VENUES = VENUE_IDS.slice(0, 11);
const UNTIL = T0 + 800 * MIN;
const dir = tmpDir();
afterAll(() => rmTmp(dir));

describe('WAL: concurrent reader and writer', () => {
  it('reads whole-minute snapshots while another process writes and compacts', async () => {
    SqliteStore.open(dir).close(); // create the schema first so the reader can open
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(UNTIL), String(VENUES.length)], { stdio: ['ignore', 'ignore', 'inherit'] });
    const exited = new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    let running = true;
    void exited.then(() => (running = false));
    const reader = SqliteStore.open(dir, { readonly: true });
    const seen = new Set<number>();
    let reads = 0;
    while (running || reads === 0) {
      const cols = await reader.readColumns({ fromMs: T0, toMs: UNTIL });
      const len = cols[0]?.length ?? 0;
      if (cols.length) expect(cols.map((c) => c.venue).sort()).toEqual([...VENUES].sort());
      for (const c of cols) {
        expect(c.length).toBe(len);
        if (len) {
          expect(c.cols.ts[0]).toBe(T0);
          expect(c.cols.ts[len - 1]).toBe(T0 + (len - 1) * MIN);
          expect(c.cols.close[len - 1]).toBe(makeBar(c.venue, T0 + (len - 1) * MIN).close);
        }
      }
      seen.add(len);
      reads++;
      await new Promise((r) => setTimeout(r, 5));
    }
    await reader.close();
    expect(await exited).toBe(0);
    // the reader saw the data grow while it was being written
    expect(seen.size).toBeGreaterThan(2);
    const after = SqliteStore.open(dir, { readonly: true });
    expect((await after.readColumns({ fromMs: T0, toMs: UNTIL }))[0]?.length).toBe(800);
    await after.close();
  }, 60_000);
});
