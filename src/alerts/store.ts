// Alert persistence: rules, firings (unique by idempotency key) and the webhook delivery queue.
// A restart neither loses a pending delivery nor repeats a delivered one.
import type { AlertRule, Firing } from './rule.js';

export interface StoredRule extends AlertRule {
  /** Webhook signing secret (never returned by list endpoints). */
  readonly secret: string | null;
}

export interface Delivery {
  /** = the firing id (idempotency key). */
  readonly id: string;
  readonly ruleId: string;
  readonly url: string;
  readonly body: string;
  readonly attempts: number;
  readonly nextTs: number;
  readonly state: 'pending' | 'delivered' | 'dead';
  readonly lastError: string | null;
}

export interface AlertStore {
  listRules(): Promise<StoredRule[]>;
  getRule(id: string): Promise<StoredRule | null>;
  putRule(rule: StoredRule): Promise<void>;
  deleteRule(id: string): Promise<boolean>;
  /** False when a firing with this id exists already. */
  putFiring(f: Firing): Promise<boolean>;
  listFirings(q: { readonly fromMs?: number; readonly ruleId?: string; readonly limit: number }): Promise<Firing[]>;
  /** Queue a delivery unless one with this id exists. */
  enqueue(d: Pick<Delivery, 'id' | 'ruleId' | 'url' | 'body' | 'nextTs'>): Promise<void>;
  due(nowMs: number, limit: number): Promise<Delivery[]>;
  delivered(id: string, attempts: number): Promise<void>;
  retryLater(id: string, attempts: number, nextTs: number, error: string): Promise<void>;
  deadLetter(id: string, attempts: number, error: string): Promise<void>;
  deliveries(q: { readonly state?: Delivery['state']; readonly limit: number }): Promise<Delivery[]>;
  close(): Promise<void>;
}
