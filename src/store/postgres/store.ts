// The scale-out Store on PostgreSQL (node-postgres pool). Same contract as the SQLite store (the
// shared suite in src/store/contract.ts runs against both). Opening is synchronous; the schema is
// migrated on first use, and again after a failed attempt, so a process may start before the
// database is up. Each write is one statement, hence atomic.
import type pg from 'pg';
import type { HeatmapColumn } from '../../app/heatmap-column.js';
import { createPgPool, onceOnClient } from './pool.js';
import type { Bar } from '../../bars/bar.js';
import type { LiquidationEvent, VenueId } from '../../core/events.js';
import { checkBar, checkLiquidation } from '../check.js';
import { barOrder, barToRow, rowsToColumns, type BarColumns } from '../columns.js';
import { StoreError } from '../errors.js';
import type { BarQuery, Checkpoint, CheckpointQuery, LiquidationQuery, StepResult, Store, StoreStats, WriteMode } from '../store.js';
import { insertBarsParams, insertBarsSql, rowToBar, SELECT_BAR_COLUMNS, type BarRow } from './bar-rows.js';
import { insertColumns, selectColumns, type ColumnQuery } from './heatmap-columns.js';
import { migratePg } from './migrations.js';
import { pruneCheckpoints } from './prune.js';
import { parsePgUrl, type PgTarget } from './url.js';

const DAY_MS = 86_400_000;

export interface PgStoreOptions {
  /** Pool size (default 4). */
  readonly maxConnections?: number;
  /** Reported to PostgreSQL as application_name (default `liqmap`). */
  readonly applicationName?: string;
  /** Called with errors of idle pooled connections (e.g. the server restarted); they are replaced on next use. */
  onIdleError?(e: Error): void;
}

interface LiqRow {
  ts: string;
  venue: VenueId;
  market: string;
  side: number;
  price: number;
  qty: number;
  notional_usd: number;
  recv_ts: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const venueList = (venues: readonly VenueId[]): string => [...new Set(venues)].sort().join(',');

export class PostgresStore implements Store {
  readonly location: string;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly migrated: () => Promise<void>;

  private constructor(target: PgTarget, o: PgStoreOptions) {
    this.location = target.redacted;
    this.schema = target.schema;
    this.pool = createPgPool(target, {
      maxConnections: o.maxConnections ?? 4,
      applicationName: o.applicationName ?? 'liqmap',
      ...(o.onIdleError ? { onIdleError: o.onIdleError } : {}),
    });
    this.migrated = onceOnClient(this.pool, (c) => migratePg(c, this.schema, this.location));
  }

  static open(url: string, o: PgStoreOptions = {}): PostgresStore {
    return new PostgresStore(parsePgUrl(url), o);
  }

  /** Run `fn` once the schema is migrated; failures name the database and say what was being done. */
  private async run<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    try {
      await this.migrated();
      return await fn();
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const err = new StoreError(`PostgreSQL ${this.location}: ${doing} failed: ${(e as Error).message}`, 'io', this.location);
      err.cause = e;
      throw err;
    }
  }

  private q<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(sql, params);
  }

  /** A round trip to the server (health probes). */
  ping(): Promise<void> {
    return this.run('ping', async () => void (await this.q('SELECT 1')));
  }

  async putBars(bars: readonly Bar[], mode: WriteMode = 'replace'): Promise<void> {
    for (const b of bars) checkBar(b);
    if (!bars.length) return;
    await this.run('writing bars', async () => void (await this.q(insertBarsSql(mode), insertBarsParams(bars))));
  }

  async readBars(q: BarQuery): Promise<Bar[]> {
    if (!(q.toMs > q.fromMs)) return [];
    const rows = await this.run('reading bars', async () => {
      const r = await this.q<BarRow>(
        `SELECT ${SELECT_BAR_COLUMNS} FROM bars WHERE duration_ms = $1 AND ts >= $2 AND ts < $3
           AND ($4::text[] IS NULL OR venue = ANY($4)) AND ($5::text[] IS NULL OR market = ANY($5))`,
        [q.durationMs ?? 60_000, q.fromMs, q.toMs, q.venues ?? null, q.markets ?? null],
      );
      return r.rows;
    });
    return rows.map(rowToBar).sort(barOrder);
  }

  async readColumns(q: BarQuery): Promise<BarColumns[]> {
    const bars = await this.readBars(q);
    const series = new Map<string, Bar[]>();
    for (const b of bars) {
      const k = `${b.venue}\u0000${b.market}`;
      const list = series.get(k);
      if (list) list.push(b);
      else series.set(k, [b]);
    }
    return [...series.values()]
      .sort((a, b) => cmp((a[0] as Bar).venue, (b[0] as Bar).venue) || cmp((a[0] as Bar).market, (b[0] as Bar).market))
      .map((list) => {
        const b0 = list[0] as Bar;
        return rowsToColumns({ venue: b0.venue, market: b0.market, durationMs: b0.durationMs }, list.map((b) => barToRow(b)));
      });
  }

  lastBarTs(venue: VenueId, market?: string, durationMs = 60_000): Promise<number | null> {
    return this.run('reading', async () => {
      const r = await this.q<{ t: number | null }>('SELECT max(ts) AS t FROM bars WHERE venue = $1 AND duration_ms = $2 AND ($3::text IS NULL OR market = $3)', [
        venue,
        durationMs,
        market ?? null,
      ]);
      return r.rows[0]?.t ?? null;
    });
  }

  async putLiquidations(events: readonly LiquidationEvent[]): Promise<void> {
    for (const e of events) checkLiquidation(e);
    if (!events.length) return;
    await this.run('writing liquidations', async () => {
      await this.q(
        `INSERT INTO liquidations (ts, venue, market, side, price, qty, notional_usd, recv_ts)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::smallint[], $5::float8[], $6::float8[], $7::float8[], $8::bigint[])
         ON CONFLICT DO NOTHING`,
        [
          events.map((e) => e.ts),
          events.map((e) => e.venue),
          events.map((e) => e.market),
          events.map((e) => (e.side === 'long' ? 0 : 1)),
          events.map((e) => String(e.price)),
          events.map((e) => String(e.qty)),
          events.map((e) => String(e.notionalUsd)),
          events.map((e) => e.recvTs),
        ],
      );
    });
  }

  async readLiquidations(q: LiquidationQuery): Promise<LiquidationEvent[]> {
    const rows = await this.run('reading liquidations', async () => {
      const r = await this.q<LiqRow>('SELECT * FROM liquidations WHERE ts >= $1 AND ts < $2 AND ($3::text[] IS NULL OR venue = ANY($3))', [q.fromMs, q.toMs, q.venues ?? null]);
      return r.rows;
    });
    return rows
      .map((r) => ({
        kind: 'liquidation' as const,
        venue: r.venue,
        market: r.market,
        ts: Number(r.ts),
        recvTs: Number(r.recv_ts),
        price: r.price,
        qty: r.qty,
        notionalUsd: r.notional_usd,
        side: r.side === 0 ? ('long' as const) : ('short' as const),
      }))
      .sort((a, b) => a.ts - b.ts || cmp(a.venue, b.venue) || cmp(a.market, b.market) || cmp(a.side, b.side) || a.price - b.price || a.qty - b.qty);
  }

  async putCheckpoint(cp: Checkpoint): Promise<void> {
    if (!Number.isSafeInteger(cp.ts)) throw new Error(`checkpoint ts must be an integer, got ${cp.ts}`);
    await this.run('writing a checkpoint', async () => {
      await this.q('INSERT INTO checkpoints (params_hash, venues, ts, data, created_at) VALUES ($1, $2, $3, $4, $5)', [
        cp.paramsHash,
        venueList(cp.venues),
        cp.ts,
        Buffer.from(cp.data.buffer, cp.data.byteOffset, cp.data.byteLength),
        Date.now(),
      ]);
    });
  }

  latestCheckpoint(q: CheckpointQuery): Promise<Checkpoint | null> {
    return this.run('reading a checkpoint', async () => {
      const r = await this.q<{ ts: number; data: Buffer }>(
        'SELECT ts, data FROM checkpoints WHERE params_hash = $1 AND venues = $2 AND ts <= $3 ORDER BY ts DESC, id DESC LIMIT 1',
        [q.paramsHash, venueList(q.venues), q.atOrBefore ?? Number.MAX_SAFE_INTEGER],
      );
      const row = r.rows[0];
      if (!row) return null;
      return { ts: row.ts, venues: [...q.venues].sort(), paramsHash: q.paramsHash, data: new Uint8Array(row.data) };
    });
  }

  /** Closed bars' heatmap columns (scale-out: the model process writes, serve replicas read). */
  putHeatmapColumns(cols: readonly HeatmapColumn[], durationMs = 60_000): Promise<void> {
    return this.run('writing heatmap columns', () => insertColumns((sql, p) => this.q(sql, p), cols, durationMs));
  }

  readHeatmapColumns(q: ColumnQuery): Promise<HeatmapColumn[]> {
    return this.run('reading heatmap columns', () => selectColumns((sql, p) => this.q(sql, p), q));
  }

  getMeta(key: string): Promise<string | null> {
    return this.run('reading', async () => (await this.q<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]?.value ?? null);
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.run('writing', async () => void (await this.q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value])));
  }

  /** PostgreSQL keeps one row per bar and vacuums on its own: there is nothing to fold. */
  async compact(_nowMs: number, _maxSteps?: number): Promise<StepResult> {
    return { done: 0, more: false };
  }

  prune(beforeMs: number, maxSteps = 16): Promise<StepResult> {
    return this.run('pruning', async () => {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const days = await c.query<{ venue: string; market: string; duration_ms: number; day: number }>(
          `SELECT DISTINCT venue, market, duration_ms, div(ts, ${DAY_MS})::bigint AS day FROM bars WHERE ts < $1 ORDER BY day LIMIT $2`,
          [beforeMs, maxSteps + 1],
        );
        let done = 0;
        for (const d of days.rows.slice(0, maxSteps)) {
          const r = await c.query('DELETE FROM bars WHERE venue = $1 AND market = $2 AND duration_ms = $3 AND ts >= $4 AND ts < $5', [
            d.venue,
            d.market,
            d.duration_ms,
            d.day * DAY_MS,
            Math.min((d.day + 1) * DAY_MS, beforeMs),
          ]);
          done += r.rowCount ?? 0;
        }
        const batch = maxSteps * 1000;
        const liqs = (await c.query('DELETE FROM liquidations WHERE ctid IN (SELECT ctid FROM liquidations WHERE ts < $1 LIMIT $2)', [beforeMs, batch])).rowCount ?? 0;
        const cols = (await c.query('DELETE FROM heatmap_columns WHERE ctid IN (SELECT ctid FROM heatmap_columns WHERE ts < $1 LIMIT $2)', [beforeMs, batch])).rowCount ?? 0;
        const cps = await pruneCheckpoints(c, beforeMs, maxSteps);
        await c.query('COMMIT');
        return { done: done + liqs + cols + cps, more: days.rows.length > maxSteps || liqs === batch || cols === batch || cps === maxSteps };
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    });
  }

  stats(): Promise<StoreStats> {
    return this.run('reading statistics', async () => {
      const r = await this.q<{ bytes: number; bars: number; venue_days: number; liqs: number; cps: number; first: number | null; last: number | null }>(
        `SELECT
           (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = current_schema() AND c.relkind = 'r') AS bytes,
           (SELECT count(*) FROM bars) AS bars,
           (SELECT count(*) FROM (SELECT DISTINCT venue, div(ts, ${DAY_MS}) FROM bars) d) AS venue_days,
           (SELECT count(*) FROM liquidations) AS liqs,
           (SELECT count(*) FROM checkpoints) AS cps,
           (SELECT min(ts) FROM bars) AS first,
           (SELECT max(ts) FROM bars) AS last`,
      );
      const s = r.rows[0];
      if (!s) throw new Error('no statistics row');
      const venueDays = Number(s.venue_days);
      return {
        bytes: s.bytes,
        bars: s.bars,
        venueDays,
        bytesPerVenueDay: venueDays ? Math.round(s.bytes / venueDays) : 0,
        liquidations: s.liqs,
        checkpoints: s.cps,
        firstTs: s.first,
        lastTs: s.last,
      };
    });
  }

  /** Drop this store's schema and everything in it (tests, `liqmap` never calls it). */
  async dropSchema(): Promise<void> {
    await this.pool.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
