import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiquidationEvent } from '../../core/events.js';
import { barOrder } from '../columns.js';
import { barSet } from '../testing/arbitraries.js';
import { makeBar, makeBars, MIN, rmTmp, T0, tmpDir } from '../testing/fixtures.js';
import { SqliteStore } from './store.js';

const DAY = 86_400_000;
const dirs: string[] = [];
function fresh(): SqliteStore {
  const d = tmpDir();
  dirs.push(d);
  return SqliteStore.open(d);
}
afterEach(() => {
  while (dirs.length) rmTmp(dirs.pop() as string);
});


describe('SqliteStore bars', () => {
  it('round trip: every bar written is read back equal (rows, chunks and after compaction)', async () => {
    await fc.assert(
      fc.asyncProperty(barSet(T0), fc.constantFrom('replace', 'fill') as fc.Arbitrary<'replace' | 'fill'>, async (bars, mode) => {
        const s = fresh();
        try {
          await s.putBars(bars, mode);
          const q = { fromMs: T0, toMs: T0 + 4 * DAY };
          const want = [...bars].sort(barOrder);
          expect(await s.readBars(q)).toEqual(want);
          await s.compact(T0 + 10 * DAY, 1000);
          expect(await s.readBars(q)).toEqual(want);
        } finally {
          await s.close();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('reads any window of day chunks overlaid by rows (rows win, also inside chunks), columns of exact length', async () => {
    const venues = ['binance-usdm', 'okx-swap'] as const;
    const minute = fc.integer({ min: -1500, max: 3 * 1440 + 100 });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(minute, { maxLength: 120 }),
        fc.uniqueArray(minute, { maxLength: 40 }),
        minute,
        fc.integer({ min: 1, max: 5000 }),
        async (chunkMins, rowMins, fromMin, span) => {
          const s = fresh();
          try {
            // every other row minute is in a chunk too: rows must replace those chunk bars
            const histMins = [...new Set([...chunkMins, ...rowMins.filter((_m, i) => i % 2 === 0)])];
            const hist = histMins.flatMap((m) => venues.map((v) => makeBar(v, T0 + m * MIN)));
            const live = rowMins.flatMap((m) => venues.map((v) => ({ ...makeBar(v, T0 + m * MIN), close: 1 + m })));
            await s.putBars(hist, 'fill');
            await s.putBars(live);
            const q = { fromMs: T0 + fromMin * MIN + 1, toMs: T0 + (fromMin + span) * MIN };
            const byKey = new Map<string, ReturnType<typeof makeBar>>();
            for (const b of [...hist, ...live]) byKey.set(`${b.venue} ${b.ts}`, b);
            const want = [...byKey.values()].filter((b) => b.ts >= q.fromMs && b.ts < q.toMs).sort(barOrder);
            expect(await s.readBars(q)).toEqual(want);
            for (const c of await s.readColumns(q)) for (const col of Object.values(c.cols)) expect(col.buffer.byteLength).toBe(c.length * 8);
          } finally {
            await s.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('replace: the newer bar wins over rows and chunks', async () => {
    const s = fresh();
    const a = makeBar('okx-swap', T0 + 5 * MIN);
    await s.putBars([a]);
    await s.compact(T0 + 2 * DAY);
    const b = { ...a, close: a.close + 1, oiBtc: null };
    await s.putBars([b]);
    expect(await s.readBars({ fromMs: T0, toMs: T0 + DAY })).toEqual([b]);
    await s.compact(T0 + 2 * DAY);
    expect(await s.readBars({ fromMs: T0, toMs: T0 + DAY })).toEqual([b]);
    await s.close();
  });

  it('fill: history never overwrites stored values, only fills nulls and empty liquidation totals', async () => {
    const s = fresh();
    const live = { ...makeBar('bitget', T0), oiBtc: null, oiUsd: null, liqLongBtc: 0, liqLongUsd: 0, liqLongCount: 0 };
    await s.putBars([live]);
    const hist = { ...live, close: live.close + 5, oiBtc: 123, oiUsd: 456, liqLongBtc: 1, liqLongUsd: 60_000, liqLongCount: 2 };
    const older = makeBar('bitget', T0 - MIN);
    await s.putBars([hist, older], 'fill');
    const got = await s.readBars({ fromMs: T0 - DAY, toMs: T0 + DAY, venues: ['bitget'] });
    expect(got).toEqual([older, { ...live, oiBtc: 123, oiUsd: 456, liqLongBtc: 1, liqLongUsd: 60_000, liqLongCount: 2 }]);
    await s.close();
  });

  it('reads a window across day chunks and rows, filtered by venue, market and bar length', async () => {
    const s = fresh();
    const venues = ['binance-usdm', 'bybit-linear'] as const;
    const bars = makeBars(venues, T0 - 2 * 60 * MIN, T0 + 2 * 60 * MIN);
    await s.putBars(bars.filter((b) => b.ts < T0), 'fill'); // straight into chunks
    await s.putBars(bars.filter((b) => b.ts >= T0)); // rows
    await s.putBars([makeBar('binance-usdm', T0, 5 * MIN)]);
    const q = { fromMs: T0 - 30 * MIN, toMs: T0 + 30 * MIN, venues: ['bybit-linear' as const] };
    const want = bars.filter((b) => b.venue === 'bybit-linear' && b.ts >= q.fromMs && b.ts < q.toMs);
    expect(await s.readBars(q)).toEqual(want);
    const cols = await s.readColumns(q);
    expect(cols.map((c) => [c.venue, c.market, c.length])).toEqual([['bybit-linear', 'BTCUSDT', 60]]);
    expect(Array.from(cols[0]!.cols.ts)).toEqual(want.map((b) => b.ts));
    expect(await s.readBars({ ...q, markets: ['ETHUSDT'] })).toEqual([]);
    expect(await s.readBars({ fromMs: T0, toMs: T0 + MIN, durationMs: 5 * MIN })).toEqual([makeBar('binance-usdm', T0, 5 * MIN)]);
    expect(await s.lastBarTs('bybit-linear')).toBe(T0 + 119 * MIN);
    expect(await s.lastBarTs('bybit-linear', 'ETHUSDT')).toBeNull();
    await s.close();
  });

  it('a batch with an invalid bar writes nothing', async () => {
    const s = fresh();
    const good = makeBar('gate', T0);
    const bad = { ...makeBar('gate', T0 + MIN), close: Number.NaN };
    await expect(s.putBars([good, bad])).rejects.toThrow(/close = NaN is not a finite number/);
    expect(await s.readBars({ fromMs: 0, toMs: T0 + DAY })).toEqual([]);
    await s.close();
  });

  it('compaction folds rows into chunks in small steps without changing what is read', async () => {
    const s = fresh();
    const bars = makeBars(['deribit', 'bitmex'], T0, T0 + 3 * DAY, 5 * MIN);
    await s.putBars(bars);
    const before = await s.readBars({ fromMs: T0, toMs: T0 + 3 * DAY, durationMs: 5 * MIN });
    const first = await s.compact(T0 + 3 * DAY, 2);
    expect(first).toEqual({ done: 2, more: true });
    let steps = 1;
    while ((await s.compact(T0 + 3 * DAY, 2)).more) steps++;
    expect(steps).toBeGreaterThan(1);
    expect(await s.readBars({ fromMs: T0, toMs: T0 + 3 * DAY, durationMs: 5 * MIN })).toEqual(before);
    expect(before).toEqual([...bars].sort(barOrder));
    await s.close();
  });
});

describe('SqliteStore liquidations, checkpoints, meta, retention', () => {
  const liq = (ts: number, side: 'long' | 'short', price = 60_000): LiquidationEvent => ({
    kind: 'liquidation',
    venue: 'bybit-linear',
    market: 'BTCUSDT',
    ts,
    recvTs: ts + 15,
    price,
    qty: 0.5,
    notionalUsd: price * 0.5,
    side,
  });

  it('stores liquidations once and reads them back in time order', async () => {
    const s = fresh();
    const evs = [liq(T0 + 2, 'short'), liq(T0 + 1, 'long'), liq(T0 + 1, 'long', 60_001)];
    await s.putLiquidations(evs);
    await s.putLiquidations([evs[0]!]);
    expect(await s.readLiquidations({ fromMs: T0, toMs: T0 + 10 })).toEqual([evs[1], evs[2], evs[0]]);
    expect(await s.readLiquidations({ fromMs: T0, toMs: T0 + 10, venues: ['okx-swap'] })).toEqual([]);
    await s.close();
  });

  it('finds the latest checkpoint at or before a time for the same parameters and venues', async () => {
    const s = fresh();
    const venues = ['okx-swap', 'binance-usdm'] as const;
    for (const k of [1, 2, 3]) await s.putCheckpoint({ ts: T0 + k * MIN, venues: [...venues], paramsHash: 'p1', data: new Uint8Array([k, 0, 255]) });
    await s.putCheckpoint({ ts: T0 + 9 * MIN, venues: ['okx-swap'], paramsHash: 'p1', data: new Uint8Array([9]) });
    const cp = await s.latestCheckpoint({ paramsHash: 'p1', venues: ['binance-usdm', 'okx-swap'] });
    expect(cp).toEqual({ ts: T0 + 3 * MIN, venues: ['binance-usdm', 'okx-swap'], paramsHash: 'p1', data: new Uint8Array([3, 0, 255]) });
    expect((await s.latestCheckpoint({ paramsHash: 'p1', venues: [...venues], atOrBefore: T0 + 2 * MIN + 59_999 }))?.data).toEqual(new Uint8Array([2, 0, 255]));
    expect(await s.latestCheckpoint({ paramsHash: 'p2', venues: [...venues] })).toBeNull();
    expect(await s.latestCheckpoint({ paramsHash: 'p1', venues: [...venues], atOrBefore: T0 })).toBeNull();
    await s.close();
  });

  it('keeps notes', async () => {
    const s = fresh();
    expect(await s.getMeta('k')).toBeNull();
    await s.setMeta('k', 'v1');
    await s.setMeta('k', 'v2');
    expect(await s.getMeta('k')).toBe('v2');
    await s.close();
  });

  it('prunes everything older than the cutoff in small steps, keeping the newest checkpoint', async () => {
    const s = fresh();
    await s.putBars(makeBars(['kucoin'], T0, T0 + 6 * DAY, 60 * MIN), 'fill');
    await s.putBars(makeBars(['kucoin'], T0 + 6 * DAY, T0 + 7 * DAY, 60 * MIN));
    await s.putLiquidations([liq(T0 + 5, 'long'), liq(T0 + 5 * DAY, 'short')]);
    await s.putCheckpoint({ ts: T0, venues: ['kucoin'], paramsHash: 'p', data: new Uint8Array([1]) });
    await s.putCheckpoint({ ts: T0 + MIN, venues: ['kucoin'], paramsHash: 'old-params', data: new Uint8Array([2]) });
    await s.putCheckpoint({ ts: T0 + 6 * DAY, venues: ['kucoin'], paramsHash: 'p', data: new Uint8Array([3]) });
    const cutoff = T0 + 4 * DAY;
    let steps = 0;
    while ((await s.prune(cutoff, 1)).more) steps++;
    expect(steps).toBeGreaterThan(1);
    const left = await s.readBars({ fromMs: 0, toMs: T0 + 8 * DAY, durationMs: 60 * MIN });
    expect(left[0]?.ts).toBe(cutoff);
    expect(left).toHaveLength(3 * 24);
    expect(await s.readLiquidations({ fromMs: 0, toMs: T0 + 8 * DAY })).toHaveLength(1);
    expect((await s.latestCheckpoint({ paramsHash: 'p', venues: ['kucoin'] }))?.ts).toBe(T0 + 6 * DAY);
    expect(await s.latestCheckpoint({ paramsHash: 'p', venues: ['kucoin'], atOrBefore: T0 })).toBeNull();
    // the only checkpoint of other parameters stays, however old
    expect((await s.latestCheckpoint({ paramsHash: 'old-params', venues: ['kucoin'] }))?.ts).toBe(T0 + MIN);
    const st = await s.stats();
    expect(st.venueDays).toBe(3);
    expect(st.bars).toBe(72);
    expect(st.checkpoints).toBe(2);
    await s.close();
  });
});
