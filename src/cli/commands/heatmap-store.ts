// `liqmap heatmap` without --bars: the model as the store holds it — the latest pipeline checkpoint
// at or before the window's end plus the stored bars after it — and the window's price range.
import fs from 'node:fs';
import path from 'node:path';
import { decodeEnvelope } from '../../app/checkpoint-envelope.js';
import { paramsHash } from '../../app/params-hash.js';
import { loadConfig } from '../../config/load.js';
import { rulesFor } from '../../exchanges/rules.js';
import { createModel, restoreModel, type LiqModel, type ModelParams } from '../../model/index.js';
import { DB_FILE_NAME } from '../../store/sqlite/open.js';
import { openStore } from '../../store/open.js';
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
    const cp = await store.latestCheckpoint({ paramsHash: paramsHash(o.params), venues, atOrBefore: at });
    let model = createModel(o.params, rulesFor);
    let applied = new Map<string, number>();
    if (cp) {
      const env = decodeEnvelope(cp.data);
      model = restoreModel(env.model, rulesFor);
      applied = new Map(env.applied);
    }
    const start = cp ? cp.ts + 1 : from - o.params.warmupMs;
    const dayMs = 86_400_000;
    for (let t = start; t < at; t += dayMs) {
      for (const bar of await store.readBars({ fromMs: t, toMs: Math.min(at, t + dayMs), venues, durationMs: cfg.barMs })) {
        if (bar.ts + bar.durationMs > at || (applied.get(`${bar.venue}|${bar.market}`) ?? -Infinity) >= bar.ts) continue;
        model.step(bar);
      }
    }
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
