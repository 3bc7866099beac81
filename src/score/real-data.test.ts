// The shipped defaults on the held-back part of the real data (../shared/data/real).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PARAMS } from '../model/defaults.js';
import { cohortModelPort, constantInflowAblation } from './model-adapter.js';
import { loadRealSets, realDataDir } from './real-sets.js';
import { SHIPPED_MMR } from './shipped.js';
import { scoreTotals } from './totals-score.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dir = realDataDir(repoRoot);
if (!dir) console.warn('real data not found at ../shared/data/real: real-data score tests skipped');

describe.skipIf(!dir)('real data, held-back part', () => {
  const sets = dir ? loadRealSets(dir) : [];
  const setup = { params: DEFAULT_PARAMS, mmr: SHIPPED_MMR };
  it.each(sets.map((s) => [s.name, s] as const))('%s: the shipped model beats the move baselines on ρ, both sides', (_name, set) => {
    const { result } = scoreTotals({
      bars: set.bars,
      barGaps: [],
      totals: set.totals,
      model: cohortModelPort.run(set.bars, setup),
      constantInflow: cohortModelPort.run(set.bars, constantInflowAblation(setup)),
      from: set.split,
      to: set.holdoutEnd,
      boot: { replicates: 100, seed: 1 },
    });
    expect(result.n).toBeGreaterThan(150);
    for (const m of ['spearmanLong', 'spearmanShort'] as const) {
      const r = result.metrics[m];
      expect(r?.model).toBeGreaterThan(0.6);
      expect(r?.model).toBeGreaterThan(r?.baselines.move ?? 1);
      expect(r?.model).toBeGreaterThan(r?.baselines.moveOi ?? 1);
    }
    expect(result.metrics.precisionTopDecileTotal?.model).toBeGreaterThan(0.5);
  });
});
