// Schema versions, applied in order at start inside one transaction; PRAGMA user_version holds
// the version reached. Never edit a released migration: add the next one.
import type { Database } from 'better-sqlite3';

/** PRAGMA application_id of a liqmap database: 'LqMp'. */
export const APPLICATION_ID = 0x4c714d70;

export interface Migration {
  readonly version: number;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
      -- one row per (venue, market, bar length)
      CREATE TABLE series (
        id INTEGER PRIMARY KEY,
        venue TEXT NOT NULL,
        market TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        UNIQUE (venue, market, duration_ms)
      );
      -- closed history: one columnar blob per series and UTC day (src/store/codec.ts)
      CREATE TABLE bar_chunks (
        series_id INTEGER NOT NULL REFERENCES series (id),
        day INTEGER NOT NULL,
        n INTEGER NOT NULL,
        first_ts INTEGER NOT NULL,
        last_ts INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (series_id, day)
      ) WITHOUT ROWID;
      -- recent bars, one blob each, folded into bar_chunks by compaction; they win over chunks
      CREATE TABLE bar_rows (
        series_id INTEGER NOT NULL REFERENCES series (id),
        ts INTEGER NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (series_id, ts)
      ) WITHOUT ROWID;
      CREATE TABLE liquidations (
        ts INTEGER NOT NULL,
        venue TEXT NOT NULL,
        market TEXT NOT NULL,
        side INTEGER NOT NULL, -- 0 long, 1 short (the position liquidated)
        price REAL NOT NULL,
        qty REAL NOT NULL,
        notional_usd REAL NOT NULL,
        recv_ts INTEGER NOT NULL,
        PRIMARY KEY (ts, venue, market, side, price, qty)
      ) WITHOUT ROWID;
      CREATE TABLE checkpoints (
        id INTEGER PRIMARY KEY,
        params_hash TEXT NOT NULL,
        venues TEXT NOT NULL,
        ts INTEGER NOT NULL,
        data BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX checkpoints_lookup ON checkpoints (params_hash, venues, ts);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Bring the schema to SCHEMA_VERSION; returns the version found before. */
export function migrate(db: Database): number {
  const from = db.pragma('user_version', { simple: true }) as number;
  const pending = MIGRATIONS.filter((m) => m.version > from);
  if (pending.length === 0) return from;
  db.transaction(() => {
    if (from === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    for (const m of pending) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return from;
}
