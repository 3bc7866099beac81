// `liqmap heatmap`: any model view offline from a bars file (JSONL or CSV), as JSON or PNG.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadBars } from '../../bars/load.js';
import { isVenueId, type VenueId } from '../../core/events.js';
import { rulesFor } from '../../exchanges/rules.js';
import {
  clusters,
  clustersToJson,
  createModel,
  heatmap,
  heatmapToJson,
  liqMap,
  resolveParams,
  type ModelParams,
  type Side,
  type ViewFilter,
} from '../../model/index.js';
import { renderHeatmapPng } from '../../render/heatmap-png.js';
import { modelFromStore } from './heatmap-store.js';
import { UsageError } from '../errors.js';

interface Opts {
  bars?: string;
  dataDir?: string;
  at?: string;
  range: string;
  cols: string;
  rows: string;
  view: string;
  venues?: string;
  leverage?: string;
  side?: string;
  format: string;
  out?: string;
  priceLo?: string;
  priceHi?: string;
  top: string;
  params?: string;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000, y: 365 * 86_400_000 };

/** "24h", "90d", "1y", "30m" → ms. */
export function parseRange(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([mhdwy])$/.exec(s.trim());
  if (!m) throw new UsageError(`--range: expected a number and m|h|d|w|y (e.g. 24h), got ${JSON.stringify(s)}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** ISO date-time or epoch ms → ms. */
export function parseTime(s: string): number {
  const t = /^\d+$/.test(s.trim()) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(t)) throw new UsageError(`--at: expected an ISO time or epoch ms, got ${JSON.stringify(s)}`);
  return t;
}

function posInt(name: string, s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name}: expected a positive integer, got ${JSON.stringify(s)}`);
  return n;
}

function optPrice(name: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const n = Number(s);
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`${name}: expected a positive price, got ${JSON.stringify(s)}`);
  return n;
}

function filterFrom(o: Opts): ViewFilter {
  const list = (s: string | undefined): string[] => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);
  const venues: VenueId[] = list(o.venues).map((v) => {
    if (!isVenueId(v)) throw new UsageError(`--venues: unknown venue ${JSON.stringify(v)}`);
    return v;
  });
  const leverage = list(o.leverage).map((l) => {
    const n = Number(l.replace(/x$/i, ''));
    if (!(Number.isFinite(n) && n > 1)) throw new UsageError(`--leverage: expected leverage values like 25,50,100, got ${JSON.stringify(l)}`);
    return n;
  });
  let sides: Side[] | undefined;
  if (o.side && o.side !== 'both') {
    if (o.side !== 'long' && o.side !== 'short') throw new UsageError(`--side: expected long, short or both, got ${JSON.stringify(o.side)}`);
    sides = [o.side];
  }
  return { venues, leverage, ...(sides ? { sides } : {}) };
}

function paramsFrom(file: string | undefined): ModelParams {
  if (!file) return resolveParams();
  let over: unknown;
  try {
    over = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--params ${file}: ${(e as Error).message}`);
  }
  try {
    return resolveParams(over as Parameters<typeof resolveParams>[0]);
  } catch (e) {
    throw new UsageError(`--params ${file}: ${(e as Error).message}`);
  }
}

export function registerHeatmap(program: Command): void {
  program
    .command('heatmap')
    .description('compute a model view (heatmap, liquidation map or clusters) from a bars file, or from the store')
    .option('--bars <file>', 'bars JSONL, or CSV with ts,open,high,low,close and oiUsd|oiBtc|oi_close (default: the store)')
    .option('--data-dir <dir>', 'store to read when no --bars is given (default: configuration dataDir)')
    .option('--at <time>', 'end of the window, ISO or epoch ms (default: end of the last bar)')
    .option('--range <span>', 'window length, e.g. 12h, 24h, 7d, 1y', '24h')
    .option('--cols <n>', 'heatmap columns', '400')
    .option('--rows <n>', 'heatmap rows (liqmap: buckets)', '200')
    .option('--view <view>', 'heatmap | liqmap | clusters', 'heatmap')
    .option('--venues <list>', 'comma-separated venue ids')
    .option('--leverage <list>', 'comma-separated leverage tiers, e.g. 25,50,100')
    .option('--side <side>', 'long | short | both', 'both')
    .option('--price-lo <usd>', 'lowest price shown (default: window low − 4%, liqmap price − 15%)')
    .option('--price-hi <usd>', 'highest price shown (default: window high + 4%, liqmap price + 15%)')
    .option('--top <n>', 'clusters to list', '10')
    .option('--params <file>', 'JSON of model parameter overrides')
    .option('--format <fmt>', 'json | png (png: heatmap view only)', 'json')
    .option('--out <file>', 'output file (default stdout for json)')
    .action((o: Opts) => runHeatmap(o, program.opts<{ config?: string }>().config));
}

interface Source {
  readonly model: ReturnType<typeof createModel>;
  readonly at: number;
  readonly low: number;
  readonly high: number;
  readonly lastClose: number;
}

/** The model over a bars file: every bar that closed by `at` (default: the file's end). */
function fromFile(file: string, o: Opts, params: ModelParams, filter: ViewFilter, range: number): Source {
  const loaded = loadBars(file);
  if (loaded.bars.length === 0) throw new UsageError(`${file}: no bars`);
  for (const kind of ['gap', 'duplicate', 'outOfOrder', 'misaligned'] as const) {
    const n = loaded.issues.filter((i) => i.kind === kind).length;
    if (n > 0) process.stderr.write(`liqmap: ${file}: ${n} ${kind} issue(s), e.g. line ${loaded.issues.find((i) => i.kind === kind)!.line}: ${loaded.issues.find((i) => i.kind === kind)!.message}\n`);
  }
  const lastBar = loaded.bars.reduce((a, b) => (b.ts + b.durationMs > a.ts + a.durationMs ? b : a));
  const at = o.at !== undefined ? parseTime(o.at) : lastBar.ts + lastBar.durationMs;
  const from = at - range;
  const model = createModel(params, rulesFor);
  let low = Infinity;
  let high = -Infinity;
  for (const bar of loaded.bars) {
    if (bar.ts + bar.durationMs > at) continue;
    model.step(bar);
    if (bar.ts >= from && (filter.venues?.length ? filter.venues.includes(bar.venue) : true)) {
      low = Math.min(low, bar.low);
      high = Math.max(high, bar.high);
    }
  }
  if (model.stats().barsAccepted === 0) throw new UsageError(`${file}: no bar closes before ${new Date(at).toISOString()}`);
  return { model, at, low, high, lastClose: model.vms[0]?.lastClose ?? lastBar.close };
}

async function runHeatmap(o: Opts, configFile: string | undefined): Promise<void> {
  const view = o.view;
  if (!['heatmap', 'liqmap', 'clusters'].includes(view)) throw new UsageError(`--view: expected heatmap, liqmap or clusters, got ${JSON.stringify(view)}`);
  if (o.format !== 'json' && o.format !== 'png') throw new UsageError(`--format: expected json or png, got ${JSON.stringify(o.format)}`);
  if (o.format === 'png' && view !== 'heatmap') throw new UsageError('--format png renders the heatmap view only');
  if (o.format === 'png' && !o.out) throw new UsageError('--format png needs --out <file>');
  const range = parseRange(o.range);
  const cols = posInt('--cols', o.cols);
  const rows = posInt('--rows', o.rows);
  const top = posInt('--top', o.top);
  const filter = filterFrom(o);
  const params = paramsFrom(o.params);
  const priceLoOpt = optPrice('--price-lo', o.priceLo);
  const priceHiOpt = optPrice('--price-hi', o.priceHi);

  let src: Source;
  if (o.bars) src = fromFile(o.bars, o, params, filter, range);
  else {
    const st = await modelFromStore({
      ...(o.dataDir ? { dataDir: o.dataDir } : {}),
      configFile,
      ...(o.at !== undefined ? { at: parseTime(o.at) } : {}),
      rangeMs: range,
      params,
      ...(filter.venues?.length ? { viewVenues: filter.venues } : {}),
    });
    if (st.model.stats().barsAccepted === 0 && st.model.vms.length === 0) throw new UsageError(`${st.location}: no bar closes before ${new Date(st.at).toISOString()}`);
    src = { model: st.model, at: st.at, low: st.low, high: st.high, lastClose: st.lastClose ?? st.low };
  }
  const { model, at, low, high } = src;
  const from = at - range;
  const st = model.stats();
  const skipped = Object.entries(st.skipped).filter(([, n]) => n > 0);
  if (skipped.length > 0) process.stderr.write(`liqmap: bars skipped by the model: ${skipped.map(([k, n]) => `${k} ${n}`).join(', ')}\n`);
  if (st.flagged.reanchored > 0) process.stderr.write(`liqmap: reference price replaced ${st.flagged.reanchored} time(s): bars disagreed ×4 with a venue-market's first bars or a week-old close; the cohorts built on it were closed\n`);

  let body: unknown;
  if (view === 'heatmap') {
    if (!Number.isFinite(low)) throw new UsageError(`no bars in the window ${new Date(from).toISOString()} .. ${new Date(at).toISOString()}`);
    const priceLo = priceLoOpt ?? low * 0.96;
    const priceHi = priceHiOpt ?? high * 1.04;
    if (!(priceHi > priceLo)) throw new UsageError('--price-hi must exceed --price-lo');
    const grid = heatmap(model, { ...filter, from, to: at, priceLo, priceHi, cols, rows });
    if (o.format === 'png') {
      fs.writeFileSync(o.out!, renderHeatmapPng(grid));
      return;
    }
    body = heatmapToJson(grid);
  } else if (view === 'liqmap') {
    const price = src.lastClose;
    const priceLo = priceLoOpt ?? price * 0.85;
    const priceHi = priceHiOpt ?? price * 1.15;
    if (!(priceHi > priceLo)) throw new UsageError('--price-hi must exceed --price-lo');
    body = liqMap(model, { ...filter, at, priceLo, priceHi, buckets: rows });
  } else {
    body = clustersToJson(clusters(model, { ...filter, at, top }));
  }
  const text = `${JSON.stringify(body)}\n`;
  if (o.out) fs.writeFileSync(o.out, text);
  else process.stdout.write(text);
}
