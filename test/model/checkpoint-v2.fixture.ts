// The bars and parameters behind fixtures/checkpoint-v2.bin.gz: a version 2 checkpoint (inflow entries stored with
// their cells' buckets) written after the first 120 of these bars, kept to test that old checkpoints restore.
import type { Bar } from '../../src/bars/bar.js';
import { barsFrom, seededDraws, testParams } from '../../src/model/bars.fixture.js';
import type { ModelParams } from '../../src/model/types.js';

const MIN = 60_000;

export function v2FixtureParams(): ModelParams {
  return testParams({
    bucketUsd: 25,
    tiers: [
      { leverage: 25, weight: 0.5 },
      { leverage: 100, weight: 0.5 },
    ],
    entry: 'range',
    history: [
      { quantumMs: MIN, bucketMult: 1, retentionMs: 30 * MIN, keyframeEvery: 10 },
      { quantumMs: 5 * MIN, bucketMult: 5, retentionMs: null, keyframeEvery: 4 },
    ],
  });
}

/** 90 1-minute bars each of a linear and an inverse venue-market, in time order. */
export function v2FixtureBars(): Bar[] {
  const a = barsFrom(seededDraws(90, 7), { venue: 'binance-usdm', market: 'BTCUSDT' });
  const b = barsFrom(seededDraws(90, 11), { venue: 'bybit-inverse', market: 'BTCUSD', p0: 50_100 });
  return a.flatMap((bar, i) => [bar, b[i]!]);
}
