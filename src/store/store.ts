// The storage contract (DESIGN §5). liqmap stores the model's inputs — bars (with OI, mark,
// funding and real-liquidation totals), real liquidation events — and opaque model
// checkpoints; every view is rebuilt from them. SQLite (src/store/sqlite/) implements it;
// the PostgreSQL backend of the scale-out issue implements the same interface in one file.
import type { Bar } from '../bars/bar.js';
import type { LiquidationEvent, VenueId } from '../core/events.js';
import type { BarColumns } from './columns.js';

/**
 * How a write meets bars already stored for the same (venue, market, durationMs, ts):
 * - `replace`: the new bar wins (live bars, corrections);
 * - `fill`: the stored bar wins; only its null fields (OI, mark, funding) and, when it has no
 *   liquidations, its liquidation totals are taken from the new bar (backfill, imports).
 */
export type WriteMode = 'replace' | 'fill';

export interface BarQuery {
  /** Bars with fromMs <= ts < toMs (bar open time). */
  readonly fromMs: number;
  readonly toMs: number;
  /** Default: every venue. */
  readonly venues?: readonly VenueId[];
  /** Default: every market of the selected venues. */
  readonly markets?: readonly string[];
  /** Bar length; default 60 000 (live 1-minute bars). */
  readonly durationMs?: number;
}

export interface LiquidationQuery {
  readonly fromMs: number;
  readonly toMs: number;
  readonly venues?: readonly VenueId[];
}

/** A model checkpoint: opaque bytes plus what they depend on. */
export interface Checkpoint {
  /** The state includes every bar with ts <= this (bar open time, ms). */
  readonly ts: number;
  /** Venues the model ran over (stored sorted). */
  readonly venues: readonly VenueId[];
  /** Hash of the model parameters; a checkpoint is only valid for the same parameters. */
  readonly paramsHash: string;
  readonly data: Uint8Array;
}

export interface CheckpointQuery {
  readonly paramsHash: string;
  readonly venues: readonly VenueId[];
  /** Latest checkpoint with ts <= atOrBefore; default: the latest of all. */
  readonly atOrBefore?: number;
}

export interface StoreStats {
  /** Database size on disk including its write-ahead log, bytes. */
  readonly bytes: number;
  /** Stored bar records; a bar replaced since the last compaction counts twice until then. */
  readonly bars: number;
  /** Distinct (venue, UTC day) pairs holding bars. */
  readonly venueDays: number;
  /** bytes / venueDays (0 when empty). */
  readonly bytesPerVenueDay: number;
  readonly liquidations: number;
  readonly checkpoints: number;
  /** Oldest and newest bar ts, null when empty. */
  readonly firstTs: number | null;
  readonly lastTs: number | null;
}

/** What one maintenance step did; call again while `more` is true. */
export interface StepResult {
  readonly done: number;
  readonly more: boolean;
}

export interface Store {
  /** `sqlite:<file>` or a redacted connection string: for messages. */
  readonly location: string;

  /** Write bars in one transaction (all or nothing). Pass one bar-close worth on the live path. */
  putBars(bars: readonly Bar[], mode?: WriteMode): Promise<void>;
  /** Bars per series (venue, market), each ts ascending; series sorted by venue then market. */
  readColumns(q: BarQuery): Promise<BarColumns[]>;
  /** The same bars as objects, ordered by ts, venue, market. */
  readBars(q: BarQuery): Promise<Bar[]>;
  /** Newest bar ts of a venue-market (any market when omitted), null when none. */
  lastBarTs(venue: VenueId, market?: string, durationMs?: number): Promise<number | null>;

  /** Real liquidation events; duplicates (same venue, market, ts, side, price, qty) are ignored. */
  putLiquidations(events: readonly LiquidationEvent[]): Promise<void>;
  /** Ordered by ts, venue, market. */
  readLiquidations(q: LiquidationQuery): Promise<LiquidationEvent[]>;

  putCheckpoint(cp: Checkpoint): Promise<void>;
  latestCheckpoint(q: CheckpointQuery): Promise<Checkpoint | null>;

  /** Small persistent key/value notes (backfill and import progress). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  /** Fold recently written bars into compact day chunks; at most `maxSteps` series-days per call. */
  compact(nowMs: number, maxSteps?: number): Promise<StepResult>;
  /** Delete data older than `beforeMs`, at most `maxSteps` series-days per call. */
  prune(beforeMs: number, maxSteps?: number): Promise<StepResult>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
