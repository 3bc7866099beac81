// Table rows of the alert stores (SQLite and PostgreSQL share the column names) and their mapping.
import { AlertRuleInputSchema } from './rule.js';
import type { Delivery, StoredRule } from './store.js';

export interface RuleRow {
  id: string;
  created_ts: number;
  spec: string;
  secret: string | null;
}

export interface DeliveryRow {
  id: string;
  rule_id: string;
  url: string;
  body: string;
  attempts: number;
  next_ts: number;
  state: Delivery['state'];
  last_error: string | null;
}

export const toRule = (r: RuleRow): StoredRule => ({ id: r.id, createdTs: r.created_ts, spec: AlertRuleInputSchema.parse(JSON.parse(r.spec)), secret: r.secret });

export const toDelivery = (r: DeliveryRow): Delivery => ({
  id: r.id,
  ruleId: r.rule_id,
  url: r.url,
  body: r.body,
  attempts: r.attempts,
  nextTs: r.next_ts,
  state: r.state,
  lastError: r.last_error,
});
