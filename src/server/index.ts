// `startServer`: the API + UI server of `liqmap serve`, listening on cfg.host:cfg.port.
import type { RunningApp } from '../app/run.js';
import type { Logger } from '../log.js';
import { buildServer } from './build.js';
import { depsFromApp, type ServerDeps, type ServerOptions } from './deps.js';
import { isLoopback } from './security.js';

export { buildServer } from './build.js';
export type { ServerDeps, ServerOptions } from './deps.js';

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function listen(deps: ServerDeps, log: Logger, opts: ServerOptions = {}): Promise<RunningServer> {
  const { app } = await buildServer(deps, log, opts);
  const { host, port } = deps.cfg;
  await app.listen({ host, port });
  const addr = app.server.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  if (!isLoopback(host) && !deps.cfg.apiKey) log.warn({ host }, 'listening beyond loopback without apiKey: write endpoints are disabled');
  return {
    url: `http://${shown}:${actualPort}`,
    close: () => app.close(),
  };
}

export async function startServer(app: RunningApp, log: Logger, opts: ServerOptions = {}): Promise<RunningServer> {
  return listen(depsFromApp(app), log, opts);
}
