// PostgreSQL schema versions, applied in order inside one transaction under an advisory lock (several
// processes may start at once). liqmap_migrations holds the versions applied. Never edit a released
// migration: add the next one. The tables mirror the SQLite store's, one row per bar (PostgreSQL
// compresses and vacuums on its own, so there are no day chunks).
import type { PoolClient } from 'pg';
import { StoreError } from '../errors.js';

export interface PgMigration {
  readonly version: number;
  readonly sql: string;
}

export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE bars (
        venue text NOT NULL,
        market text NOT NULL,
        duration_ms integer NOT NULL,
        ts bigint NOT NULL,
        open float8 NOT NULL,
        high float8 NOT NULL,
        low float8 NOT NULL,
        close float8 NOT NULL,
        vwap float8 NOT NULL,
        buy_volume float8 NOT NULL,
        sell_volume float8 NOT NULL,
        trades float8 NOT NULL,
        oi_btc float8,
        oi_usd float8,
        mark_high float8,
        mark_low float8,
        mark_close float8,
        funding_rate float8,
        liq_long_btc float8 NOT NULL,
        liq_long_usd float8 NOT NULL,
        liq_long_count float8 NOT NULL,
        liq_short_btc float8 NOT NULL,
        liq_short_usd float8 NOT NULL,
        liq_short_count float8 NOT NULL,
        gap boolean NOT NULL,
        PRIMARY KEY (venue, market, duration_ms, ts)
      );
      CREATE INDEX bars_by_time ON bars (duration_ms, ts);
      CREATE TABLE liquidations (
        ts bigint NOT NULL,
        venue text NOT NULL,
        market text NOT NULL,
        side smallint NOT NULL, -- 0 long, 1 short (the position liquidated)
        price float8 NOT NULL,
        qty float8 NOT NULL,
        notional_usd float8 NOT NULL,
        recv_ts bigint NOT NULL,
        PRIMARY KEY (ts, venue, market, side, price, qty)
      );
      CREATE TABLE checkpoints (
        id bigserial PRIMARY KEY,
        params_hash text NOT NULL,
        venues text NOT NULL,
        ts bigint NOT NULL,
        data bytea NOT NULL,
        created_at bigint NOT NULL
      );
      CREATE INDEX checkpoints_lookup ON checkpoints (params_hash, venues, ts);
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
    `,
  },
  {
    // Closed bars' heatmap columns (src/app/heatmap-column.ts), written by the model process.
    version: 2,
    sql: `
      CREATE TABLE heatmap_columns (
        duration_ms integer NOT NULL,
        ts bigint NOT NULL,
        price float8 NOT NULL,
        price_lo float8 NOT NULL,
        price_hi float8 NOT NULL,
        long_usd float8[] NOT NULL,
        short_usd float8[] NOT NULL,
        PRIMARY KEY (duration_ms, ts)
      );
    `,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1]?.version ?? 0;

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** Create the schema if needed and bring it to PG_SCHEMA_VERSION; returns the version found before. */
export async function migratePg(c: PoolClient, schema: string, location: string): Promise<number> {
  await c.query('BEGIN');
  try {
    await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`liqmap:${schema}`]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await c.query(`CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.liqmap_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const r = await c.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${quoteIdent(schema)}.liqmap_migrations`);
    const from = r.rows[0]?.v ?? 0;
    if (from > PG_SCHEMA_VERSION) {
      throw new StoreError(
        `${location} (schema ${schema}) is at version ${from}, newer than this liqmap understands (${PG_SCHEMA_VERSION}): upgrade liqmap or point --db at another schema`,
        'newer',
        location,
      );
    }
    await c.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    for (const m of PG_MIGRATIONS) {
      if (m.version <= from) continue;
      await c.query(m.sql);
      await c.query('INSERT INTO liqmap_migrations (version) VALUES ($1)', [m.version]);
    }
    await c.query('COMMIT');
    return from;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
