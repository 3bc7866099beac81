import { afterEach, describe, expect, it } from 'vitest';
import type { HttpClient, HistoryKline, HistoryOi, MarketSpec, VenueHistory } from '../core/venue.js';
import { SqliteStore } from '../store/sqlite/store.js';
import { noise, rmTmp, tmpDir } from '../store/testing/fixtures.js';
import { backfill, DAY_MS, windowsOf, type BackfillVenue } from './backfill.js';
import type { Progress } from './progress.js';
import { describeOiLimit, formatTable } from './summary.js';

const MIN = 60_000;
const NOW = Date.UTC(2026, 5, 10, 12, 30);
const http: HttpClient = { request: () => Promise.reject(new Error('the fake history does not use HTTP')) };
const spec = (symbol: string): MarketSpec => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 125 });

/** A venue whose history is generated; records every call; can be made to fail after `failAfter` kline calls. */
class FakeHistory implements VenueHistory {
  readonly calls: string[] = [];
  failAfter = Infinity;
  constructor(
    readonly oiHistoryMaxAgeMs: number,
    readonly maxRequestsPerSec = 1000,
  ) {}
  async klines(_h: HttpClient, m: MarketSpec, from: number, to: number): Promise<HistoryKline[]> {
    if (this.calls.filter((c) => c.startsWith('k')).length >= this.failAfter) throw new Error('HTTP 503 (gave up after 5 attempts)');
    this.calls.push(`k ${m.symbol} ${from} ${to}`);
    const out: HistoryKline[] = [];
    for (let t = Math.ceil(from / MIN) * MIN; t < to; t += MIN) {
      const p = 60_000 + noise(t) * 100;
      out.push({ ts: t, open: p, high: p + 5, low: p - 5, close: p + 1, volume: 10, buyVolume: 4 });
    }
    return out.reverse(); // some venues answer newest first
  }
  async openInterest(_h: HttpClient, m: MarketSpec, from: number, to: number): Promise<HistoryOi[]> {
    this.calls.push(`o ${m.symbol} ${from} ${to}`);
    expect(from).toBeGreaterThanOrEqual(NOW - this.oiHistoryMaxAgeMs);
    const out: HistoryOi[] = [];
    for (let t = Math.ceil(from / (5 * MIN)) * 5 * MIN; t < to; t += 5 * MIN) out.push({ ts: t, oiBtc: 80_000 + t / 1e9, oiUsd: 4.8e9 });
    return out;
  }
}

const dirs: string[] = [];
function fresh(): SqliteStore {
  const d = tmpDir();
  dirs.push(d);
  return SqliteStore.open(d);
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmTmp(d);
});

function recordingProgress(): { p: Progress; events: string[] } {
  const events: string[] = [];
  return {
    events,
    p: {
      task: (name, total) => {
        events.push(`start ${name} ${total}`);
        return { tick: () => events.push(`tick ${name}`), setTotal: () => {}, finish: (s) => events.push(`finish ${name} ${s}`) };
      },
      stop: () => {},
    },
  };
}

describe('windowsOf', () => {
  it('cuts a range at UTC day boundaries', () => {
    const from = Date.UTC(2026, 0, 1, 18);
    expect(windowsOf(from, from + DAY_MS)).toEqual([
      { from, to: Date.UTC(2026, 0, 2) },
      { from: Date.UTC(2026, 0, 2), to: from + DAY_MS },
    ]);
  });
});

describe('backfill', () => {
  it('stores klines as bars with OI only where the venue serves it, within its look-back limit', async () => {
    const store = fresh();
    const hist = new FakeHistory(2 * DAY_MS);
    const v: BackfillVenue = { id: 'binance-usdm', history: hist, http, markets: [spec('BTCUSDT')] };
    const from = NOW - 4 * DAY_MS;
    const { p, events } = recordingProgress();
    const [r] = await backfill({ store, venues: [v], fromMs: from, toMs: NOW, nowMs: NOW, progress: p });
    expect(r?.error).toBeUndefined();
    expect(r?.bars).toBe((NOW - from) / MIN);
    const bars = await store.readBars({ fromMs: from, toMs: NOW });
    expect(bars).toHaveLength((NOW - from) / MIN);
    expect(bars.map((b) => b.ts)).toEqual(Array.from({ length: bars.length }, (_, i) => from + i * MIN));
    const withOi = bars.filter((b) => b.oiBtc !== null);
    expect(withOi.length).toBe(r?.barsWithOi);
    // OI from the venue's horizon (2 days, plus a margin) on; nothing older
    expect(withOi[0]!.ts).toBeGreaterThanOrEqual(NOW - 2 * DAY_MS);
    expect(withOi[0]!.ts).toBeLessThan(NOW - 2 * DAY_MS + 10 * MIN);
    const b = bars[10]!;
    expect(b).toMatchObject({ venue: 'binance-usdm', market: 'BTCUSDT', buyVolume: 4, sellVolume: 6, markClose: null, fundingRate: null, gap: false });
    expect(events[0]).toBe('start binance-usdm 5');
    expect(events.filter((e) => e.startsWith('tick'))).toHaveLength(5);
    expect(events.at(-1)).toMatch(/^finish binance-usdm \d+ bars/);
  });

  it('never overwrites live bars, but fills their missing OI', async () => {
    const store = fresh();
    const hist = new FakeHistory(30 * DAY_MS);
    const ts = NOW - 3 * 3600_000;
    // a bar recorded live: everything but OI
    const liveBar = { venue: 'binance-usdm' as const, market: 'BTCUSDT', ts, durationMs: MIN, open: 1, high: 2, low: 1, close: 2, vwap: 1.5, buyVolume: 1, sellVolume: 1, trades: 7, oiBtc: null, oiUsd: null, markHigh: 2, markLow: 1, markClose: 2, fundingRate: 0.0001, liqLongBtc: 0.5, liqLongUsd: 30_000, liqLongCount: 1, liqShortBtc: 0, liqShortUsd: 0, liqShortCount: 0, gap: false };
    await store.putBars([liveBar]);
    await backfill({ store, venues: [{ id: 'binance-usdm', history: hist, http, markets: [spec('BTCUSDT')] }], fromMs: NOW - DAY_MS, toMs: NOW, nowMs: NOW });
    const got = (await store.readBars({ fromMs: ts, toMs: ts + MIN }))[0];
    expect(got).toEqual({ ...liveBar, oiBtc: expect.any(Number), oiUsd: 4.8e9 });
  });

  it('resumes after an interruption without fetching finished days again', async () => {
    const store = fresh();
    const hist = new FakeHistory(0);
    const v = { id: 'okx-swap' as const, history: hist, http, markets: [spec('BTC-USDT-SWAP'), spec('BTC-USD-SWAP')] };
    const from = Date.UTC(2026, 5, 1);
    hist.failAfter = 5;
    const [first] = await backfill({ store, venues: [v], fromMs: from, toMs: NOW, nowMs: NOW });
    expect(first?.error).toMatch(/HTTP 503/);
    expect(first?.windows).toBe(5);
    const fetchedFirst = hist.calls.filter((c) => c.startsWith('k'));
    hist.failAfter = Infinity;
    hist.calls.length = 0;
    const [second] = await backfill({ store, venues: [v], fromMs: from, toMs: NOW, nowMs: NOW });
    expect(second?.error).toBeUndefined();
    expect(second?.skipped).toBe(5);
    // no day fetched twice, except today's partial day
    const again = hist.calls.filter((c) => c.startsWith('k') && fetchedFirst.includes(c));
    expect(again).toEqual([]);
    expect(second!.windows + second!.skipped).toBe(2 * 10);
    expect(hist.calls.some((c) => c.startsWith('o'))).toBe(false); // the venue serves no OI history
    for (const m of ['BTC-USDT-SWAP', 'BTC-USD-SWAP']) {
      expect(await store.readBars({ fromMs: from, toMs: NOW, markets: [m] })).toHaveLength((NOW - from) / MIN);
    }
    // a third run skips every finished day and refetches only today's
    hist.calls.length = 0;
    const [third] = await backfill({ store, venues: [v], fromMs: from, toMs: NOW, nowMs: NOW });
    expect(third?.windows).toBe(2);
  });

  it('one failing venue does not stop the others', async () => {
    const store = fresh();
    const bad = new FakeHistory(0);
    bad.failAfter = 0;
    const rs = await backfill({
      store,
      venues: [
        { id: 'gate', history: bad, http, markets: [spec('BTC_USDT')] },
        { id: 'bybit-linear', history: new FakeHistory(DAY_MS), http, markets: [spec('BTCUSDT')] },
      ],
      fromMs: NOW - DAY_MS,
      toMs: NOW,
      nowMs: NOW,
    });
    expect(rs.map((r) => [r.venue, r.error === undefined])).toEqual([
      ['gate', false],
      ['bybit-linear', true],
    ]);
    expect(rs[1]?.bars).toBe(1440);
  });
});

describe('summary', () => {
  it('formats a table and the venues’ limits', () => {
    expect(formatTable(['venue', 'bars'], [['okx-swap', 1440], ['gate', 12]])).toBe(
      ['venue      bars', '--------  -----', 'okx-swap  1,440', 'gate         12'].join('\n'),
    );
    expect(describeOiLimit(30 * DAY_MS)).toBe('OI: last 30 d');
    expect(describeOiLimit(0)).toBe('no OI history (live only)');
    expect(describeOiLimit(Infinity)).toBe('OI: full history');
    expect(describeOiLimit(undefined)).toBe('no REST history');
  });
});
