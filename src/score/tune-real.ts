// Tunes the model on the early part of the real data sets and prints what it found.
//   npx tsx src/score/tune-real.ts [repoRoot]     (writes nothing; paste the values into defaults)
import { DEFAULT_PARAMS } from '../model/defaults.js';
import type { ModelParams } from '../model/types.js';
import { loadRealSets, realDataDir } from './real-sets.js';
import { axisSpread, combined, coordinateDescent, type Axis, type Candidate } from './tune.js';

const H = 3_600_000;
const tiers = (pairs: readonly (readonly [number, number])[]): ModelParams['tiers'] => pairs.map(([leverage, weight]) => ({ leverage, weight }));

const TIER_SETS: Record<string, ModelParams['tiers']> = {
  default: DEFAULT_PARAMS.tiers,
  'wide 3–125x': tiers([[3, 0.05], [5, 0.1], [10, 0.15], [20, 0.15], [25, 0.15], [50, 0.15], [75, 0.1], [100, 0.1], [125, 0.05]]),
  'high 20–125x': tiers([[20, 0.2], [25, 0.2], [50, 0.25], [75, 0.15], [100, 0.15], [125, 0.05]]),
  'wide flat': tiers([[3, 1], [5, 1], [10, 1], [20, 1], [25, 1], [50, 1], [75, 1], [100, 1], [125, 1]]),
  'no ≥50x': tiers([[3, 0.2], [5, 0.2], [10, 0.3], [20, 0.15], [25, 0.15]]),
};

const p = (f: (q: ModelParams) => Partial<ModelParams>) => (c: Candidate): Candidate => ({ ...c, params: { ...c.params, ...f(c.params) } });

export const AXES: Axis[] = [
  { name: 'tiers', values: Object.entries(TIER_SETS).map(([label, t]) => ({ label, apply: p(() => ({ tiers: t })) })) },
  {
    name: 'inflow',
    values: (
      [
        ['oi', { oi: 1, volume: 0, constant: 0 }],
        ['constant', { oi: 0, volume: 0, constant: 1 }],
        ['oi + 0.5 constant', { oi: 1, volume: 0, constant: 0.5 }],
        ['oi + constant', { oi: 1, volume: 0, constant: 1 }],
        ['oi + 3 constant', { oi: 1, volume: 0, constant: 3 }],
        ['0.3 oi + constant', { oi: 0.3, volume: 0, constant: 1 }],
        ['0.1 oi + constant', { oi: 0.1, volume: 0, constant: 1 }],
      ] as const
    ).map(([label, inflow]) => ({ label, apply: p(() => ({ inflow })) })),
  },
  { name: 'constantUsdPerHour', values: [3e6, 1e7, 3e7, 1e8].map((v) => ({ label: String(v), apply: p(() => ({ constantUsdPerHour: v })) })) },
  { name: 'mmr', values: [null, 0.002, 0.003, 0.004, 0.005, 0.0065].map((v) => ({ label: String(v ?? 'venue'), apply: (c: Candidate) => ({ ...c, mmr: v }) })) },
  { name: 'entry', values: (['vwap', 'range'] as const).map((v) => ({ label: v, apply: p(() => ({ entry: v })) })) },
  { name: 'halfLifeMs', values: [null, 12 * H, 48 * H, 168 * H, 720 * H].map((v) => ({ label: v === null ? 'off' : `${v / H}h`, apply: p(() => ({ halfLifeMs: v })) })) },
  { name: 'sideSplit', values: (['taker', 'symmetric'] as const).map((v) => ({ label: v, apply: p(() => ({ sideSplit: v })) })) },
  { name: 'close', values: (['proportional', 'taker'] as const).map((v) => ({ label: v, apply: p(() => ({ close: v })) })) },
  { name: 'bucketUsd', values: [10, 25, 50].map((v) => ({ label: String(v), apply: p(() => ({ bucketUsd: v })) })) },
  { name: 'oi', values: [false, true].map((v) => ({ label: v ? 'hidden' : 'used', apply: (c: Candidate) => ({ ...c, withoutOi: v }) })) },
  { name: 'step', values: [null, 15 * 60_000, 30 * 60_000].map((v) => ({ label: v === null ? 'bar' : `${v / 60_000}m`, apply: (c: Candidate) => ({ ...c, stepMs: v }) })) },
];

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const dir = realDataDir(process.argv[2] ?? process.cwd());
  if (!dir) throw new Error('real data not found next to the repository (../shared/data/real)');
  const sets = loadRealSets(dir);
  const start: Candidate = { params: DEFAULT_PARAMS, mmr: null, stepMs: null };
  const t0 = Date.now();
  const res = coordinateDescent(sets, start, AXES, 2, (s) => process.stderr.write(`${s.axis} = ${s.label}: ${s.score.toFixed(4)}\n`));
  const spread = axisSpread(res.trials);
  const out = {
    start: combined(sets, start),
    tuned: res.score,
    labels: res.bestLabels,
    spreadByAxis: spread,
    holdoutStart: combined(sets, start, 'holdout'),
    holdoutTuned: combined(sets, res.best, 'holdout'),
    best: { params: { ...res.best.params, history: undefined }, mmr: res.best.mmr, stepMs: res.best.stepMs },
    seconds: (Date.now() - t0) / 1000,
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}
