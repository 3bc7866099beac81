// Access control and log hygiene: write endpoints need the API key when the server listens beyond loopback;
// request logs never carry keys or tokens.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.js';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const SECRET_PARAMS = /([?&](?:api[-_]?key|key|token|secret|password)=)[^&]*/gi;

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The URL with secret-looking query values replaced. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

function presentedKey(req: FastifyRequest): string | null {
  const h = req.headers['x-api-key'];
  if (typeof h === 'string' && h) return h;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth)) return auth.slice(7).trim();
  return null;
}

function sameKey(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

/** Guard every non-read /api request (the alerts issue adds them) when listening beyond loopback. */
export function installApiKeyGuard(app: FastifyInstance, host: string, apiKey: string | undefined): void {
  if (isLoopback(host)) return;
  app.addHook('onRequest', async (req) => {
    if (READ_METHODS.has(req.method) || !req.url.startsWith('/api/')) return;
    if (!apiKey) throw new ApiError(403, 'forbidden', 'write endpoints are disabled: the server listens beyond loopback and no apiKey is configured');
    const key = presentedKey(req);
    if (key === null || !sameKey(key, apiKey)) throw new ApiError(401, 'unauthorized', 'write endpoints need the API key (header x-api-key or Authorization: Bearer)');
  });
}

export function installRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const entry = { method: req.method, url: redactUrl(req.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10, ip: req.ip };
    if (reply.statusCode >= 500) req.log.error(entry, 'request');
    else req.log.info(entry, 'request');
  });
}
