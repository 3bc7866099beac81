// `import binance-vision`: day by day and market by market, fetch the bulk files, verify them,
// turn them into bars and liquidations and store them (`fill`). Finished days are noted so a
// second run (or a resumed one) skips them.
import type { Store } from '../../store/store.js';
import type { Progress } from '../progress.js';
import { visionBars, liquidationEvents } from './bars.js';
import { visionPath, type VisionKind, type VisionMarket } from './layout.js';
import { csvOfZip, parseKlines, parseLiquidations, parseMetrics } from './parse.js';
import { getVerified, type VisionSource } from './source.js';

export interface VisionImportOptions {
  readonly store: Store;
  readonly source: VisionSource;
  readonly markets: readonly VisionMarket[];
  readonly dates: readonly string[];
  /** Import days again even when an earlier run finished them. */
  readonly force?: boolean;
  readonly progress?: Progress;
  readonly signal?: AbortSignal;
}

export interface VisionMarketResult {
  readonly market: VisionMarket;
  readonly imported: number;
  readonly skipped: number;
  /** Days without a klines file at the source. */
  readonly missing: readonly string[];
  readonly bars: number;
  readonly barsWithOi: number;
  readonly liquidations: number;
  readonly dropped: number;
  /** Files whose published checksum matched / files published without one. */
  readonly verified: number;
  readonly unverified: number;
  readonly error?: string;
}

export const visionDoneKey = (m: VisionMarket, date: string): string => `vision:${m.venue}:${m.symbol}:${date}`;

async function importMarket(m: VisionMarket, o: VisionImportOptions): Promise<VisionMarketResult> {
  const task = o.progress?.task(`${m.venue}`, o.dates.length);
  const r = { imported: 0, skipped: 0, missing: [] as string[], bars: 0, barsWithOi: 0, liquidations: 0, dropped: 0, verified: 0, unverified: 0 };
  const get = async (kind: VisionKind, date: string): Promise<string | null> => {
    const rel = visionPath(m, kind, date);
    const file = await getVerified(o.source, rel);
    if (!file) return null;
    if (file.checked) r.verified++;
    else r.unverified++;
    return csvOfZip(file.bytes, o.source.describe(rel));
  };
  try {
    for (const date of o.dates) {
      if (o.signal?.aborted) throw new Error('interrupted');
      if (!o.force && (await o.store.getMeta(visionDoneKey(m, date))) !== null) {
        r.skipped++;
        task?.tick(1, `${date} done before`);
        continue;
      }
      const klinesCsv = await get('klines', date);
      if (klinesCsv === null) {
        r.missing.push(date);
        task?.tick(1, `${date} not published`);
        continue;
      }
      const metricsCsv = await get('metrics', date);
      const liqCsv = await get('liquidationSnapshot', date);
      const what = (k: VisionKind): string => o.source.describe(visionPath(m, k, date));
      const liqs = liqCsv === null ? [] : liquidationEvents(m, parseLiquidations(liqCsv, what('liquidationSnapshot')));
      const day = visionBars(m, parseKlines(klinesCsv, what('klines')), metricsCsv === null ? [] : parseMetrics(metricsCsv, what('metrics')), liqs);
      await o.store.putBars(day.bars, 'fill');
      if (liqs.length) await o.store.putLiquidations(liqs);
      await o.store.setMeta(visionDoneKey(m, date), JSON.stringify({ bars: day.bars.length, oi: metricsCsv !== null, liquidations: liqs.length }));
      r.imported++;
      r.bars += day.bars.length;
      r.barsWithOi += day.bars.filter((b) => b.oiBtc !== null).length;
      r.liquidations += liqs.length;
      r.dropped += day.dropped;
      task?.tick(1, `${date} ${day.bars.length} bars`);
    }
    task?.finish(`${r.imported} days, ${r.bars} bars`);
    return { market: m, ...r };
  } catch (e) {
    task?.finish(`failed: ${(e as Error).message}`);
    return { market: m, ...r, error: (e as Error).message };
  }
}

export async function importVision(o: VisionImportOptions): Promise<VisionMarketResult[]> {
  return Promise.all(o.markets.map((m) => importMarket(m, o)));
}
