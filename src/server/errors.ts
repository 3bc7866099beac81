// API errors: every client mistake is a 4xx with a JSON body naming the parameter; nothing internal leaks.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';

/** The JSON error body of every non-2xx API response. */
export interface ErrorBody {
  readonly error: string;
  /** The offending query parameter, when one is to blame. */
  readonly param?: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: this.code, ...(this.param ? { param: this.param } : {}), message: this.message };
  }
}

/** 400 naming the parameter. */
export function badParam(param: string, message: string): ApiError {
  return new ApiError(400, 'bad_request', `${param}: ${message}`, param);
}

/** The first zod issue as an ApiError naming its parameter. */
export function fromZod(err: z.ZodError): ApiError {
  const issue = err.issues[0];
  if (!issue) return new ApiError(400, 'bad_request', 'invalid request');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '?';
    return badParam(key, 'unknown parameter');
  }
  const param = typeof issue.path[0] === 'string' ? issue.path[0] : 'query';
  return badParam(param, issue.message);
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    if (err instanceof ApiError) return reply.code(err.status).send(err.body());
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(500).send({ error: 'internal', message: 'internal error' } satisfies ErrorBody);
    }
    // Fastify's own 4xx (bad JSON body, payload too large, rate limit, …).
    const code = status === 429 ? 'rate_limited' : 'bad_request';
    return reply.code(status).send({ error: code, message: err.message } satisfies ErrorBody);
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` } satisfies ErrorBody);
  });
}
