// Default model parameters. Plain data: the scoring work overwrites these VALUES with measured ones.
import type { ModelParams } from './types.js';

export const DEFAULT_PARAMS: ModelParams = {
  bucketUsd: 10,
  tiers: [
    { leverage: 3, weight: 0.05 },
    { leverage: 5, weight: 0.1 },
    { leverage: 10, weight: 0.15 },
    { leverage: 20, weight: 0.15 },
    { leverage: 25, weight: 0.15 },
    { leverage: 50, weight: 0.15 },
    { leverage: 75, weight: 0.1 },
    { leverage: 100, weight: 0.1 },
    { leverage: 125, weight: 0.05 },
  ],
  inflow: { oi: 0, volume: 0, constant: 1 },
  volumeShare: 0.05,
  constantUsdPerHour: 3_000_000,
  // The tuned 3 M USD/h on Binance BTCUSDT (OI ≈ 8 B USD in the tuning period) as a share of OI,
  // so each venue's inflow follows its size when their heatmaps are summed.
  constantOiShare: 3_000_000 / 8_000_000_000,
  entry: 'range',
  rangeSlices: 5,
  sideSplit: 'taker',
  close: 'proportional',
  halfLifeMs: null,
  positionUsd: 10_000,
  useMarkPrice: true,
  warmupMs: 30 * 86_400_000,
  // A view reads the coarsest level whose quantum fits its column (views/level.ts). At the UI's ≤ 1000 columns the
  // 15-min level serves 3 d to 30 d and the 1 h level 90 d; 180 d and 1 y read the 4 h and 8 h levels. Retention
  // keeps each level a little past the longest window it serves (older quanta would only be read by finer queries).
  history: [
    { quantumMs: 60_000, bucketMult: 1, retentionMs: 2 * 86_400_000, keyframeEvery: 720 },
    { quantumMs: 900_000, bucketMult: 5, retentionMs: 32 * 86_400_000, keyframeEvery: 96 },
    { quantumMs: 3_600_000, bucketMult: 10, retentionMs: 92 * 86_400_000, keyframeEvery: 168 },
    { quantumMs: 14_400_000, bucketMult: 20, retentionMs: null, keyframeEvery: 42 },
    { quantumMs: 28_800_000, bucketMult: 20, retentionMs: null, keyframeEvery: 21 },
  ],
};
