// PostgreSQL connection strings: `postgres://user:pass@host:5432/db?schema=liqmap`. The `schema`
// parameter is ours (default `liqmap`); the rest goes to node-postgres unchanged.
export interface PgTarget {
  /** Connection string without the schema parameter. */
  readonly connectionString: string;
  readonly schema: string;
  /** The connection string with any password replaced by `***`, for messages. */
  readonly redacted: string;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export function parsePgUrl(url: string, defaultSchema = 'liqmap'): PgTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a PostgreSQL URL: ${url.replace(/:[^:@/]*@/, ':***@')}`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error(`expected a postgres:// URL, got ${u.protocol}//…`);
  const schema = u.searchParams.get('schema') ?? defaultSchema;
  if (!SCHEMA_RE.test(schema)) throw new Error(`schema "${schema}": use lower-case letters, digits and _ (at most 63)`);
  u.searchParams.delete('schema');
  const connectionString = u.toString();
  if (u.password) u.password = '***';
  return { connectionString, schema, redacted: `${u.toString()}${u.search ? '&' : '?'}schema=${schema}` };
}
