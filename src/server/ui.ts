// The web UI at `/`: web/dist when it has been built, else a page saying how to build it.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const UI_NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>liqmap</title>
<style>body{font:16px system-ui,sans-serif;background:#12121c;color:#ddd;max-width:40em;margin:4em auto;padding:0 1em}a{color:#8cf}</style></head>
<body><h1>liqmap</h1><p>UI not built — run <code>npm run build:web</code>, then reload.</p>
<p>The API is up: <a href="/api/docs">/api/docs</a> · <a href="/api/v1/health">/api/v1/health</a></p></body></html>`;

export async function installUi(app: FastifyInstance, webDir: string): Promise<boolean> {
  if (fs.existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: path.resolve(webDir), prefix: '/', index: ['index.html'], cacheControl: true, maxAge: '1h' });
    return true;
  }
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(UI_NOT_BUILT));
  return false;
}
