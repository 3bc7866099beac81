// The real data sets in ../shared/data/real (Coinglass 3-venue liquidation totals with Binance
// price and OI) and the one chronological split used for tuning and reporting. No scored
// held-back bar is ever inside any set's tuning window:
//   hourly: tune 2025-12-11 → 2026-04-01, held back 2026-04-01 → 2026-05-21
//   30-minute and 5-minute→30-minute: tune → 2026-05-28, held back 2026-05-28 → 2026-06-01
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readBarsFile } from './bars-input.js';
import { readLiquidations } from './liquidations/load.js';
import type { TuneSet } from './tune.js';

export const REAL_DIR_FROM_REPO = '../shared/data/real/coinglass-ismethanhtung';

export interface RealSet extends TuneSet {
  readonly barsFile: string;
  readonly liquidationsFile: string;
  /** End of the held-back part. */
  readonly holdoutEnd: number;
}

const T = (iso: string) => Date.parse(iso);

export function realDataDir(repoRoot: string): string | null {
  const dir = join(repoRoot, REAL_DIR_FROM_REPO);
  return existsSync(join(dir, 'regime_1h_c8a9730_before_2026-06-01.csv')) ? dir : null;
}

export function loadRealSets(dir: string): RealSet[] {
  const spec = [
    { name: 'hourly', bars: 'regime_1h_c8a9730_before_2026-06-01.csv', liq: 'regime_1h_c8a9730_before_2026-06-01.csv', from: '2025-12-11', split: '2026-04-01', end: '2026-05-21', weight: 0.6 },
    { name: '30m', bars: 'regime_30m_e2966c8_before_2026-06-01.csv', liq: 'regime_30m_e2966c8_before_2026-06-01.csv', from: '2026-05-22', split: '2026-05-28', end: '2026-06-01', weight: 0.2 },
    { name: '5m→30m', bars: 'binance_5m_merged_before_2026-06-01.csv', liq: 'regime_30m_e2966c8_before_2026-06-01.csv', from: '2026-05-26', split: '2026-05-28', end: '2026-06-01', weight: 0.2 },
  ];
  return spec.map((s) => {
    const barsFile = join(dir, s.bars);
    const liquidationsFile = join(dir, s.liq);
    const totals = readLiquidations(liquidationsFile);
    if (totals.kind !== 'totals') throw new Error(`${liquidationsFile}: expected totals`);
    return {
      name: s.name,
      barsFile,
      liquidationsFile,
      bars: readBarsFile(barsFile).bars,
      totals,
      from: T(s.from),
      split: T(s.split),
      holdoutEnd: T(s.end),
      weight: s.weight,
    };
  });
}
