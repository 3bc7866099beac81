// AlertStore on PostgreSQL (scale-out): the same tables and semantics as the SQLite store, in the schema
// named by the connection string's `?schema=` (default `liqmap`), created idempotently on first use.
// The model process evaluates and delivers; serve replicas read and write rules through the same tables.
import type pg from 'pg';
import { createPgPool, onceOnClient } from '../store/postgres/pool.js';
import { parsePgUrl, type PgTarget } from '../store/postgres/url.js';
import type { Firing } from './rule.js';
import { toDelivery, toRule, type DeliveryRow, type RuleRow } from './rows.js';
import type { AlertStore, Delivery, StoredRule } from './store.js';

const quoteIdent = (s: string): string => `"${s.replace(/"/g, '""')}"`;

const schemaSql = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};
CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.alert_rules (id text PRIMARY KEY, created_ts bigint NOT NULL, spec text NOT NULL, secret text);
CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.alert_firings (id text PRIMARY KEY, rule_id text NOT NULL, ts bigint NOT NULL, body text NOT NULL);
CREATE INDEX IF NOT EXISTS alert_firings_ts ON ${quoteIdent(schema)}.alert_firings (ts);
CREATE TABLE IF NOT EXISTS ${quoteIdent(schema)}.alert_deliveries (
  id text PRIMARY KEY, rule_id text NOT NULL, url text NOT NULL, body text NOT NULL,
  attempts integer NOT NULL DEFAULT 0, next_ts bigint NOT NULL, state text NOT NULL DEFAULT 'pending', last_error text);
CREATE INDEX IF NOT EXISTS alert_deliveries_due ON ${quoteIdent(schema)}.alert_deliveries (state, next_ts);
`;

export interface PgAlertStoreOptions {
  /** Pool size (default 2). */
  readonly maxConnections?: number;
  readonly applicationName?: string;
  /** Errors of idle pooled connections (they are replaced on next use). */
  onIdleError?(e: Error): void;
}

export class PostgresAlertStore implements AlertStore {
  readonly location: string;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly created: () => Promise<void>;

  private constructor(target: PgTarget, o: PgAlertStoreOptions) {
    this.location = target.redacted;
    this.schema = target.schema;
    this.pool = createPgPool(target, {
      maxConnections: o.maxConnections ?? 2,
      applicationName: o.applicationName ?? 'liqmap-alerts',
      ...(o.onIdleError ? { onIdleError: o.onIdleError } : {}),
    });
    this.created = onceOnClient(this.pool, async (c) => {
      await c.query('BEGIN');
      try {
        // Several processes may start at once: CREATE … IF NOT EXISTS can still race on the catalog.
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`liqmap-alerts:${this.schema}`]);
        await c.query(schemaSql(this.schema));
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  /** Synchronous: the tables are created on first use (and again after a failed attempt). */
  static open(url: string, o: PgAlertStoreOptions = {}): PostgresAlertStore {
    return new PostgresAlertStore(parsePgUrl(url), o);
  }

  private async q<R extends pg.QueryResultRow>(doing: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    try {
      await this.created();
      return await this.pool.query<R>(sql, params);
    } catch (e) {
      throw new Error(`PostgreSQL ${this.location}: ${doing} failed: ${(e as Error).message}`, { cause: e });
    }
  }

  async listRules(): Promise<StoredRule[]> {
    return (await this.q<RuleRow>('listing alert rules', 'SELECT * FROM alert_rules ORDER BY created_ts, id')).rows.map(toRule);
  }

  async getRule(id: string): Promise<StoredRule | null> {
    const r = (await this.q<RuleRow>('reading an alert rule', 'SELECT * FROM alert_rules WHERE id = $1', [id])).rows[0];
    return r ? toRule(r) : null;
  }

  async putRule(rule: StoredRule): Promise<void> {
    await this.q(
      'storing an alert rule',
      'INSERT INTO alert_rules (id, created_ts, spec, secret) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET created_ts = EXCLUDED.created_ts, spec = EXCLUDED.spec, secret = EXCLUDED.secret',
      [rule.id, rule.createdTs, JSON.stringify(rule.spec), rule.secret],
    );
  }

  async deleteRule(id: string): Promise<boolean> {
    return ((await this.q('deleting an alert rule', 'DELETE FROM alert_rules WHERE id = $1', [id])).rowCount ?? 0) > 0;
  }

  async putFiring(f: Firing): Promise<boolean> {
    const r = await this.q('storing a firing', 'INSERT INTO alert_firings (id, rule_id, ts, body) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [f.id, f.ruleId, f.ts, JSON.stringify(f)]);
    return (r.rowCount ?? 0) > 0;
  }

  async listFirings(q: { fromMs?: number; ruleId?: string; limit: number }): Promise<Firing[]> {
    const r = await this.q<{ body: string }>(
      'listing firings',
      'SELECT body FROM alert_firings WHERE ts >= $1 AND ($2::text IS NULL OR rule_id = $2) ORDER BY ts DESC, id LIMIT $3',
      [q.fromMs ?? 0, q.ruleId ?? null, q.limit],
    );
    return r.rows.map((x) => JSON.parse(x.body) as Firing);
  }

  async enqueue(d: Pick<Delivery, 'id' | 'ruleId' | 'url' | 'body' | 'nextTs'>): Promise<void> {
    await this.q('queueing a delivery', 'INSERT INTO alert_deliveries (id, rule_id, url, body, next_ts) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [d.id, d.ruleId, d.url, d.body, d.nextTs]);
  }

  async due(nowMs: number, limit: number): Promise<Delivery[]> {
    const r = await this.q<DeliveryRow>('reading due deliveries', "SELECT * FROM alert_deliveries WHERE state = 'pending' AND next_ts <= $1 ORDER BY next_ts, id LIMIT $2", [nowMs, limit]);
    return r.rows.map(toDelivery);
  }

  async delivered(id: string, attempts: number): Promise<void> {
    await this.q('marking a delivery delivered', "UPDATE alert_deliveries SET state = 'delivered', attempts = $1, last_error = NULL WHERE id = $2", [attempts, id]);
  }

  async retryLater(id: string, attempts: number, nextTs: number, error: string): Promise<void> {
    await this.q('rescheduling a delivery', 'UPDATE alert_deliveries SET attempts = $1, next_ts = $2, last_error = $3 WHERE id = $4', [attempts, nextTs, error, id]);
  }

  async deadLetter(id: string, attempts: number, error: string): Promise<void> {
    await this.q('dead-lettering a delivery', "UPDATE alert_deliveries SET state = 'dead', attempts = $1, last_error = $2 WHERE id = $3", [attempts, error, id]);
  }

  async deliveries(q: { state?: Delivery['state']; limit: number }): Promise<Delivery[]> {
    const r = await this.q<DeliveryRow>('listing deliveries', 'SELECT * FROM alert_deliveries WHERE ($1::text IS NULL OR state = $1) ORDER BY next_ts DESC LIMIT $2', [q.state ?? null, q.limit]);
    return r.rows.map(toDelivery);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
