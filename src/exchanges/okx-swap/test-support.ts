// Test helpers shared by the OKX and Bitget suites: fixture lines, a fast collector setup
// against a mock, and polling for a condition.
import fc from 'fast-check';
import path from 'node:path';
import type { MarketEvent } from '../../core/events.js';
import type { VenueAdapter } from '../../core/venue.js';
import { VenueCollector } from '../../feed/collector.js';
import { createHttpClient } from '../../feed/http.js';
import { MockServer, type MockProtocol } from '../mock/server.js';
import { fixtureChannels, fixtureLines, type FixtureLine as BaseFixtureLine } from '../testing/fixtures.js';
import { until as waitUntil } from '../testing/until.js';

export interface FixtureLine extends BaseFixtureLine {
  readonly file: string;
}

/** Every line of `<dir>/fixtures/*.jsonl` (or of one channel file). */
export function fixtures(dir: string, channel?: string): FixtureLine[] {
  const channels = fixtureChannels(dir).filter((c) => channel === undefined || c === channel);
  if (channels.length === 0) throw new Error(`no fixture file for ${channel ?? '*'} in ${path.join(dir, 'fixtures')}`);
  return channels.flatMap((c) => fixtureLines(dir, c).map((l) => ({ ...l, file: `${c}.jsonl` })));
}

export const until = (cond: () => boolean, ms = 8000): Promise<void> => waitUntil('condition', cond, ms);

/** The adapter with test-sized silence and keep-alive timers. */
export function fastAdapter(a: VenueAdapter, silenceTimeoutMs = 400, keepaliveMs = 100): VenueAdapter {
  return {
    ...a,
    endpoints: async (cfg, markets, http) =>
      (await a.endpoints(cfg, markets, http)).map((ep) => ({
        ...ep,
        silenceTimeoutMs,
        ...(ep.keepalive ? { keepalive: { ...ep.keepalive, intervalMs: keepaliveMs } } : {}),
      })),
  };
}

export interface Rig {
  readonly server: MockServer;
  readonly collector: VenueCollector;
  readonly events: MarketEvent[];
  readonly httpUrl: string;
  readonly wsUrl: string;
  close(): Promise<void>;
}

/** A mock server and a (not yet started) collector wired to it. */
export async function rig(protocol: MockProtocol, adapter: VenueAdapter, markets: readonly string[], keepaliveMs = 100): Promise<Rig> {
  const server = new MockServer(protocol);
  const { httpUrl, wsUrl } = await server.start();
  const events: MarketEvent[] = [];
  const collector = new VenueCollector({
    adapter: fastAdapter(adapter, 400, keepaliveMs),
    config: { wsUrl, restUrl: httpUrl, markets, pollIntervalMs: 200 },
    http: createHttpClient(httpUrl, { timeoutMs: 2000, maxRequestsPerSec: 200, retries: 0 }),
    onEvent: (e) => events.push(e),
    backoff: { initialMs: 20, maxMs: 200, factor: 2, jitter: 0.5 },
  });
  return {
    server,
    collector,
    events,
    httpUrl,
    wsUrl,
    close: async () => {
      collector.stop();
      await server.close();
    },
  };
}

type Path = readonly (string | number)[];

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  if (at.length > 0) out.push(at);
  return out;
}

/** A copy of `root` with the value at `path` replaced (or removed when `value` is undefined). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(root);
  let cur = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (last === undefined) return copy;
  if (value === undefined) delete cur[last];
  else cur[last] = value;
  return copy;
}

const nasty = fc.constantFrom<unknown>('', '0', '-1', '-0.5', 'NaN', '1e400', 'abc', 'buy', 'sell', 'long', 'net', 'snapshot', 'update', '0', null, 0, -1, 1e308, true, [], {}, undefined);

/** Real frames mutated as text (flip, cut, insert) or as JSON (one field replaced or removed). */
export function mutatedFrames(frames: readonly string[]): fc.Arbitrary<string> {
  const base = fc.constantFrom(...frames);
  const text = fc.tuple(base, fc.nat(), fc.nat(), fc.string({ maxLength: 8 })).map(([f, a, b, s]) => {
    const i = a % (f.length + 1);
    const j = Math.min(f.length, i + (b % 6));
    return f.slice(0, i) + s + f.slice(j);
  });
  const json = fc.tuple(base, fc.nat(), fc.oneof(nasty, fc.jsonValue())).map(([f, n, v]) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(f);
    } catch {
      return f;
    }
    const all = paths(parsed);
    const p = all[n % Math.max(1, all.length)];
    return p ? JSON.stringify(setAt(parsed, p, v)) : f;
  });
  return fc.oneof(text, json, base);
}
