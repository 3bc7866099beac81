// Test fixtures: fast-check arbitraries of plausible bar sequences (random walks with OI changes).
import fc from 'fast-check';
import { resolveParams } from './params.js';
import type { Bar } from '../bars/bar.js';
import type { VenueId } from '../core/events.js';
import type { ModelParams } from './types.js';

/** DESIGN §3 parameters pinned for tests (DEFAULT_PARAMS is tuned by scoring and may change). */
export const DESIGN_PARAMS: ModelParams = {
  bucketUsd: 10,
  tiers: [
    { leverage: 5, weight: 0.15 },
    { leverage: 10, weight: 0.3 },
    { leverage: 25, weight: 0.25 },
    { leverage: 50, weight: 0.2 },
    { leverage: 100, weight: 0.1 },
  ],
  inflow: { oi: 1, volume: 0, constant: 0 },
  volumeShare: 0.05,
  constantUsdPerHour: 10_000_000,
  constantOiShare: null,
  entry: 'vwap',
  rangeSlices: 5,
  sideSplit: 'taker',
  close: 'proportional',
  halfLifeMs: null,
  positionUsd: 10_000,
  useMarkPrice: true,
  warmupMs: 30 * 86_400_000,
  history: [{ quantumMs: 60_000, bucketMult: 1, retentionMs: null, keyframeEvery: 7 }],
};

/** DESIGN_PARAMS with overrides (validated). */
export function testParams(over: Partial<ModelParams> = {}): ModelParams {
  return resolveParams({ ...DESIGN_PARAMS, ...over });
}

export interface StepDraw {
  /** Close-to-close return. */
  readonly ret: number;
  /** Wick beyond the body, as fractions of price. */
  readonly up: number;
  readonly down: number;
  /** OI change, fraction of OI. */
  readonly dOi: number;
  readonly buy: number;
  readonly sell: number;
}

export const stepArb: fc.Arbitrary<StepDraw> = fc.record({
  ret: fc.double({ min: -0.02, max: 0.02, noNaN: true }),
  up: fc.double({ min: 0, max: 0.01, noNaN: true }),
  down: fc.double({ min: 0, max: 0.01, noNaN: true }),
  dOi: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
  buy: fc.double({ min: 0, max: 100, noNaN: true }),
  sell: fc.double({ min: 0, max: 100, noNaN: true }),
});

export function baseBar(over: Partial<Bar> = {}): Bar {
  return {
    venue: 'binance-usdm',
    market: 'BTCUSDT',
    ts: 0,
    durationMs: 60_000,
    open: 50_000,
    high: 50_000,
    low: 50_000,
    close: 50_000,
    vwap: 50_000,
    buyVolume: 1,
    sellVolume: 1,
    trades: 1,
    oiBtc: 10_000,
    oiUsd: 500_000_000,
    markHigh: null,
    markLow: null,
    markClose: null,
    fundingRate: null,
    liqLongBtc: 0,
    liqLongUsd: 0,
    liqLongCount: 0,
    liqShortBtc: 0,
    liqShortUsd: 0,
    liqShortCount: 0,
    gap: false,
    ...over,
  };
}

/** Bars of one venue-market from draws, starting at price p0 and time t0. */
export function barsFrom(draws: readonly StepDraw[], opts: { venue?: VenueId; market?: string; p0?: number; t0?: number; durationMs?: number } = {}): Bar[] {
  const dur = opts.durationMs ?? 60_000;
  let price = opts.p0 ?? 50_000;
  let oi = 10_000;
  return draws.map((d, i) => {
    const open = price;
    const close = price * (1 + d.ret);
    const high = Math.max(open, close) * (1 + d.up);
    const low = Math.min(open, close) * (1 - d.down);
    price = close;
    oi = Math.max(1, oi * (1 + d.dOi));
    return baseBar({
      venue: opts.venue ?? 'binance-usdm',
      market: opts.market ?? 'BTCUSDT',
      ts: (opts.t0 ?? 1_700_000_000_000) + i * dur,
      durationMs: dur,
      open,
      high,
      low,
      close,
      vwap: (open + close + high + low) / 4,
      buyVolume: d.buy,
      sellVolume: d.sell,
      oiBtc: oi,
      oiUsd: oi * close,
    });
  });
}

/** n draws from a seeded LCG (not fast-check, so stored fixtures do not depend on its version). */
export function seededDraws(n: number, seed: number): StepDraw[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
  return Array.from({ length: n }, () => ({ ret: (rnd() - 0.5) * 0.01, up: rnd() * 0.003, down: rnd() * 0.003, dOi: (rnd() - 0.5) * 0.02, buy: rnd() * 100, sell: rnd() * 100 }));
}

export const barsArb = (min = 5, max = 120): fc.Arbitrary<Bar[]> => fc.array(stepArb, { minLength: min, maxLength: max }).map((d) => barsFrom(d));
