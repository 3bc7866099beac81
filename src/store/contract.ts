// The Store contract as one test suite, run against every backend (SQLite and PostgreSQL): what a
// caller may rely on whichever store is configured. `describeStoreContract` registers the tests.
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { LiquidationEvent, VenueId } from '../core/events.js';
import { barOrder } from './columns.js';
import { barSet } from './testing/arbitraries.js';
import { makeBar, makeBars, MIN, T0 } from './testing/fixtures.js';
import { emptyToy, stepToy, toyFromBytes, toyToBytes } from './testing/toy-model.js';
import type { Store } from './store.js';
import { warmup } from './warmup.js';

const DAY = 86_400_000;

export interface StoreHarness {
  /** A new, empty store. */
  fresh(): Promise<Store>;
  /** A second handle on the same data as `s`, as another process would open it. */
  sibling(s: Store): Promise<Store>;
  /** Runs once after the suite (e.g. drop test schemas). */
  cleanup?(): Promise<void>;
}

const liq = (ts: number, side: 'long' | 'short', price = 60_000, venue: VenueId = 'bybit-linear'): LiquidationEvent => ({
  kind: 'liquidation',
  venue,
  market: 'BTCUSDT',
  ts,
  recvTs: ts + 15,
  price,
  qty: 0.5,
  notionalUsd: price * 0.5,
  side,
});

/** Register the contract tests for one backend; `skip` (a reason) registers one skipped test saying why. */
export function describeStoreContract(name: string, harness: StoreHarness, skip: string | null = null): void {
  describe(`Store contract: ${name}`, () => {
    if (skip) {
      it.skip(`skipped: ${skip}`, () => undefined);
      return;
    }
    const open: Store[] = [];
    const fresh = async (): Promise<Store> => {
      const s = await harness.fresh();
      open.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close().catch(() => undefined);
    });
    afterAll(async () => harness.cleanup?.());

    it('round trip: every bar written is read back equal, bit for bit, before and after compaction', async () => {
      await fc.assert(
        fc.asyncProperty(barSet(T0), fc.constantFrom('replace', 'fill') as fc.Arbitrary<'replace' | 'fill'>, async (bars, mode) => {
          const s = await harness.fresh();
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
        { numRuns: 12 },
      );
    });

    it('replace: the newer bar wins; fill: only nulls and empty liquidation totals are filled', async () => {
      const s = await fresh();
      const a = makeBar('okx-swap', T0 + 5 * MIN);
      await s.putBars([a]);
      await s.compact(T0 + 2 * DAY);
      const b = { ...a, close: a.close + 1, oiBtc: null };
      await s.putBars([b]);
      expect(await s.readBars({ fromMs: T0, toMs: T0 + DAY })).toEqual([b]);

      const live = { ...makeBar('bitget', T0), oiBtc: null, oiUsd: null, liqLongBtc: 0, liqLongUsd: 0, liqLongCount: 0, liqShortBtc: 0, liqShortUsd: 0, liqShortCount: 0 };
      await s.putBars([live]);
      const hist = { ...live, close: live.close + 5, oiBtc: 123, oiUsd: 456, liqLongBtc: 1, liqLongUsd: 60_000, liqLongCount: 2 };
      const older = makeBar('bitget', T0 - MIN);
      await s.putBars([hist, older], 'fill');
      expect(await s.readBars({ fromMs: T0 - DAY, toMs: T0 + DAY, venues: ['bitget'] })).toEqual([older, { ...live, oiBtc: 123, oiUsd: 456, liqLongBtc: 1, liqLongUsd: 60_000, liqLongCount: 2 }]);
      await s.putBars([{ ...hist, liqShortBtc: 9, liqShortUsd: 9, liqShortCount: 9 }], 'fill');
      expect((await s.readBars({ fromMs: T0, toMs: T0 + 1, venues: ['bitget'] }))[0]?.liqShortCount).toBe(0);
    });

    it('of several bars with one key in a batch, the last wins', async () => {
      const s = await fresh();
      const a = makeBar('gate', T0);
      await s.putBars([a, { ...a, close: 1 }, { ...a, close: 2 }]);
      expect((await s.readBars({ fromMs: T0, toMs: T0 + MIN }))[0]?.close).toBe(2);
    });

    it('reads a window filtered by venue, market and bar length; columns agree with bars', async () => {
      const s = await fresh();
      const venues = ['binance-usdm', 'bybit-linear'] as const;
      const bars = makeBars(venues, T0 - 120 * MIN, T0 + 120 * MIN);
      await s.putBars(bars.filter((b) => b.ts < T0), 'fill');
      await s.putBars(bars.filter((b) => b.ts >= T0));
      await s.putBars([makeBar('binance-usdm', T0, 5 * MIN), makeBar('bybit-linear', T0, MIN, 'ETHUSDT')]);
      const q = { fromMs: T0 - 30 * MIN, toMs: T0 + 30 * MIN, venues: ['bybit-linear' as const] };
      const want = bars.filter((b) => b.venue === 'bybit-linear' && b.ts >= q.fromMs && b.ts < q.toMs);
      expect(await s.readBars({ ...q, markets: ['BTCUSDT'] })).toEqual(want);
      const cols = await s.readColumns(q);
      expect(cols.map((c) => [c.venue, c.market, c.length])).toEqual([
        ['bybit-linear', 'BTCUSDT', 60],
        ['bybit-linear', 'ETHUSDT', 1],
      ]);
      expect(Array.from(cols[0]!.cols.ts)).toEqual(want.map((b) => b.ts));
      expect(await s.readBars({ ...q, markets: ['XRPUSDT'] })).toEqual([]);
      expect(await s.readBars({ fromMs: T0, toMs: T0 + MIN, durationMs: 5 * MIN })).toEqual([makeBar('binance-usdm', T0, 5 * MIN)]);
      expect(await s.readBars({ fromMs: T0, toMs: T0 })).toEqual([]);
      expect(await s.lastBarTs('bybit-linear')).toBe(T0 + 119 * MIN);
      expect(await s.lastBarTs('bybit-linear', 'ETHUSDT')).toBe(T0);
      expect(await s.lastBarTs('bybit-linear', 'XRPUSDT')).toBeNull();
      expect(await s.lastBarTs('deribit')).toBeNull();
    });

    it('a batch with an invalid bar or liquidation writes nothing', async () => {
      const s = await fresh();
      const good = makeBar('gate', T0);
      await expect(s.putBars([good, { ...makeBar('gate', T0 + MIN), close: Number.NaN }])).rejects.toThrow(/close = NaN is not a finite number/);
      expect(await s.readBars({ fromMs: 0, toMs: T0 + DAY })).toEqual([]);
      await expect(s.putLiquidations([liq(T0, 'long'), { ...liq(T0 + 1, 'long'), qty: -1 }])).rejects.toThrow(/invalid fields/);
      expect(await s.readLiquidations({ fromMs: 0, toMs: T0 + DAY })).toEqual([]);
    });

    it('stores liquidations once and reads them back in time order, filtered by venue', async () => {
      const s = await fresh();
      const evs = [liq(T0 + 2, 'short'), liq(T0 + 1, 'long'), liq(T0 + 1, 'long', 60_001), liq(T0 + 1, 'short', 59_000, 'okx-swap')];
      await s.putLiquidations(evs);
      await s.putLiquidations([evs[0]!]);
      expect(await s.readLiquidations({ fromMs: T0, toMs: T0 + 10 })).toEqual([evs[1], evs[2], evs[0], evs[3]].sort((a, b) => a!.ts - b!.ts || (a!.venue < b!.venue ? -1 : a!.venue > b!.venue ? 1 : 0)));
      expect(await s.readLiquidations({ fromMs: T0, toMs: T0 + 10, venues: ['okx-swap'] })).toEqual([evs[3]]);
      expect(await s.readLiquidations({ fromMs: T0 + 2, toMs: T0 + 3 })).toEqual([evs[0]]);
    });

    it('finds the latest checkpoint at or before a time for the same parameters and venues', async () => {
      const s = await fresh();
      const venues = ['okx-swap', 'binance-usdm'] as const;
      for (const k of [1, 2, 3]) await s.putCheckpoint({ ts: T0 + k * MIN, venues: [...venues], paramsHash: 'p1', data: new Uint8Array([k, 0, 255]) });
      await s.putCheckpoint({ ts: T0 + 9 * MIN, venues: ['okx-swap'], paramsHash: 'p1', data: new Uint8Array([9]) });
      expect(await s.latestCheckpoint({ paramsHash: 'p1', venues: ['binance-usdm', 'okx-swap'] })).toEqual({
        ts: T0 + 3 * MIN,
        venues: ['binance-usdm', 'okx-swap'],
        paramsHash: 'p1',
        data: new Uint8Array([3, 0, 255]),
      });
      expect((await s.latestCheckpoint({ paramsHash: 'p1', venues: [...venues], atOrBefore: T0 + 2 * MIN + 59_999 }))?.data).toEqual(new Uint8Array([2, 0, 255]));
      expect(await s.latestCheckpoint({ paramsHash: 'p2', venues: [...venues] })).toBeNull();
      expect(await s.latestCheckpoint({ paramsHash: 'p1', venues: [...venues], atOrBefore: T0 })).toBeNull();
      // a later write at the same ts wins
      await s.putCheckpoint({ ts: T0 + 3 * MIN, venues: [...venues], paramsHash: 'p1', data: new Uint8Array([33]) });
      expect((await s.latestCheckpoint({ paramsHash: 'p1', venues: [...venues] }))?.data).toEqual(new Uint8Array([33]));
    });

    it('keeps notes', async () => {
      const s = await fresh();
      expect(await s.getMeta('k')).toBeNull();
      await s.setMeta('k', 'v1');
      await s.setMeta('k', 'v2');
      expect(await s.getMeta('k')).toBe('v2');
    });

    it('a second handle (another process) sees every write, including new series', async () => {
      const s = await fresh();
      const t = await harness.sibling(s);
      open.push(t);
      await t.readBars({ fromMs: T0, toMs: T0 + DAY });
      const bars = makeBars(['hyperliquid', 'deribit'], T0, T0 + 10 * MIN);
      await s.putBars(bars);
      await s.putCheckpoint({ ts: T0, venues: ['deribit'], paramsHash: 'p', data: new Uint8Array([7]) });
      await s.setMeta('progress', '42');
      expect(await t.readBars({ fromMs: T0, toMs: T0 + DAY })).toEqual([...bars].sort(barOrder));
      expect((await t.latestCheckpoint({ paramsHash: 'p', venues: ['deribit'] }))?.data).toEqual(new Uint8Array([7]));
      expect(await t.getMeta('progress')).toBe('42');
    });

    it('warm-up from a checkpoint plus stored bars equals never stopping', async () => {
      const s = await fresh();
      const venues = ['okx-swap', 'binance-usdm', 'hyperliquid'] as const;
      const bars = makeBars(venues, T0, T0 + 600 * MIN);
      await s.putBars(bars);
      const cpTs = T0 + 234 * MIN;
      const upTo = emptyToy();
      for (const b of [...bars].sort(barOrder)) if (b.ts <= cpTs) stepToy(upTo, b);
      await s.putCheckpoint({ ts: cpTs, venues: [...venues], paramsHash: 'p', data: toyToBytes(upTo) });
      let state = emptyToy();
      const r = await warmup(s, { venues, paramsHash: 'p', windowMs: 97 * MIN, restore: (cp) => void (state = cp ? toyFromBytes(cp.data) : emptyToy()), step: (b) => stepToy(state, b) });
      const whole = emptyToy();
      for (const b of [...bars].sort(barOrder)) stepToy(whole, b);
      expect(state).toEqual(whole);
      expect(r).toEqual({ checkpointTs: cpTs, replayed: bars.filter((b) => b.ts > cpTs).length, lastTs: T0 + 599 * MIN });
    });

    it('prunes everything older than the cutoff in small steps, keeping the newest checkpoint', async () => {
      const s = await fresh();
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
      expect((await s.latestCheckpoint({ paramsHash: 'old-params', venues: ['kucoin'] }))?.ts).toBe(T0 + MIN);
      const st = await s.stats();
      expect(st).toMatchObject({ venueDays: 3, bars: 72, checkpoints: 2, liquidations: 1, firstTs: cutoff, lastTs: T0 + 7 * DAY - 60 * MIN });
      expect(st.bytes).toBeGreaterThan(0);
      expect(st.bytesPerVenueDay).toBe(Math.round(st.bytes / 3));
    });

    it('an empty store reports empty statistics', async () => {
      const s = await fresh();
      expect(await s.stats()).toMatchObject({ bars: 0, venueDays: 0, bytesPerVenueDay: 0, liquidations: 0, checkpoints: 0, firstTs: null, lastTs: null });
    });
  });
}
