// One source for validation and documentation: each route is declared once with its zod query schema and
// response schemas; the same declaration validates requests and generates the OpenAPI document.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fromZod } from './errors.js';

export type ContentType = 'application/json' | 'application/octet-stream' | 'image/png' | 'text/csv' | 'text/html';

export interface ResponseSpec {
  readonly description: string;
  /** Body schema per content type (null: not described by a schema, e.g. binary). */
  readonly content?: Partial<Record<ContentType, z.ZodType | null>>;
}

export type QuerySchema = z.ZodObject;

export interface RouteDoc {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tag: string;
  readonly query: QuerySchema;
  /** JSON request body (POST/PUT), documented; the handler validates it and names the field on error. */
  readonly body?: z.ZodType;
  readonly responses: Readonly<Record<string, ResponseSpec>>;
  /** The handler sends bodies already encoded per Accept-Encoding (the response cache): @fastify/compress stays out. */
  readonly precompressed?: boolean;
}

export interface RouteSpec<Q extends QuerySchema> extends RouteDoc {
  readonly query: Q;
  handler(q: z.output<Q>, req: FastifyRequest, reply: FastifyReply): Promise<unknown>;
}

/** Routes registered so far, in order: what the OpenAPI document describes. */
export class ApiRegistry {
  readonly routes: RouteDoc[] = [];

  add<Q extends QuerySchema>(app: FastifyInstance, spec: RouteSpec<Q>): void {
    this.routes.push(spec);
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.precompressed ? { compress: false as const } : {}),
      handler: async (req, reply) => {
        const parsed = spec.query.safeParse(req.query ?? {});
        if (!parsed.success) throw fromZod(parsed.error);
        return spec.handler(parsed.data, req, reply);
      },
    });
  }
}
