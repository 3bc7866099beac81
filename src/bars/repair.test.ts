import { describe, expect, it } from 'vitest';
import type { Bar } from './bar.js';
import { repairBars } from './repair.js';

const T = 1_700_000_040_000 - (1_700_000_040_000 % 60_000);
const gapBar = (ts: number, over: Partial<Bar> = {}): Bar => ({
  venue: 'binance-usdm',
  market: 'BTCUSDT',
  ts,
  durationMs: 60_000,
  open: 100,
  high: 100,
  low: 100,
  close: 100,
  vwap: 100,
  buyVolume: 0,
  sellVolume: 0,
  trades: 0,
  oiBtc: 10,
  oiUsd: 1000,
  markHigh: null,
  markLow: null,
  markClose: null,
  fundingRate: 0.0001,
  liqLongBtc: 0,
  liqLongUsd: 0,
  liqLongCount: 0,
  liqShortBtc: 0,
  liqShortUsd: 0,
  liqShortCount: 0,
  gap: true,
  ...over,
});

describe('repairBars', () => {
  it('takes OHLC/volume from klines and OI from the latest point before each bar end, keeping live liquidations', () => {
    const out = repairBars({
      venue: 'binance-usdm',
      market: 'BTCUSDT',
      barMs: 60_000,
      fromMs: T,
      toMs: T + 180_000,
      existing: [gapBar(T, { liqLongCount: 2, liqLongUsd: 500, liqLongBtc: 5, buyVolume: 1, sellVolume: 3, trades: 4 }), gapBar(T + 60_000), gapBar(T + 120_000)],
      klines: [
        { ts: T, open: 100, high: 104, low: 98, close: 103, volume: 8 },
        { ts: T + 60_000, open: 103, high: 106, low: 101, close: 102, volume: 10, buyVolume: 7 },
      ],
      oi: [
        { ts: T + 90_000, oiBtc: 12, oiUsd: 1224 },
        { ts: T - 300_000, oiBtc: 11, oiUsd: 1100 },
      ],
    });
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({ high: 104, low: 98, buyVolume: 2, sellVolume: 6, oiBtc: 11, liqLongCount: 2, liqLongUsd: 500, gap: false });
    expect(out[1]).toMatchObject({ close: 102, buyVolume: 7, sellVolume: 3, oiBtc: 12, gap: false });
    // No kline for the third minute: the live (gap-flagged) bar stays as it was.
    expect(out[2]).toMatchObject({ ts: T + 120_000, gap: true });
  });
});
