// kill -9 at random moments while a child process writes bars and checkpoints; after each kill
// the database must hold exactly a prefix of whole minutes (at most the minute in flight lost),
// its checkpoint must match the bars, and the resumed run must end in the uninterrupted state.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { VENUE_IDS } from '../../core/events.js';
import { barOrder } from '../columns.js';
import { makeBars, MIN, rmTmp, T0, tmpDir } from '../testing/fixtures.js';
import { emptyToy, stepToy, toyFromBytes } from '../testing/toy-model.js';
import { SqliteStore } from './store.js';

const CHILD = fileURLToPath(new URL('../testing/writer-child.ts', import.meta.url));
const VENUES = VENUE_IDS.slice(0, 11);
const UNTIL = T0 + 1200 * MIN;
const dir = tmpDir();
afterAll(() => rmTmp(dir));

interface Run {
  child: ChildProcess;
  committed: number[];
  lines: string[];
  exited: Promise<number | null>;
}

function start(): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(UNTIL), String(VENUES.length)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const run: Run = { child, committed: [], lines: [], exited: new Promise((r) => child.on('exit', (code) => r(code))) };
  let buf = '';
  child.stdout?.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop() ?? '';
    for (const l of parts) {
      run.lines.push(l);
      if (/^\d+$/.test(l)) run.committed.push(Number(l));
    }
  });
  return run;
}

function expectedState(throughTs: number) {
  const s = emptyToy();
  for (const b of makeBars(VENUES, T0, throughTs + MIN).sort(barOrder)) stepToy(s, b);
  return s;
}

async function verify(lastReported: number): Promise<number> {
  const s = SqliteStore.open(dir, { readonly: true });
  try {
    const bars = await s.readBars({ fromMs: T0, toMs: UNTIL });
    const last = bars.length ? (bars[bars.length - 1]?.ts as number) : T0 - MIN;
    // a contiguous prefix of whole minutes, bar for bar what was written
    const want = makeBars(VENUES, T0, last + MIN).sort(barOrder);
    expect(bars.length).toBe(want.length);
    const diff = bars.findIndex((b, i) => JSON.stringify(b) !== JSON.stringify(want[i]));
    expect(diff, `first differing bar: ${JSON.stringify(bars[diff])}`).toBe(-1);
    expect(last).toBeGreaterThanOrEqual(lastReported);
    const cp = await s.latestCheckpoint({ paramsHash: 'toy-v1', venues: VENUES });
    if (cp) {
      expect(cp.ts).toBeLessThanOrEqual(last);
      expect(toyFromBytes(cp.data)).toEqual(expectedState(cp.ts));
    }
    return last;
  } finally {
    await s.close();
  }
}

describe('crash safety', () => {
  it('kill -9 mid-ingest, repeatedly: nothing but the minute in flight is lost, and resuming equals never stopping', async () => {
    let seed = 12345;
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let k = 0; k < 3; k++) {
      const run = start();
      // let it commit a random number of minutes, then kill it wherever it is by then (a random
      // delay alone lets a fast, idle machine finish all 1200 minutes before the kill)
      const stopAfter = 1 + Math.floor(rand() * 300);
      while (run.committed.length < stopAfter) {
        if (run.child.exitCode !== null) throw new Error(`writer exited early: ${run.lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 1));
      }
      run.child.kill('SIGKILL');
      const code = await run.exited;
      expect(code).toBeNull(); // killed, not finished
      const reported = run.committed[run.committed.length - 1] as number;
      const last = await verify(reported);
      if (k > 0) expect(run.lines[0]).toMatch(/^resumed \d+ replayed \d+$/);
      expect(last).toBeLessThan(UNTIL - MIN);
    }
    const final = start();
    expect(await final.exited).toBe(0);
    const done = final.lines.find((l) => l.startsWith('done '));
    expect(JSON.parse((done as string).slice(5))).toEqual(expectedState(UNTIL - MIN));
    expect(await verify(UNTIL - MIN)).toBe(UNTIL - MIN);
  }, 60_000);
});
