// Shared pieces of the cross-venue integration tests: every venue's mock fed by a stormy
// simulator, the normal configuration pointed at the mocks, the CLI as a child process, polling.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onHost } from '../../src/app/run.js';
import { envName, loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { VENUE_IDS, type VenueId } from '../../src/core/events.js';
import { DemoMarket } from '../../src/demo/driver.js';
import { loadAdapter } from '../../src/exchanges/registry.js';
import { SIM_MARKETS } from '../../src/sim/markets.js';
import { DEFAULT_PRICE } from '../../src/sim/price.js';
import type { SimParams } from '../../src/sim/simulator.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const MIN = 60_000;

/** The 13 venue-markets of DESIGN §2 (okx-swap and bitmex list two each). */
export const ALL_MARKETS: readonly { readonly venue: VenueId; readonly market: string }[] = SIM_MARKETS.map((m) => ({ venue: m.venue, market: m.market }));
/** Issue 6's six venue-markets. */
export const ISSUE6_VENUES: readonly VenueId[] = ['binance-coinm', 'bybit-linear', 'bybit-inverse', 'okx-swap', 'bitget'];

/** A volatile market so that every venue sees liquidations within a few simulated minutes;
 * marks and OI thinned to keep the event rate modest. */
export const STORMY: Partial<SimParams> = {
  markEveryMs: 5000,
  oiEveryMs: 10_000,
  price: { ...DEFAULT_PRICE, dailyVol: 0.4, jumpsPerDay: 300, jumpSize: 0.004 },
};

/** Every listed venue's mock on port 0, fed by the simulator at `speed` × real time from the current minute. */
export async function startMarket(venues: readonly VenueId[] = VENUE_IDS, speed = 60, seed = 2): Promise<{ demo: DemoMarket; urls: Map<VenueId, { ws: string; rest: string }> }> {
  const startTs = Math.floor(Date.now() / MIN) * MIN;
  const demo = new DemoMarket({ venues, seed, speed, startTs, sim: STORMY, tickMs: 50 });
  const base = await demo.start();
  // Each connector gets its venue's own URL paths on the mock's host, as `liqmap serve --demo` does.
  const urls = new Map<VenueId, { ws: string; rest: string }>();
  for (const [id, u] of base) {
    const a = await loadAdapter(id);
    urls.set(id, { ws: onHost(a.defaultWsUrl, u.ws), rest: onHost(a.defaultRestUrl, u.rest) });
  }
  return { demo, urls };
}

/** The default configuration with every venue pointed at its mock. */
export function mockConfig(urls: ReadonlyMap<VenueId, { ws: string; rest: string }>, over: Partial<Config> = {}): Config {
  const cfg = loadConfig({ env: {} });
  const venue: Config['venue'] = {};
  for (const [id, u] of urls) venue[id] = { ws: u.ws, rest: u.rest };
  return { ...cfg, ...over, venue };
}

/** The same, as the LIQMAP_<VENUE>_WS / _REST environment a child process reads. */
export function mockEnv(urls: ReadonlyMap<VenueId, { ws: string; rest: string }>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [id, u] of urls) {
    env[`LIQMAP_${envName(id)}_WS`] = u.ws;
    env[`LIQMAP_${envName(id)}_REST`] = u.rest;
  }
  return env;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node bin/liqmap.mjs …args` with `input` on stdin; never rejects on a non-zero exit. */
export function runCli(args: readonly string[], opts: { input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/liqmap.mjs'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LIQMAP_LOG_LEVEL: 'warn', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Parsed JSONL. */
export function jsonl<T>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Poll `cond` every 50 ms; throws with `what` after `ms`. */
export async function until(cond: () => boolean, ms: number, what: () => string): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms: ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Fixture {
  readonly raw: string;
  readonly request?: { readonly method: 'GET' | 'POST'; readonly path: string; readonly body?: string };
}

/** A venue's fixture frames: WS frames, and REST bodies that name their request. */
export function fixtures(venue: VenueId): { ws: string[]; rest: Fixture[] } {
  const dir = path.join(ROOT, 'src/exchanges', venue, 'fixtures');
  const ws: string[] = [];
  const rest: Fixture[] = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
    for (const l of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!l.trim()) continue;
      const fx = JSON.parse(l) as Fixture;
      if (fx.request) rest.push(fx);
      else if (!f.startsWith('rest-')) ws.push(fx.raw);
    }
  }
  return { ws, rest };
}
