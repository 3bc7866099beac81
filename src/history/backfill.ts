// Backfill: fetch REST history (1-minute klines and open interest) per venue and market, one
// UTC day per step, and store it as bars (`fill`: never over live data). Venues run in
// parallel, each within its own request rate; finished days are remembered so an interrupted
// run resumes where it stopped.
import type { VenueId } from '../core/events.js';
import type { HttpClient, MarketSpec, VenueHistory } from '../core/venue.js';
import type { Store } from '../store/store.js';
import { Coverage } from './coverage.js';
import type { Progress } from './progress.js';
import { barsFromHistory, OI_MAX_STALENESS_MS } from './to-bars.js';

export const DAY_MS = 86_400_000;
/** Ask for OI a little after the venue's stated limit so the edge sample is not refused. */
const OI_EDGE_MARGIN_MS = 5 * 60_000;

export interface BackfillVenue {
  readonly id: VenueId;
  readonly history: VenueHistory;
  readonly http: HttpClient;
  readonly markets: readonly MarketSpec[];
}

export interface BackfillOptions {
  readonly store: Store;
  readonly venues: readonly BackfillVenue[];
  readonly fromMs: number;
  readonly toMs: number;
  /** For the venues' open-interest look-back limits. */
  readonly nowMs: number;
  /** One fetch-and-write step; default one UTC day. */
  readonly windowMs?: number;
  readonly progress?: Progress;
  readonly signal?: AbortSignal;
}

export interface VenueBackfillResult {
  readonly venue: VenueId;
  readonly markets: number;
  /** Steps fetched now / skipped because an earlier run finished them. */
  readonly windows: number;
  readonly skipped: number;
  readonly bars: number;
  readonly barsWithOi: number;
  readonly dropped: number;
  /** Oldest time the venue serves open-interest history for (null: none). */
  readonly oiFromMs: number | null;
  readonly elapsedMs: number;
  readonly error?: string;
}

interface Window {
  readonly from: number;
  readonly to: number;
}

/** [fromMs, toMs) cut at UTC day (window) boundaries. */
export function windowsOf(fromMs: number, toMs: number, windowMs = DAY_MS): Window[] {
  const out: Window[] = [];
  for (let a = fromMs; a < toMs; ) {
    const b = Math.min(toMs, (Math.floor(a / windowMs) + 1) * windowMs);
    out.push({ from: a, to: b });
    a = b;
  }
  return out;
}

/** Oldest OI the venue serves at `nowMs`, or null when it serves none. */
export function oiHorizon(h: VenueHistory, nowMs: number): number | null {
  if (!(h.oiHistoryMaxAgeMs > 0)) return null;
  return Number.isFinite(h.oiHistoryMaxAgeMs) ? nowMs - h.oiHistoryMaxAgeMs + OI_EDGE_MARGIN_MS : 0;
}

export const coverageKey = (venue: VenueId, market: string): string => `backfill:${venue}:${market}`;

async function backfillVenue(v: BackfillVenue, o: BackfillOptions): Promise<VenueBackfillResult> {
  const started = Date.now();
  const windows = windowsOf(o.fromMs, o.toMs, o.windowMs);
  const horizon = oiHorizon(v.history, o.nowMs);
  const task = o.progress?.task(v.id, windows.length * v.markets.length);
  let done = 0;
  let skipped = 0;
  let bars = 0;
  let barsWithOi = 0;
  let dropped = 0;
  const result = (error?: string): VenueBackfillResult => ({
    venue: v.id,
    markets: v.markets.length,
    windows: done,
    skipped,
    bars,
    barsWithOi,
    dropped,
    oiFromMs: horizon,
    elapsedMs: Date.now() - started,
    ...(error !== undefined ? { error } : {}),
  });
  try {
    for (const m of v.markets) {
      const cov = await Coverage.load(o.store, coverageKey(v.id, m.symbol));
      for (const w of windows) {
        if (o.signal?.aborted) throw new Error('interrupted');
        if (cov.covers(w.from, w.to)) {
          skipped++;
          task?.tick(1, `${m.symbol} ${day(w.from)} done before`);
          continue;
        }
        const klines = await v.history.klines(v.http, m, w.from, w.to);
        const oiFrom = horizon === null ? null : Math.max(horizon, w.from - OI_MAX_STALENESS_MS);
        const oi = oiFrom !== null && oiFrom < w.to ? await v.history.openInterest(v.http, m, oiFrom, w.to) : [];
        const h = barsFromHistory(v.id, m.symbol, klines, oi, { fromMs: w.from, toMs: w.to });
        await o.store.putBars(h.bars, 'fill');
        // only a step whose bars have all closed counts as finished; a partial one is fetched again
        if (w.to <= o.nowMs - 60_000) await cov.add(w.from, w.to);
        done++;
        bars += h.bars.length;
        barsWithOi += h.bars.filter((b) => b.oiBtc !== null).length;
        dropped += h.dropped;
        task?.tick(1, `${m.symbol} ${day(w.from)} ${h.bars.length} bars`);
      }
    }
    task?.finish(`${bars} bars, ${barsWithOi} with OI`);
    return result();
  } catch (e) {
    const msg = (e as Error).message;
    task?.finish(`failed: ${msg}`);
    return result(msg);
  }
}

const day = (ts: number): string => new Date(ts).toISOString().slice(0, 10);

/** Run every venue's backfill (in parallel); one venue failing does not stop the others. */
export async function backfill(o: BackfillOptions): Promise<VenueBackfillResult[]> {
  if (!(o.toMs > o.fromMs)) throw new RangeError('backfill: empty time range');
  return Promise.all(o.venues.map((v) => backfillVenue(v, o)));
}
