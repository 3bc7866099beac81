// Shared pieces of the scale-out fault tests: the test servers (skip with a reason when absent),
// unique stream prefixes, deterministic bars the model accepts, and a reference (uninterrupted) run.
import net from 'node:net';
import type { Bar } from '../../src/bars/bar.js';
import { rulesFor } from '../../src/exchanges/rules.js';
import { createModel, heatmap, DEFAULT_PARAMS, type LiqModel } from '../../src/model/index.js';
import { makeBar, MIN, T0 } from '../../src/store/testing/fixtures.js';
import { pgTestServer } from '../../src/store/postgres/test-support.js';
import { NatsLink } from '../../src/bus/link.js';
import type { MarketEvent, VenueId } from '../../src/core/events.js';
import type { EventSource } from '../../src/scale/collect.js';

export { T0, MIN };

export const SERIES: readonly { venue: VenueId; market: string }[] = [
  { venue: 'binance-usdm', market: 'BTCUSDT' },
  { venue: 'bybit-linear', market: 'BTCUSDT' },
  { venue: 'okx-swap', market: 'BTC-USDT-SWAP' },
];
export const VENUES: readonly VenueId[] = [...new Set(SERIES.map((s) => s.venue))];

/** `minutes` of bars for every series, in publish order (minute by minute). */
export function testBars(minutes: number, from = T0): Bar[] {
  const out: Bar[] = [];
  for (let k = 0; k < minutes; k++) for (const s of SERIES) out.push({ ...makeBar(s.venue, from + k * MIN, MIN, s.market), gap: false });
  return out;
}

/** The model that never stopped: every bar once, in order. */
export function reference(bars: readonly Bar[]): LiqModel {
  const m = createModel(DEFAULT_PARAMS, rulesFor);
  for (const b of bars) m.step(b);
  return m;
}

/** A heatmap window over the bars, as plain numbers for comparison. */
export function heatmapOf(model: LiqModel, bars: readonly Bar[]): number[][] {
  const from = bars[0]!.ts;
  const to = bars[bars.length - 1]!.ts + MIN;
  const g = heatmap(model, { from, to, priceLo: 50_000, priceHi: 70_000, cols: 60, rows: 100 });
  return g.cells.map((r) => Array.from(r));
}

async function natsReachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect(Number(u.port || 4222), u.hostname);
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

export interface Servers {
  readonly pg: string;
  readonly nats: string;
  readonly skip: string | null;
}

export async function testServers(): Promise<Servers> {
  const pg = await pgTestServer();
  const nats = process.env.LIQMAP_TEST_NATS_URL ?? '';
  if (pg.skip) return { pg: pg.url, nats, skip: pg.skip };
  if (!nats) return { pg: pg.url, nats, skip: 'LIQMAP_TEST_NATS_URL is unset (.ci/run exports it and starts NATS)' };
  if (!(await natsReachable(nats))) return { pg: pg.url, nats, skip: `NATS at ${nats} is unreachable` };
  return { pg: pg.url, nats, skip: null };
}

let n = 0;
export function uniquePrefix(tag: string): string {
  return `lqt-${tag}-${process.pid}-${Date.now().toString(36)}-${++n}`;
}

/** Remove a test deployment's stream. */
export async function dropStream(url: string, prefix: string): Promise<void> {
  const link = await NatsLink.connect({ url, prefix });
  await link.jsm.streams.delete(link.subjects.stream).catch(() => undefined);
  await link.close();
}

export async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Deterministic trades for SERIES, one second apart per series: event i is the same in every run. */
export function tradeAt(i: number): MarketEvent {
  const s = SERIES[i % SERIES.length]!;
  const k = Math.floor(i / SERIES.length);
  const ts = T0 + k * 1000;
  return { kind: 'trade', venue: s.venue, market: s.market, ts, recvTs: ts + 5, price: 60_000 + 100 * Math.sin(k / 50) + (k % 7), qty: 0.01 + (k % 5) / 100, takerSide: k % 2 ? 'buy' : 'sell' };
}

/** An EventSource a test drives: `emit(from, to)` pushes trades [from, to). */
export function scriptedSource(): EventSource & { emit(from: number, to: number): void } {
  let sink: ((e: MarketEvent) => void) | null = null;
  return {
    async start(onEvent) {
      sink = onEvent;
      return { health: () => [], markets: () => SERIES.map((s) => ({ ...s })), stop: () => void (sink = null) };
    },
    emit(from, to) {
      for (let i = from; i < to; i++) sink?.(tradeAt(i));
    },
  };
}

/** Every message on `filter` in the stream, in stream order. */
export async function readStream(link: NatsLink, filter: string): Promise<{ subject: string; seq: number; data: string }[]> {
  const info = await link.jsm.streams.info(link.subjects.stream);
  const last = info.state.last_seq;
  const out: { subject: string; seq: number; data: string }[] = [];
  if (!info.state.messages) return out;
  const c = await link.js.consumers.get(link.subjects.stream, { filter_subjects: filter });
  const it = await c.fetch({ max_messages: 100_000, expires: 2000 });
  for await (const m of it) {
    out.push({ subject: m.subject, seq: m.seq, data: m.string() });
    if (m.seq >= last) break;
  }
  return out;
}
