// Test helpers for the PostgreSQL store: the test server from LIQMAP_TEST_PG_URL (skip when unset or
// unreachable) and stores in fresh schemas, dropped after the run.
import pg from 'pg';
import { PostgresStore, type PgStoreOptions } from './store.js';
import { parsePgUrl } from './url.js';

export interface PgTestServer {
  readonly url: string;
  /** Why the PostgreSQL tests are skipped, or null when they run. */
  readonly skip: string | null;
}

export async function pgTestServer(): Promise<PgTestServer> {
  const url = process.env.LIQMAP_TEST_PG_URL;
  if (!url) return { url: '', skip: 'LIQMAP_TEST_PG_URL is unset (.ci/run exports it and starts PostgreSQL)' };
  const c = new pg.Client({ connectionString: parsePgUrl(url).connectionString, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return { url, skip: null };
  } catch (e) {
    return { url, skip: `PostgreSQL at ${parsePgUrl(url).redacted} is unreachable (${(e as Error).message})` };
  } finally {
    await c.end().catch(() => undefined);
  }
}

let serial = 0;
const RUN = `${process.pid.toString(36)}${Date.now().toString(36)}`;

/** A schema name no other test run uses. */
export function uniqueSchema(tag = 't'): string {
  return `lqt_${tag}_${RUN}_${++serial}`;
}

/** `url` pointed at `schema`. */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** Stores in fresh schemas; `dropAll` removes every schema made. */
export class PgSchemas {
  private readonly made: string[] = [];
  constructor(private readonly url: string) {}

  open(o: PgStoreOptions & { schema?: string } = {}): PostgresStore {
    const schema = o.schema ?? uniqueSchema();
    if (!this.made.includes(schema)) this.made.push(schema);
    return PostgresStore.open(withSchema(this.url, schema), o);
  }

  async dropAll(): Promise<void> {
    const c = new pg.Client({ connectionString: parsePgUrl(this.url).connectionString });
    await c.connect();
    try {
      for (const s of this.made.splice(0)) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    } finally {
      await c.end();
    }
  }
}
