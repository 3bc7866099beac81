// Starts the real app on the simulated market (demo mode) with the API + UI server on a free port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from '../../src/app/run.js';
import { loadConfig } from '../../src/config/load.js';
import { log } from '../../src/log.js';
import { startServer } from '../../src/server/index.js';

export interface DemoServer {
  readonly url: string;
  /** The running app (tests publish on its bus). */
  readonly app: RunningApp;
  stop(): Promise<void>;
}

export interface DemoServerOptions {
  readonly port?: number;
  readonly speed?: number;
  readonly historyDays?: number;
  readonly seed?: number;
}

export async function startDemoServer(o: DemoServerOptions = {}): Promise<DemoServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-ui-'));
  const cfg = loadConfig({ env: {}, flags: { port: o.port ?? 0, dataDir } });
  // Quiet unless LIQMAP_LOG_LEVEL asks for more: test and bench output stay readable.
  const quiet = log.child({}, { level: process.env.LIQMAP_LOG_LEVEL ?? 'error' });
  const app = await startApp({ cfg, log: quiet, demo: { seed: o.seed ?? 42, speed: o.speed ?? 30, historyDays: o.historyDays ?? 3 } });
  const server = await startServer(app, quiet);
  return {
    url: server.url,
    app,
    async stop() {
      await server.close();
      await app.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
