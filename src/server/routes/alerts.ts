// Alert rules (CRUD), their firing history and webhook deliveries. Writes need the API key when the
// server listens beyond loopback (security.ts); an invalid rule or unsafe webhook answers 400 naming the field.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AlertRuleInputSchema } from '../../alerts/rule.js';
import { publicRule, type AlertService } from '../../alerts/service.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { timeParam } from '../params.js';
import type { ApiRegistry } from '../route.js';

const none = z.object({}).strict();
const RuleOut = z.object({ id: z.string(), createdTs: z.number() }).catchall(z.unknown());
const Created = z.object({ rule: RuleOut, webhookSecret: z.string().nullable().describe('HMAC-SHA256 key for the x-liqmap-signature header; shown once') });
const FiringOut = z.object({ id: z.string(), ruleId: z.string(), kind: z.string(), ts: z.number(), message: z.string(), side: z.string(), price: z.number(), usd: z.number(), detail: z.record(z.string(), z.unknown()) });
const DeliveryOut = z.object({ id: z.string(), ruleId: z.string(), url: z.string(), attempts: z.number(), nextTs: z.number(), state: z.enum(['pending', 'delivered', 'dead']), lastError: z.string().nullable() });

function service(ctx: ServerContext): AlertService {
  const s = ctx.deps.alerts;
  if (!s) throw new ApiError(503, 'unavailable', 'alerts are not running in this process');
  return s;
}

function idParam(params: unknown): string {
  const id = (params as { id?: unknown }).id;
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new ApiError(400, 'bad_request', 'id: not a rule id', 'id');
  return id;
}

export function registerAlerts(app: FastifyInstance, api: ApiRegistry, ctx: ServerContext): void {
  api.add(app, {
    method: 'POST',
    url: '/api/v1/alerts',
    operationId: 'createAlert',
    tag: 'alerts',
    summary: 'Create an alert rule (approach, sweep, sweep-reverse, large-liquidation)',
    description:
      'Webhooks get a JSON body signed with HMAC-SHA256 over "<x-liqmap-timestamp>.<body>" in x-liqmap-signature (v1=<hex>), and an idempotency-key header. ' +
      'Targets in private, loopback and link-local ranges are refused unless the server allows them.',
    query: none,
    body: AlertRuleInputSchema,
    responses: { '201': { description: 'the stored rule', content: { 'application/json': Created } } },
    handler: async (_q, req, reply) => {
      const res = await service(ctx).create(req.body);
      if (!res.ok) throw new ApiError(400, 'bad_request', res.error, res.field);
      reply.code(201);
      return { rule: publicRule(res.rule), webhookSecret: res.rule.secret };
    },
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/alerts',
    operationId: 'listAlerts',
    tag: 'alerts',
    summary: 'Alert rules',
    query: none,
    responses: { '200': { description: 'rules, oldest first', content: { 'application/json': z.array(RuleOut) } } },
    handler: async (_q, _req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return service(ctx).list().map(publicRule);
    },
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/alerts/history',
    operationId: 'alertHistory',
    tag: 'alerts',
    summary: 'Alerts that fired, newest first, with what triggered them',
    query: z.object({ from: timeParam.optional(), ruleId: z.string().max(64).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict(),
    responses: { '200': { description: 'firings', content: { 'application/json': z.array(FiringOut) } } },
    handler: async (q, _req, reply) => {
      reply.header('Cache-Control', 'no-store');
      return service(ctx).firings({ limit: q.limit, ...(q.ruleId ? { ruleId: q.ruleId } : {}), ...(q.from !== undefined ? { fromMs: q.from } : {}) });
    },
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/alerts/deliveries',
    operationId: 'alertDeliveries',
    tag: 'alerts',
    summary: 'Webhook deliveries (pending, delivered, dead-lettered)',
    query: z.object({ state: z.enum(['pending', 'delivered', 'dead']).optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) }).strict(),
    responses: { '200': { description: 'deliveries', content: { 'application/json': z.array(DeliveryOut) } } },
    handler: async (q, _req, reply) => {
      reply.header('Cache-Control', 'no-store');
      const rows = await service(ctx).deliveries({ limit: q.limit, ...(q.state ? { state: q.state } : {}) });
      return rows.map(({ body: _body, ...d }) => d);
    },
  });

  api.add(app, {
    method: 'GET',
    url: '/api/v1/alerts/:id',
    operationId: 'getAlert',
    tag: 'alerts',
    summary: 'One alert rule',
    query: none,
    responses: { '200': { description: 'the rule', content: { 'application/json': RuleOut } }, '404': { description: 'no such rule' } },
    handler: async (_q, req) => {
      const rule = service(ctx).get(idParam(req.params));
      if (!rule) throw new ApiError(404, 'not_found', 'no such alert rule');
      return publicRule(rule);
    },
  });

  api.add(app, {
    method: 'DELETE',
    url: '/api/v1/alerts/:id',
    operationId: 'deleteAlert',
    tag: 'alerts',
    summary: 'Delete an alert rule',
    query: none,
    responses: { '204': { description: 'deleted' }, '404': { description: 'no such rule' } },
    handler: async (_q, req, reply) => {
      if (!(await service(ctx).remove(idParam(req.params)))) throw new ApiError(404, 'not_found', 'no such alert rule');
      reply.code(204);
      return null;
    },
  });
}
