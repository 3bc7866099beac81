// Helpers for the Binance tests (both venues): fixtures, an HTTP client for the mock, waiting.
import WebSocket from 'ws';
import type { HttpClient, VenueAdapter } from '../../core/venue.js';
import { allFixtureLines, fixtureLines, type FixtureLine } from '../testing/fixtures.js';
import { until } from '../testing/until.js';

export type { FixtureLine };

/** Lines of `<dir>/fixtures/<channel>.jsonl`. */
export const fixture = fixtureLines;

/** Every WebSocket fixture line of `<dir>/fixtures` (rest-* files left out). */
export const allFixtures = (dir: string): FixtureLine[] => allFixtureLines(dir, (c) => !c.startsWith('rest-'));

/** fetch-based HttpClient against a base URL. */
export function httpClient(baseUrl: string): HttpClient & { readonly paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    async request(req) {
      paths.push(req.path);
      const res = await fetch(`${baseUrl}${req.path}`, { method: req.method, ...(req.body !== undefined ? { body: req.body } : {}) });
      return { status: res.status, body: await res.text() };
    },
  };
}

export const waitFor = (cond: () => boolean, what: string, timeoutMs = 8000): Promise<void> => until(what, cond, timeoutMs);

/** The adapter with endpoint timings overridden (short silence timeout or lifetime), so watchdog tests stay fast. */
export function withEndpointTimings(adapter: VenueAdapter, t: { silenceTimeoutMs?: number; maxLifetimeMs?: number }): VenueAdapter {
  return {
    ...adapter,
    endpoints: async (cfg, markets, http) => (await adapter.endpoints(cfg, markets, http)).map((ep) => ({ ...ep, ...t })),
  };
}

type J = null | boolean | number | string | J[] | { [k: string]: J };

/** Every path to a value inside `v` (keys and indices). */
function paths(v: J, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

/** `v` with the value at path `pick` (modulo the path count) replaced by `by`, or deleted when `by` is undefined. */
export function mutateJson(text: string, pick: number, by: J | undefined): string {
  const root = JSON.parse(text) as J;
  const all = paths(root);
  const p = all[pick % all.length] ?? [];
  if (p.length === 0) return by === undefined ? '' : JSON.stringify(by);
  let parent: J = root;
  for (const k of p.slice(0, -1)) parent = (parent as Record<string | number, J>)[k] as J;
  const last = p[p.length - 1] as string | number;
  const holder = parent as Record<string | number, J>;
  if (by === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete holder[last];
  } else holder[last] = by;
  return JSON.stringify(root);
}

export interface TestClient {
  readonly ws: WebSocket;
  readonly messages: string[];
  /** Close code once closed, else null. */
  closeCode: number | null;
  send(o: unknown): void;
}

/** A raw WebSocket client that records what it receives (opens before resolving; rejects on refusal). */
export async function openClient(url: string): Promise<TestClient> {
  const ws = new WebSocket(url);
  const c: TestClient = { ws, messages: [], closeCode: null, send: (o) => ws.send(typeof o === 'string' ? o : JSON.stringify(o)) };
  ws.on('message', (d) => c.messages.push(String(d)));
  ws.on('close', (code) => (c.closeCode = code));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('close', (code) => reject(new Error(`closed ${code}`)));
  });
  return c;
}
