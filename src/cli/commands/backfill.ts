// `liqmap backfill --venues <ids|all> --days N`: REST klines and open-interest history into the store.
import type { Command } from 'commander';
import type { Config } from '../../config/schema.js';
import { loadConfig } from '../../config/load.js';
import type { VenueId } from '../../core/events.js';
import type { MarketSpec, VenueAdapter } from '../../core/venue.js';
import { loadAdapter, parseVenueList } from '../../exchanges/registry.js';
import { createHttpClient } from '../../feed/http.js';
import { runtimeConfig } from '../../feed/runtime.js';
import { backfill, DAY_MS, type BackfillVenue, type VenueBackfillResult } from '../../history/backfill.js';
import { createProgress } from '../../history/progress.js';
import { describeOiLimit, formatDuration, formatTable } from '../../history/summary.js';
import { log } from '../../log.js';
import { openStore } from '../../store/open.js';
import { UsageError } from '../errors.js';

interface Opts {
  venues: string;
  days: string;
  dataDir?: string;
}

/** Venues without usable history say why, in the summary. */
interface Skipped {
  readonly venue: VenueId;
  readonly why: string;
}

function parseDays(text: string, maxDays: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > maxDays) throw new UsageError(`--days: expected a whole number from 1 to ${maxDays} (the retention), got "${text}"`);
  return n;
}

async function marketsOf(adapter: VenueAdapter, cfg: Config, http: BackfillVenue['http']): Promise<readonly MarketSpec[]> {
  const wanted = runtimeConfig(cfg, adapter).markets;
  let specs: readonly MarketSpec[] = adapter.fallbackMarkets;
  if (adapter.loadMarkets) {
    try {
      specs = await adapter.loadMarkets(http, wanted);
    } catch (e) {
      log.warn({ venue: adapter.id, err: (e as Error).message }, 'instrument facts unavailable; using the bundled ones');
    }
  }
  return specs.filter((m) => wanted.includes(m.symbol));
}

async function prepare(ids: readonly VenueId[], cfg: Config): Promise<{ ready: BackfillVenue[]; skipped: Skipped[]; limits: Map<VenueId, number | undefined> }> {
  const ready: BackfillVenue[] = [];
  const skipped: Skipped[] = [];
  const limits = new Map<VenueId, number | undefined>();
  for (const id of ids) {
    let adapter: VenueAdapter;
    try {
      adapter = await loadAdapter(id);
    } catch (e) {
      skipped.push({ venue: id, why: `adapter not available (${(e as Error).message})` });
      continue;
    }
    limits.set(id, adapter.history?.oiHistoryMaxAgeMs);
    if (!adapter.history) {
      skipped.push({ venue: id, why: 'the venue adapter offers no REST history' });
      continue;
    }
    const http = createHttpClient(runtimeConfig(cfg, adapter).restUrl, { timeoutMs: 15_000, maxRequestsPerSec: adapter.history.maxRequestsPerSec });
    const markets = await marketsOf(adapter, cfg, http);
    if (!markets.length) {
      skipped.push({ venue: id, why: 'no configured market' });
      continue;
    }
    ready.push({ id, history: adapter.history, http, markets });
  }
  return { ready, skipped, limits };
}

function summary(results: readonly VenueBackfillResult[], skipped: readonly Skipped[], limits: Map<VenueId, number | undefined>): string {
  const rows = [
    ...results.map((r) => [
      r.venue,
      r.markets,
      `${r.windows} fetched, ${r.skipped} done before`,
      r.bars,
      r.barsWithOi,
      describeOiLimit(limits.get(r.venue)),
      formatDuration(r.elapsedMs),
      r.error ? `FAILED: ${r.error}` : r.dropped ? `ok (${r.dropped} bad klines dropped)` : 'ok',
    ]),
    ...skipped.map((s) => [s.venue, 0, '-', 0, 0, describeOiLimit(limits.get(s.venue)), '-', `skipped: ${s.why}`]),
  ];
  return formatTable(['venue', 'markets', 'days', 'bars', 'with OI', 'venue allows', 'time', 'status'], rows);
}

export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description('load REST history (1-minute klines, open interest) of venues into the store; resumable')
    .requiredOption('--venues <ids>', 'comma-separated venue ids or all')
    .requiredOption('--days <n>', 'how many days back from now')
    .option('--data-dir <dir>', 'data directory (env LIQMAP_DATA_DIR, default ./data)')
    .addHelpText(
      'after',
      '\nOpen-interest history depends on the venue (Binance: last 30 days only); older days get\nklines without OI — use `liqmap import binance-vision` for Binance OI beyond 30 days.',
    )
    .action(async (o: Opts) => {
      let ids: VenueId[];
      try {
        ids = parseVenueList(o.venues);
      } catch (e) {
        throw new UsageError(`--venues: ${(e as Error).message}`);
      }
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config, flags: { dataDir: o.dataDir } });
      const days = parseDays(o.days, cfg.retentionDays);
      const { ready, skipped, limits } = await prepare(ids, cfg);
      const store = openStore(cfg);
      const progress = createProgress({ tty: process.stderr.isTTY === true, log });
      const abort = new AbortController();
      const onSignal = (): void => abort.abort();
      process.once('SIGINT', onSignal);
      try {
        const now = Date.now();
        const results = ready.length ? await backfill({ store, venues: ready, fromMs: now - days * DAY_MS, toMs: now, nowMs: now, progress, signal: abort.signal }) : [];
        progress.stop();
        process.stdout.write(`${summary(results, skipped, limits)}\n`);
        if (abort.signal.aborted) process.stdout.write('interrupted: run the same command again to continue where it stopped\n');
        if (results.some((r) => r.error) || abort.signal.aborted) process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
        progress.stop();
        await store.close();
      }
    });
}
