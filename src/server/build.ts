// Assemble the API server (without listening): plugins, routes, stream, metrics, docs, UI.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from '../log.js';
import { ServerContext } from './context.js';
import type { ServerDeps, ServerOptions } from './deps.js';
import { docsPage } from './docs-page.js';
import { installErrorHandlers } from './errors.js';
import { installMetrics } from './metrics.js';
import { openApiDocument } from './openapi.js';
import { ApiRegistry } from './route.js';
import { registerAlerts } from './routes/alerts.js';
import { registerColumns } from './routes/columns.js';
import { registerData } from './routes/data.js';
import { registerHeatmap } from './routes/heatmap.js';
import { registerStatus } from './routes/status.js';
import { registerViews } from './routes/views.js';
import { installApiKeyGuard, installRequestLog } from './security.js';
import { StreamHub } from './stream/hub.js';
import { installUi } from './ui.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export interface BuiltServer {
  readonly app: FastifyInstance;
  readonly ctx: ServerContext;
  readonly hub: StreamHub;
  readonly api: ApiRegistry;
  readonly openapi: Record<string, unknown>;
}

export async function buildServer(deps: ServerDeps, log: Logger, opts: ServerOptions = {}): Promise<BuiltServer> {
  const app = Fastify({
    loggerInstance: log.child({ component: 'http' }) as FastifyBaseLogger,
    // Our own onResponse hook logs requests (with secrets redacted).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 64 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  });
  const ctx = new ServerContext(deps);
  const hub = new StreamHub(ctx, {
    heartbeatMs: opts.heartbeatMs ?? 15_000,
    liveColumnMs: opts.liveColumnMs ?? 1000,
    maxBufferedBytes: opts.maxBufferedBytes ?? 4 * 1024 * 1024,
    maxClients: 10_000,
    maxHeatmapGroups: 32,
  });
  installErrorHandlers(app);
  if (opts.logRequests !== false) installRequestLog(app);
  installApiKeyGuard(app, deps.cfg.host, deps.cfg.apiKey);

  const origins = deps.cfg.corsOrigins;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : origins,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'x-api-key', 'authorization', 'if-none-match'],
    exposedHeaders: ['etag', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'retry-after'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    max: deps.cfg.rateLimitPerMin,
    timeWindow: 60_000,
    errorResponseBuilder: (_req, c) => ({ statusCode: 429, error: 'rate_limited', message: `rate limit: ${c.max} requests per minute per client; retry in ${c.after}` }),
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'deflate'] });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  const metrics = installMetrics(app, ctx, hub);
  const api = new ApiRegistry();
  registerHeatmap(app, api, ctx);
  registerViews(app, api, ctx);
  registerColumns(app, api, ctx);
  registerData(app, api, ctx);
  registerStatus(app, api, ctx, () => hub.size);
  registerAlerts(app, api, ctx);

  app.get('/api/v1/stream', { websocket: true }, (socket) => hub.attach(socket));
  const openapi = openApiDocument(api.routes, packageVersion());
  const openapiText = JSON.stringify(openapi);
  const docsHtml = docsPage(openapi);
  app.get('/api/v1/openapi.json', async (_req, reply) => reply.type('application/json; charset=utf-8').header('Cache-Control', 'no-cache').send(openapiText));
  app.get('/api/docs', async (_req, reply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(docsHtml));
  app.get('/api', async (_req, reply) => reply.redirect('/api/docs'));
  await installUi(app, opts.webDir ?? path.join(ROOT, 'web', 'dist'));

  app.addHook('onClose', async () => {
    hub.close();
    ctx.stop();
    metrics.clear();
  });
  return { app, ctx, hub, api, openapi };
}
