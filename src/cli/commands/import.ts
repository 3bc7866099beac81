// `liqmap import bars <file>` and `liqmap import binance-vision --from … --to …`: history into the store.
import type { Command } from 'commander';
import { loadBars, type BarIssueKind } from '../../bars/load.js';
import { loadConfig } from '../../config/load.js';
import { isVenueId, type VenueId } from '../../core/events.js';
import { createProgress } from '../../history/progress.js';
import { formatTable } from '../../history/summary.js';
import { importVision } from '../../history/vision/import.js';
import { datesBetween, DEFAULT_VISION_URL, VISION_MARKETS, type VisionMarket } from '../../history/vision/layout.js';
import { dirSource, httpSource, type VisionSource } from '../../history/vision/source.js';
import { log } from '../../log.js';
import { openStore } from '../../store/open.js';
import { UsageError } from '../errors.js';

const configOf = (program: Command, dataDir: string | undefined) => loadConfig({ file: program.opts<{ config?: string }>().config, flags: { dataDir } });

function registerBars(parent: Command, program: Command): void {
  parent
    .command('bars <file>')
    .description('store a bars CSV or JSONL (the format `liqmap score` reads)')
    .option('--venue <id>', 'venue of CSV rows without a venue column (default binance-usdm)')
    .option('--market <symbol>', 'market of CSV rows without a market column')
    .option('--replace', 'let these bars replace stored ones (default: keep stored bars, fill only their gaps)')
    .option('--data-dir <dir>', 'data directory (env LIQMAP_DATA_DIR, default ./data)')
    .action(async (file: string, o: { venue?: string; market?: string; replace?: boolean; dataDir?: string }) => {
      if (o.venue !== undefined && !isVenueId(o.venue)) throw new UsageError(`--venue: unknown venue "${o.venue}"`);
      const cfg = configOf(program, o.dataDir);
      const loaded = loadBars(file, { ...(o.venue ? { venue: o.venue as VenueId } : {}), ...(o.market ? { market: o.market } : {}) });
      if (loaded.bars.length === 0) throw new UsageError(`${file}: no bars to import`);
      const store = openStore(cfg);
      try {
        await store.putBars(loaded.bars, o.replace ? 'replace' : 'fill');
      } finally {
        await store.close();
      }
      const counts = new Map<BarIssueKind, number>();
      for (const i of loaded.issues) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
      const series = new Set(loaded.bars.map((b) => `${b.venue} ${b.market}`));
      const first = loaded.bars.reduce((m, b) => Math.min(m, b.ts), Infinity);
      const last = loaded.bars.reduce((m, b) => Math.max(m, b.ts), -Infinity);
      process.stdout.write(
        `${formatTable(
          ['file', 'format', 'bar', 'series', 'bars', 'from', 'to', 'issues'],
          [
            [
              file,
              loaded.format,
              `${loaded.durationMs / 60_000} min`,
              [...series].join(', '),
              loaded.bars.length,
              new Date(first).toISOString(),
              new Date(last).toISOString(),
              counts.size ? [...counts].map(([k, n]) => `${n} ${k}`).join(', ') : 'none',
            ],
          ],
        )}\n`,
      );
    });
}

function parseMarkets(spec: string): VisionMarket[] {
  const out: VisionMarket[] = [];
  for (const raw of spec.split(',')) {
    const id = raw.trim();
    if (!id) continue;
    const m = (VISION_MARKETS as Record<string, VisionMarket | undefined>)[id];
    if (!m) throw new UsageError(`--venues: "${id}" has no Binance bulk files; use binance-usdm and/or binance-coinm`);
    out.push(m);
  }
  if (!out.length) throw new UsageError('--venues: none given');
  return out;
}

function registerVision(parent: Command, program: Command): void {
  parent
    .command('binance-vision')
    .description("Binance's public bulk files (1-minute klines, 5-minute OI metrics, liquidation snapshots where published) for history beyond 30 days")
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (UTC)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (UTC), inclusive')
    .option('--venues <ids>', 'binance-usdm (USDⓈ-M BTCUSDT) and/or binance-coinm (COIN-M BTCUSD_PERP)', 'binance-usdm,binance-coinm')
    .option('--dir <path>', 'read a local copy of the site layout (data/futures/...) instead of downloading')
    .option('--base-url <url>', 'site or mirror to download from', DEFAULT_VISION_URL)
    .option('--force', 'import days again that an earlier run finished')
    .option('--data-dir <dir>', 'data directory (env LIQMAP_DATA_DIR, default ./data)')
    .action(async (o: { from: string; to: string; venues: string; dir?: string; baseUrl: string; force?: boolean; dataDir?: string }) => {
      let dates: string[];
      try {
        dates = datesBetween(o.from, o.to);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const markets = parseMarkets(o.venues);
      let source: VisionSource;
      try {
        source = o.dir ? dirSource(o.dir) : httpSource(new URL(o.baseUrl).toString());
      } catch (e) {
        throw new UsageError(o.dir ? (e as Error).message : `--base-url: not a URL: ${o.baseUrl}`);
      }
      const cfg = configOf(program, o.dataDir);
      const store = openStore(cfg);
      const progress = createProgress({ tty: process.stderr.isTTY === true, log });
      const abort = new AbortController();
      const onSignal = (): void => abort.abort();
      process.once('SIGINT', onSignal);
      try {
        const results = await importVision({ store, source, markets, dates, force: o.force === true, progress, signal: abort.signal });
        progress.stop();
        const rows = results.map((r) => [
          `${r.market.venue} ${r.market.symbol}`,
          r.imported,
          r.skipped,
          r.missing.length ? `${r.missing.length} (${r.missing.slice(0, 3).join(', ')}${r.missing.length > 3 ? ', …' : ''})` : '0',
          r.bars,
          r.barsWithOi,
          r.liquidations,
          `${r.verified} ok, ${r.unverified} without checksum`,
          r.error ? `FAILED: ${r.error}` : 'ok',
        ]);
        process.stdout.write(`${formatTable(['market', 'days', 'done before', 'not published', 'bars', 'with OI', 'liquidations', 'checksums', 'status'], rows)}\n`);
        if (abort.signal.aborted) process.stdout.write('interrupted: run the same command again to continue where it stopped\n');
        if (results.some((r) => r.error) || abort.signal.aborted) process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
        progress.stop();
        await store.close();
      }
    });
}

export function registerImport(program: Command): void {
  const imp = program.command('import').description('load history into the store from files');
  registerBars(imp, program);
  registerVision(imp, program);
}
