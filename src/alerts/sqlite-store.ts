// AlertStore on SQLite (better-sqlite3, WAL): alerts.db beside the main database.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Firing } from './rule.js';
import { toDelivery, toRule, type DeliveryRow, type RuleRow } from './rows.js';
import type { AlertStore, Delivery, StoredRule } from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS alert_rules (id TEXT PRIMARY KEY, created_ts INTEGER NOT NULL, spec TEXT NOT NULL, secret TEXT);
CREATE TABLE IF NOT EXISTS alert_firings (id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, ts INTEGER NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS alert_firings_ts ON alert_firings(ts);
CREATE TABLE IF NOT EXISTS alert_deliveries (
  id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0, next_ts INTEGER NOT NULL, state TEXT NOT NULL DEFAULT 'pending', last_error TEXT);
CREATE INDEX IF NOT EXISTS alert_deliveries_due ON alert_deliveries(state, next_ts);
`;

export class SqliteAlertStore implements AlertStore {
  private constructor(private readonly db: Database.Database) {}

  static open(dataDir: string): SqliteAlertStore {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, 'alerts.db');
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (e) {
      throw new Error(`${file}: cannot open the alerts database (${(e as Error).message}); move it aside if it is not liqmap's`, { cause: e });
    }
    return new SqliteAlertStore(db);
  }

  async listRules(): Promise<StoredRule[]> {
    return (this.db.prepare('SELECT * FROM alert_rules ORDER BY created_ts, id').all() as RuleRow[]).map(toRule);
  }

  async getRule(id: string): Promise<StoredRule | null> {
    const r = this.db.prepare('SELECT * FROM alert_rules WHERE id = ?').get(id) as RuleRow | undefined;
    return r ? toRule(r) : null;
  }

  async putRule(rule: StoredRule): Promise<void> {
    this.db.prepare('INSERT OR REPLACE INTO alert_rules (id, created_ts, spec, secret) VALUES (?, ?, ?, ?)').run(rule.id, rule.createdTs, JSON.stringify(rule.spec), rule.secret);
  }

  async deleteRule(id: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  async putFiring(f: Firing): Promise<boolean> {
    return this.db.prepare('INSERT OR IGNORE INTO alert_firings (id, rule_id, ts, body) VALUES (?, ?, ?, ?)').run(f.id, f.ruleId, f.ts, JSON.stringify(f)).changes > 0;
  }

  async listFirings(q: { fromMs?: number; ruleId?: string; limit: number }): Promise<Firing[]> {
    const rows = this.db
      .prepare('SELECT body FROM alert_firings WHERE ts >= ? AND (? IS NULL OR rule_id = ?) ORDER BY ts DESC, id LIMIT ?')
      .all(q.fromMs ?? 0, q.ruleId ?? null, q.ruleId ?? null, q.limit) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as Firing);
  }

  async enqueue(d: Pick<Delivery, 'id' | 'ruleId' | 'url' | 'body' | 'nextTs'>): Promise<void> {
    this.db.prepare('INSERT OR IGNORE INTO alert_deliveries (id, rule_id, url, body, next_ts) VALUES (?, ?, ?, ?, ?)').run(d.id, d.ruleId, d.url, d.body, d.nextTs);
  }

  async due(nowMs: number, limit: number): Promise<Delivery[]> {
    return (this.db.prepare("SELECT * FROM alert_deliveries WHERE state = 'pending' AND next_ts <= ? ORDER BY next_ts, id LIMIT ?").all(nowMs, limit) as DeliveryRow[]).map(toDelivery);
  }

  async delivered(id: string, attempts: number): Promise<void> {
    this.db.prepare("UPDATE alert_deliveries SET state = 'delivered', attempts = ?, last_error = NULL WHERE id = ?").run(attempts, id);
  }

  async retryLater(id: string, attempts: number, nextTs: number, error: string): Promise<void> {
    this.db.prepare('UPDATE alert_deliveries SET attempts = ?, next_ts = ?, last_error = ? WHERE id = ?').run(attempts, nextTs, error, id);
  }

  async deadLetter(id: string, attempts: number, error: string): Promise<void> {
    this.db.prepare("UPDATE alert_deliveries SET state = 'dead', attempts = ?, last_error = ? WHERE id = ?").run(attempts, error, id);
  }

  async deliveries(q: { state?: Delivery['state']; limit: number }): Promise<Delivery[]> {
    return (this.db.prepare('SELECT * FROM alert_deliveries WHERE (? IS NULL OR state = ?) ORDER BY next_ts DESC LIMIT ?').all(q.state ?? null, q.state ?? null, q.limit) as DeliveryRow[]).map(toDelivery);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
