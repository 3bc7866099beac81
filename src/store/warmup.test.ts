import { afterEach, describe, expect, it } from 'vitest';
import type { Bar } from '../bars/bar.js';
import { barOrder } from './columns.js';
import { SqliteStore } from './sqlite/store.js';
import { makeBars, MIN, rmTmp, T0, tmpDir } from './testing/fixtures.js';
import { emptyToy, stepToy, toyFromBytes, toyToBytes, type ToyState } from './testing/toy-model.js';
import { retentionCutoff, runMaintenance } from './retention.js';
import { warmup } from './warmup.js';

const venues = ['okx-swap', 'binance-usdm', 'hyperliquid'] as const;
const dirs: string[] = [];
function fresh(): SqliteStore {
  const d = tmpDir();
  dirs.push(d);
  return SqliteStore.open(d);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmTmp(d);
});

function run(bars: readonly Bar[]): ToyState {
  const s = emptyToy();
  for (const b of [...bars].sort(barOrder)) stepToy(s, b);
  return s;
}

describe('warmup', () => {
  it('restores the latest checkpoint and replays the bars after it: same state as never stopping', async () => {
    const store = fresh();
    const bars = makeBars(venues, T0, T0 + 3000 * MIN);
    await store.putBars(bars.filter((b) => b.ts < T0 + 2000 * MIN), 'fill');
    await store.putBars(bars.filter((b) => b.ts >= T0 + 2000 * MIN));
    const cpTs = T0 + 1234 * MIN;
    await store.putCheckpoint({ ts: cpTs, venues: [...venues], paramsHash: 'p', data: toyToBytes(run(bars.filter((b) => b.ts <= cpTs))) });
    let state = emptyToy();
    let restored: number | null | undefined;
    const r = await warmup(store, {
      venues,
      paramsHash: 'p',
      windowMs: 6 * 3600_000,
      restore: (cp) => {
        restored = cp?.ts ?? null;
        state = cp ? toyFromBytes(cp.data) : emptyToy();
      },
      step: (b) => stepToy(state, b),
    });
    expect(restored).toBe(cpTs);
    expect(r).toEqual({ checkpointTs: cpTs, replayed: (3000 - 1235) * venues.length, lastTs: T0 + 2999 * MIN });
    expect(state).toEqual(run(bars));
    await store.close();
  });

  it('starts cold without a checkpoint for these parameters and stops at untilMs', async () => {
    const store = fresh();
    const bars = makeBars(venues, T0, T0 + 100 * MIN);
    await store.putBars(bars);
    await store.putCheckpoint({ ts: T0 + 50 * MIN, venues: [...venues], paramsHash: 'other', data: new Uint8Array([1]) });
    let state = emptyToy();
    const r = await warmup(store, {
      venues,
      paramsHash: 'p',
      untilMs: T0 + 60 * MIN,
      restore: (cp) => {
        expect(cp).toBeNull();
        state = emptyToy();
      },
      step: (b) => stepToy(state, b),
    });
    expect(r.checkpointTs).toBeNull();
    expect(r.replayed).toBe(60 * venues.length);
    expect(state).toEqual(run(bars.filter((b) => b.ts < T0 + 60 * MIN)));
    await store.close();
  });
});

describe('retention', () => {
  it('never goes below 90 days', () => {
    expect(() => retentionCutoff(Date.now(), 89)).toThrow(/>= 90/);
    expect(retentionCutoff(1000 * 86_400_000, 400)).toBe(600 * 86_400_000);
  });

  it('maintenance compacts and prunes to the retention window in steps', async () => {
    const store = fresh();
    const now = T0 + 200 * 86_400_000;
    await store.putBars(makeBars(['gate'], T0, now, 360 * MIN));
    const r = await runMaintenance(store, { nowMs: now, retentionDays: 90, stepSize: 8 });
    expect(r.compacted).toBeGreaterThan(100);
    expect(r.pruned).toBeGreaterThan(0);
    const left = await store.readBars({ fromMs: 0, toMs: now, durationMs: 360 * MIN });
    expect(left[0]?.ts).toBe(now - 90 * 86_400_000);
    expect(left).toEqual(makeBars(['gate'], now - 90 * 86_400_000, now, 360 * MIN));
    await store.close();
  });
});
