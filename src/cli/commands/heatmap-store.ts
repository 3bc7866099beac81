// `liqmap heatmap` without --bars: the model as the store holds it — the latest pipeline checkpoint
// at or before the window's end plus the stored bars after it — and the window's price range.
import fs from 'node:fs';
import path from 'node:path';
import { ModelProgress } from '../../app/model-progress.js';
import { paramsHash } from '../../app/params-hash.js';
import { loadConfig } from '../../config/load.js';
import type { LiqModel, ModelParams } from '../../model/index.js';
import { DB_FILE_NAME } from '../../store/sqlite/open.js';
import { openStore } from '../../store/open.js';
import { warmup } from '../../store/warmup.js';
import type { VenueId } from '../../core/events.js';
import { UsageError } from '../errors.js';

export interface StoreModel {
  readonly model: LiqModel;
  /** End of the window, ms. */
  readonly at: number;
  /** Lowest low and highest high of the window's bars (filtered venues), NaN when none. */
  readonly low: number;
  readonly high: number;
  readonly lastClose: number | null;
  readonly location: string;
}

export async function modelFromStore(o: {
  dataDir?: string;
  configFile?: string;
  at?: number;
  rangeMs: number;
  params: ModelParams;
  viewVenues?: readonly VenueId[];
}): Promise<StoreModel> {
  const cfg = loadConfig({ file: o.configFile, flags: o.dataDir ? { dataDir: o.dataDir } : {} });
  if (!cfg.db && !fs.existsSync(path.join(cfg.dataDir, DB_FILE_NAME))) {
    throw new UsageError(`no store in ${cfg.dataDir} (no ${DB_FILE_NAME}): give --bars <file>, --data-dir, or fill it with liqmap serve, backfill or import`);
  }
  const store = openStore({ dataDir: cfg.dataDir, db: cfg.db }, { readonly: true });
  try {
    const stats = await store.stats();
    if (stats.lastTs === null) throw new UsageError(`${store.location}: no bars stored yet`);
    const at = o.at ?? stats.lastTs + cfg.barMs;
    const from = at - o.rangeMs;
    // The pipeline checkpoints its whole venue set; the view filter applies afterwards.
    const venues = [...cfg.venues].sort();
    let progress = ModelProgress.fresh(o.params);
    await warmup(store, {
      venues,
      paramsHash: paramsHash(o.params),
      untilMs: at,
      coldStartMs: from - o.params.warmupMs,
      durationMs: cfg.barMs,
      restore: (cp) => {
        progress = cp ? ModelProgress.restore(cp.data) : ModelProgress.fresh(o.params);
      },
      step: (bar) => {
        if (bar.ts + bar.durationMs <= at) progress.replay(bar);
      },
    });
    const model = progress.model;
    let low = Infinity;
    let high = -Infinity;
    for (const s of await store.readColumns({ fromMs: from, toMs: at, venues: o.viewVenues ?? venues, durationMs: cfg.barMs })) {
      for (let i = 0; i < s.length; i++) {
        low = Math.min(low, s.cols.low[i] as number);
        high = Math.max(high, s.cols.high[i] as number);
      }
    }
    const ref = model.vms[0];
    return { model, at, low: Number.isFinite(low) ? low : NaN, high: Number.isFinite(high) ? high : NaN, lastClose: ref ? ref.lastClose : null, location: store.location };
  } finally {
    await store.close();
  }
}
