// The embedded Store: one SQLite file in WAL mode (better-sqlite3). Every write is one
// transaction; SQLite calls are synchronous and short, wrapped in Promises for the interface.
import fs from 'node:fs';
import type { Database, Statement } from 'better-sqlite3';
import type { Bar } from '../../bars/bar.js';
import type { LiquidationEvent, VenueId } from '../../core/events.js';
import { checkBar, checkLiquidation } from '../check.js';
import { mergeSeriesToBars, type BarColumns } from '../columns.js';
import type {
  BarQuery,
  Checkpoint,
  CheckpointQuery,
  LiquidationQuery,
  StepResult,
  Store,
  StoreStats,
  WriteMode,
} from '../store.js';
import { BarTables, DAY_MS, dayOf } from './bar-tables.js';
import { openDatabase, storeError, type OpenOptions } from './open.js';

/** Rows older than this are folded into day chunks. */
const COMPACT_AGE_MS = 10 * 60_000;
/** A series-day is compacted once it has this many rows, or when its day is over. */
const COMPACT_MIN_ROWS = 60;
/** Checkpoints older than this are thinned to the newest one per UTC day (a checkpoint holds the
 * model's whole history, tens of MB: recent ones serve restarts, daily ones serve audits). */
const CHECKPOINT_KEEP_ALL_MS = 2 * 3_600_000;
/** A WAL larger than this is folded in on the write path (maintenance normally does it first). */
const WAL_MAX_BYTES = 64 * 1024 * 1024;

interface LiqRow {
  ts: number;
  venue: VenueId;
  market: string;
  side: number;
  price: number;
  qty: number;
  notional_usd: number;
  recv_ts: number;
}

export class SqliteStore implements Store {
  readonly location: string;
  private readonly bars: BarTables;
  private readonly st: Record<string, Statement>;
  private writesSinceWalCheck = 0;
  private readonly readonly: boolean;

  private constructor(
    private readonly db: Database,
    readonly file: string,
  ) {
    this.location = `sqlite:${file}`;
    this.readonly = db.readonly;
    this.bars = new BarTables(db);
    this.st = {
      insLiq: db.prepare(
        'INSERT OR IGNORE INTO liquidations (ts, venue, market, side, price, qty, notional_usd, recv_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insCp: db.prepare('INSERT INTO checkpoints (params_hash, venues, ts, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      latestCp: db.prepare('SELECT ts, data FROM checkpoints WHERE params_hash = ? AND venues = ? AND ts <= ? ORDER BY ts DESC, id DESC LIMIT 1'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?'),
      setMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      compactable: db.prepare(
        `SELECT series_id AS seriesId, ts / ${DAY_MS} AS day, count(*) AS n FROM bar_rows WHERE ts < ?
         GROUP BY series_id, day HAVING day < ? OR n >= ${COMPACT_MIN_ROWS} ORDER BY day LIMIT ?`,
      ),
      oldChunks: db.prepare('SELECT series_id AS seriesId, day FROM bar_chunks WHERE day < ? LIMIT ?'),
      delChunk: db.prepare('DELETE FROM bar_chunks WHERE series_id = ? AND day = ?'),
      delOldRows: db.prepare('DELETE FROM bar_rows WHERE (series_id, ts) IN (SELECT series_id, ts FROM bar_rows WHERE ts < ? LIMIT ?)'),
      delOldLiqs: db.prepare(
        `DELETE FROM liquidations WHERE (ts, venue, market, side, price, qty) IN
           (SELECT ts, venue, market, side, price, qty FROM liquidations WHERE ts < ? LIMIT ?)`,
      ),
      oldCps: db.prepare('SELECT id, params_hash AS p, venues AS v, ts FROM checkpoints WHERE ts < ? ORDER BY ts DESC, id DESC'),
      newestCps: db.prepare('SELECT max(id) FROM checkpoints GROUP BY params_hash, venues'),
      delCp: db.prepare('DELETE FROM checkpoints WHERE id = ?'),
    };
  }

  static open(dataDir: string, opts: OpenOptions = {}): SqliteStore {
    const { db, file } = openDatabase(dataDir, opts);
    return new SqliteStore(db, file);
  }

  private guard<T>(doing: string, fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(storeError(e, this.file, doing));
    }
  }

  putBars(bars: readonly Bar[], mode: WriteMode = 'replace'): Promise<void> {
    return this.guard('writing bars to', () => {
      for (const b of bars) checkBar(b);
      if (bars.length) this.db.transaction(() => this.bars.put(bars, mode)).immediate();
      this.walSafetyNet();
    });
  }

  /**
   * The WAL is folded into the database by compact() (maintenance), not on commit, so a live
   * write never pays for a checkpoint; this only steps in when maintenance has not run for long.
   */
  private walSafetyNet(): void {
    if (++this.writesSinceWalCheck < 256) return;
    this.writesSinceWalCheck = 0;
    let size: number;
    try {
      size = fs.statSync(`${this.file}-wal`).size;
    } catch {
      return;
    }
    if (size > WAL_MAX_BYTES) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  readColumns(q: BarQuery): Promise<BarColumns[]> {
    return this.guard('reading bars from', () => this.db.transaction(() => this.bars.read(q)).deferred());
  }

  async readBars(q: BarQuery): Promise<Bar[]> {
    return mergeSeriesToBars(await this.readColumns(q));
  }

  lastBarTs(venue: VenueId, market?: string, durationMs = 60_000): Promise<number | null> {
    return this.guard('reading', () => {
      const ids = this.bars.seriesMatching({ venues: [venue], ...(market ? { markets: [market] } : {}), durationMs }).map((s) => s.id);
      if (!ids.length) return null;
      const list = ids.join(',');
      const r = this.db
        .prepare(`SELECT max(t) AS t FROM (SELECT max(last_ts) AS t FROM bar_chunks WHERE series_id IN (${list}) UNION ALL SELECT max(ts) FROM bar_rows WHERE series_id IN (${list}))`)
        .get() as { t: number | null };
      return r.t;
    });
  }

  putLiquidations(events: readonly LiquidationEvent[]): Promise<void> {
    return this.guard('writing liquidations to', () => {
      for (const e of events) checkLiquidation(e);
      this.db
        .transaction(() => {
          for (const e of events) this.st.insLiq!.run(e.ts, e.venue, e.market, e.side === 'long' ? 0 : 1, e.price, e.qty, e.notionalUsd, e.recvTs);
        })
        .immediate();
    });
  }

  readLiquidations(q: LiquidationQuery): Promise<LiquidationEvent[]> {
    return this.guard('reading liquidations from', () => {
      const rows = this.db.prepare('SELECT * FROM liquidations WHERE ts >= ? AND ts < ? ORDER BY ts, venue, market, side, price, qty').all(q.fromMs, q.toMs) as LiqRow[];
      return rows
        .filter((r) => !q.venues || q.venues.includes(r.venue))
        .map((r) => ({
          kind: 'liquidation' as const,
          venue: r.venue,
          market: r.market,
          ts: r.ts,
          recvTs: r.recv_ts,
          price: r.price,
          qty: r.qty,
          notionalUsd: r.notional_usd,
          side: r.side === 0 ? ('long' as const) : ('short' as const),
        }));
    });
  }

  putCheckpoint(cp: Checkpoint): Promise<void> {
    return this.guard('writing a checkpoint to', () => {
      if (!Number.isSafeInteger(cp.ts)) throw new Error(`checkpoint ts must be an integer, got ${cp.ts}`);
      this.st.insCp!.run(cp.paramsHash, venueList(cp.venues), cp.ts, Buffer.from(cp.data.buffer, cp.data.byteOffset, cp.data.byteLength), Date.now());
    });
  }

  latestCheckpoint(q: CheckpointQuery): Promise<Checkpoint | null> {
    return this.guard('reading a checkpoint from', () => {
      const r = this.st.latestCp!.get(q.paramsHash, venueList(q.venues), q.atOrBefore ?? Number.MAX_SAFE_INTEGER) as { ts: number; data: Buffer } | undefined;
      if (!r) return null;
      return { ts: r.ts, venues: [...q.venues].sort(), paramsHash: q.paramsHash, data: new Uint8Array(r.data) };
    });
  }

  getMeta(key: string): Promise<string | null> {
    return this.guard('reading', () => (this.st.getMeta!.get(key) as { value: string } | undefined)?.value ?? null);
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.guard('writing', () => void this.st.setMeta!.run(key, value));
  }

  compact(nowMs: number, maxSteps = 8): Promise<StepResult> {
    return this.guard('compacting', () => {
      const todo = this.st.compactable!.all(nowMs - COMPACT_AGE_MS, dayOf(nowMs - COMPACT_AGE_MS), maxSteps + 1) as { seriesId: number; day: number }[];
      const steps = todo.slice(0, maxSteps);
      for (const t of steps) this.db.transaction(() => this.bars.compactDay(t.seriesId, t.day)).immediate();
      if (!this.readonly) this.db.pragma('wal_checkpoint(PASSIVE)');
      return { done: steps.length, more: todo.length > maxSteps };
    });
  }

  prune(beforeMs: number, maxSteps = 16): Promise<StepResult> {
    return this.guard('pruning', () =>
      this.db
        .transaction((): StepResult => {
          const batch = maxSteps * 1000;
          const chunks = this.st.oldChunks!.all(dayOf(beforeMs), maxSteps + 1) as { seriesId: number; day: number }[];
          let done = 0;
          for (const c of chunks.slice(0, maxSteps)) done += this.st.delChunk!.run(c.seriesId, c.day).changes;
          const rows = this.st.delOldRows!.run(beforeMs, batch).changes;
          const liqs = this.st.delOldLiqs!.run(beforeMs, batch).changes;
          const cps = this.pruneCheckpoints(beforeMs, maxSteps);
          done += rows + liqs + cps;
          return { done, more: chunks.length > maxSteps || rows === batch || liqs === batch || cps === maxSteps };
        })
        .immediate(),
    );
  }

  /** Drop checkpoints older than `beforeMs` and thin those older than two hours to one per UTC day; the newest of each model always stays. */
  private pruneCheckpoints(beforeMs: number, max: number): number {
    const newest = new Set(this.st.newestCps!.pluck().all() as number[]);
    const cands = this.st.oldCps!.all(Math.max(beforeMs, Date.now() - CHECKPOINT_KEEP_ALL_MS)) as { id: number; p: string; v: string; ts: number }[];
    const keptDay = new Set<string>();
    let n = 0;
    for (const c of cands) {
      if (n >= max) break;
      if (newest.has(c.id)) continue;
      const day = `${c.p}\u0000${c.v}\u0000${dayOf(c.ts)}`;
      const keep = c.ts >= beforeMs && !keptDay.has(day);
      if (keep) keptDay.add(day);
      else n += this.st.delCp!.run(c.id).changes;
    }
    return n;
  }

  stats(): Promise<StoreStats> {
    return this.guard('reading statistics of', () => {
      const size = (f: string): number => {
        try {
          return fs.statSync(f).size;
        } catch {
          return 0;
        }
      };
      const bytes = size(this.file) + size(`${this.file}-wal`);
      const g = (sql: string): number => (this.db.prepare(sql).pluck().get() as number | null) ?? 0;
      const venueDays = g(`SELECT count(*) FROM (
          SELECT s.venue, c.day FROM bar_chunks c JOIN series s ON s.id = c.series_id
          UNION SELECT s.venue, r.ts / ${DAY_MS} FROM bar_rows r JOIN series s ON s.id = r.series_id)`);
      const first = this.db.prepare('SELECT min(t) FROM (SELECT min(first_ts) AS t FROM bar_chunks UNION ALL SELECT min(ts) FROM bar_rows)').pluck().get() as number | null;
      const last = this.db.prepare('SELECT max(t) FROM (SELECT max(last_ts) AS t FROM bar_chunks UNION ALL SELECT max(ts) FROM bar_rows)').pluck().get() as number | null;
      return {
        bytes,
        bars: g('SELECT (SELECT coalesce(sum(n), 0) FROM bar_chunks) + (SELECT count(*) FROM bar_rows)'),
        venueDays,
        bytesPerVenueDay: venueDays ? Math.round(bytes / venueDays) : 0,
        liquidations: g('SELECT count(*) FROM liquidations'),
        checkpoints: g('SELECT count(*) FROM checkpoints'),
        firstTs: first,
        lastTs: last,
      };
    });
  }

  /** Fold the WAL into the main file (run after bulk imports so the size figure is true). */
  checkpointWal(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  close(): Promise<void> {
    return this.guard('closing', () => {
      if (this.db.open) this.db.close();
    });
  }
}

function venueList(venues: readonly VenueId[]): string {
  return [...new Set(venues)].sort().join(',');
}
