// Alert rules as users and bots write them (REST body), validated with errors naming the field.
import { z } from 'zod';
import { VENUE_IDS } from '../core/events.js';

const webhook = z
  .object({
    url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    /** HMAC-SHA256 key; generated when absent and returned once on creation. */
    secret: z.string().min(16).max(256).optional(),
  })
  .strict();

const common = {
  name: z.string().max(120).optional(),
  side: z.enum(['long', 'short', 'both']).default('both'),
  venues: z.array(z.enum(VENUE_IDS)).min(1).optional(),
  leverage: z.array(z.number().positive().max(200)).min(1).optional(),
  /** Minimum notional, USD. */
  minUsd: z.number().positive().max(1e12),
  /** Quiet period after a firing, minutes. */
  cooldownMin: z.number().min(0).max(10_080).default(30),
  webhook: webhook.optional(),
  enabled: z.boolean().default(true),
};

export const AlertRuleInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('approach'), ...common, distancePct: z.number().positive().max(50) }).strict(),
  z.object({ kind: z.literal('sweep'), ...common, windowMin: z.number().positive().max(1440).default(5) }).strict(),
  z
    .object({
      kind: z.literal('sweep-reverse'),
      ...common,
      windowMin: z.number().positive().max(1440).default(5),
      reversePct: z.number().positive().max(50),
      withinMin: z.number().positive().max(1440),
    })
    .strict(),
  z.object({ kind: z.literal('large-liquidation'), ...common, windowMin: z.number().min(0).max(1440).default(0) }).strict(),
]);

export type AlertRuleInput = z.input<typeof AlertRuleInputSchema>;
export type AlertRuleSpec = z.output<typeof AlertRuleInputSchema>;
export type AlertKind = AlertRuleSpec['kind'];

export interface AlertRule {
  readonly id: string;
  readonly createdTs: number;
  readonly spec: AlertRuleSpec;
}

/** Validate a rule body; the error message names the field and the reason. */
export function parseRule(body: unknown): { ok: true; spec: AlertRuleSpec } | { ok: false; field: string; error: string } {
  const r = AlertRuleInputSchema.safeParse(body);
  if (r.success) return { ok: true, spec: r.data };
  const issue = r.error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : 'kind';
  return { ok: false, field, error: `${field}: ${issue?.message ?? 'invalid'}` };
}

/** What fired, with everything needed to show and audit it. */
export interface Firing {
  /** Idempotency key: the same firing is never delivered twice. */
  readonly id: string;
  readonly ruleId: string;
  readonly kind: AlertKind;
  /** Bar/event time that triggered it, ms. */
  readonly ts: number;
  readonly message: string;
  readonly side: 'long' | 'short' | 'both';
  readonly price: number;
  readonly usd: number;
  readonly detail: Readonly<Record<string, unknown>>;
}
