// The OpenAPI 3.1 document, generated from the same route declarations (zod schemas) that validate requests.
import { z } from 'zod';
import type { RouteDoc } from './route.js';
import { ErrorSchema } from './schemas.js';
import { ClientMessageSchema, ServerMessageSchema } from './stream/messages.js';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(r: RouteDoc): Json[] {
  return Object.entries(r.query.shape).map(([name, field]) => {
    const s = field as z.ZodType;
    const schema = schemaOf(s, 'input');
    const { description, ...rest } = schema;
    return { name, in: 'query', required: !s.safeParse(undefined).success, ...(description ? { description } : {}), schema: rest };
  });
}

function responses(r: RouteDoc): Json {
  const out: Json = {};
  for (const [status, spec] of Object.entries(r.responses)) {
    const content: Json = {};
    for (const [type, schema] of Object.entries(spec.content ?? {})) content[type] = schema ? { schema: schemaOf(schema, 'output') } : {};
    out[status] = { description: spec.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  const error = { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  out['400'] ??= { description: 'a parameter is invalid; `param` names it', ...error };
  out['429'] ??= { description: 'rate limited', ...error };
  return out;
}

/** Fastify `:id` path parameters → OpenAPI `{id}` and their parameter objects. */
function pathParams(url: string): { url: string; params: Json[] } {
  const params = [...url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  return { url: url.replace(/:(\w+)/g, '{$1}'), params };
}

export function openApiDocument(routes: readonly RouteDoc[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const p = pathParams(r.url);
    paths[p.url] ??= {};
    paths[p.url]![r.method.toLowerCase()] = {
      operationId: r.operationId,
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      parameters: [...p.params, ...parameters(r)],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } } } : {}),
      responses: responses(r),
    };
  }
  paths['/api/v1/stream'] = {
    get: {
      operationId: 'stream',
      tags: ['stream'],
      summary: 'WebSocket stream: heatmap columns, liquidations, bars, venue health, alerts',
      description:
        'Upgrade to WebSocket. Send JSON text frames matching StreamClientMessage, e.g. ' +
        '{"op":"subscribe","topics":["liquidations","heatmap"],"heatmap":{"priceLo":90000,"priceHi":110000,"rows":200}}. ' +
        'The server sends StreamServerMessage frames: hello on connect, heatmap columns (kind "closed" at each bar close, "live" every second), ' +
        'each real liquidation as it arrives, bars, venues (every second), alerts, and a heartbeat (plus a WebSocket ping) every heartbeatMs; ' +
        'a client that misses two heartbeats or stops reading (unsent data beyond the server limit) is disconnected.',
      parameters: [],
      responses: { '101': { description: 'switching protocols' }, '400': { description: 'not a WebSocket upgrade' } },
      'x-websocket': {
        client: { $ref: '#/components/schemas/StreamClientMessage' },
        server: { $ref: '#/components/schemas/StreamServerMessage' },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'liqmap API',
      version,
      description: 'Real-time Bitcoin liquidation heatmap aggregated over perpetual-futures venues. Prices USD per BTC, notionals USD, times ms epoch.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: {
        Error: schemaOf(ErrorSchema, 'output'),
        StreamClientMessage: schemaOf(ClientMessageSchema, 'input'),
        StreamServerMessage: schemaOf(ServerMessageSchema, 'output'),
      },
    },
  };
}
