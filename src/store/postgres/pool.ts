// The connection pool every PostgreSQL-backed store uses: search_path set to the target's schema,
// bigint columns read as numbers (ms timestamps fit), idle-connection errors reported, not thrown.
import pg from 'pg';
import type { PgTarget } from './url.js';

export interface PgPoolOptions {
  /** Pool size. */
  readonly maxConnections: number;
  /** Reported to PostgreSQL as application_name. */
  readonly applicationName: string;
  /** Called with errors of idle pooled connections (e.g. the server restarted); they are replaced on next use. */
  onIdleError?(e: Error): void;
}

const INT8_OID = 20;

export function createPgPool(target: PgTarget, o: PgPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: o.maxConnections,
    application_name: o.applicationName,
    options: `-c search_path=${target.schema}`,
    connectionTimeoutMillis: 5000,
    types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format ?? 'text')) },
  });
  pool.on('error', (e) => o.onIdleError?.(e));
  return pool;
}

/**
 * `setUp` run once on a pooled client (schema migration, table creation), on first use; a failed attempt
 * is forgotten so the next call tries again (a process may start before the database is up).
 */
export function onceOnClient(pool: pg.Pool, setUp: (c: pg.PoolClient) => Promise<unknown>): () => Promise<void> {
  let ready: Promise<void> | null = null;
  return () =>
    (ready ??= (async () => {
      const c = await pool.connect();
      try {
        await setUp(c);
      } finally {
        c.release();
      }
    })().catch((e: unknown) => {
      ready = null;
      throw e;
    }));
}
