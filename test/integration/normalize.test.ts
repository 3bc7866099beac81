// `liqmap normalize --venue <id>` for every venue, as a child process, on the venue's own fixture
// frames: bare frames and capture lines (WS and REST) in one input with garbage mixed in. The
// output must be what the venue parser gives in-process; drops are counted on stderr; --strict exits 1.
import { describe, expect, it } from 'vitest';
import { MarketEventSchema, VENUE_IDS, type CaptureLine, type MarketEvent, type VenueId } from '../../src/core/events.js';
import type { ParseOutcome } from '../../src/core/venue.js';
import { loadAdapter } from '../../src/exchanges/registry.js';
import { parseRestSafe, parseWsSafe } from '../../src/feed/parse-safe.js';
import { fixtures, jsonl, runCli, type Fixture } from './support.js';

const OTHER: Readonly<Record<string, VenueId>> = { 'binance-usdm': 'deribit' };
const otherVenue = (v: VenueId): VenueId => OTHER[v] ?? 'binance-usdm';

interface Case {
  /** stdin lines: bare frames, then capture lines, then garbage. */
  readonly lines: string[];
  /** Events the venue parser gives in-process for the same lines; bare ones without clocks. */
  readonly bare: MarketEvent[];
  readonly captured: MarketEvent[];
  readonly drops: number;
}

const noClock = (e: MarketEvent): Omit<MarketEvent, 'ts' | 'recvTs'> => {
  const { ts: _ts, recvTs: _recvTs, ...rest } = e;
  return rest;
};

async function buildCase(venue: VenueId): Promise<Case> {
  const adapter = await loadAdapter(venue);
  const parser = adapter.createParser(adapter.fallbackMarkets);
  const { ws, rest } = fixtures(venue);
  const lines: string[] = [];
  const bare: MarketEvent[] = [];
  const captured: MarketEvent[] = [];
  let drops = 0;
  const take = (out: ParseOutcome, into: MarketEvent[]): void => {
    if (out.kind === 'drop') drops++;
    else if (out.kind === 'events') into.push(...out.events);
  };
  // A bare frame must fit on one line (KuCoin's documented frames are pretty-printed).
  for (const raw of ws.filter((r) => !r.includes('\n'))) {
    lines.push(raw);
    take(parseWsSafe(parser, raw, Date.now()), bare);
  }
  let recvTs = 1_700_000_000_000;
  for (const raw of ws) {
    const line: CaptureLine = { venue, recvTs: ++recvTs, raw };
    lines.push(JSON.stringify(line));
    take(parseWsSafe(parser, raw, recvTs), captured);
  }
  for (const fx of rest) {
    const req = fx.request as NonNullable<Fixture['request']>;
    const line: CaptureLine = { venue, recvTs: ++recvTs, raw: fx.raw, source: 'rest', path: req.path, ...(req.body !== undefined ? { body: req.body } : {}) };
    lines.push(JSON.stringify(line));
    take(parseRestSafe(parser, { method: req.body !== undefined ? 'POST' : 'GET', path: req.path, ...(req.body !== undefined ? { body: req.body } : {}) }, fx.raw, recvTs), captured);
  }
  // Garbage: a truncated frame, a NUL-led frame as a capture line, another venue's capture line.
  const garbage = ['{"truncated":', JSON.stringify({ venue, recvTs: 1, raw: '\u0000{"x":' }), JSON.stringify({ venue: otherVenue(venue), recvTs: 1, raw: '{}' })];
  lines.push(...garbage);
  for (const g of garbage.slice(0, 2)) take(parseWsSafe(parser, g.startsWith('{"venue"') ? '\u0000{"x":' : g, 1), []);
  return { lines, bare, captured, drops: drops + 1 };
}

describe('liqmap normalize --venue <id> on every venue', () => {
  it('bare frames and capture lines give the parser events; garbage is counted; --strict exits 1', async () => {
    const cases = await Promise.all(VENUE_IDS.map(async (v) => [v, await buildCase(v)] as const));
    const results = await Promise.all(cases.map(([v, c]) => runCli(['normalize', '--venue', v, '--strict'], { input: `${c.lines.join('\n')}\n` })));
    for (const [i, [venue, c]] of cases.entries()) {
      const res = results[i];
      if (!res) throw new Error('missing result');
      expect(c.bare.length + c.captured.length, `${venue} fixtures yield events`).toBeGreaterThan(0);
      expect(res.code, `${venue} --strict with drops`).toBe(1);
      const out = jsonl<MarketEvent>(res.stdout);
      for (const e of out) expect(MarketEventSchema.safeParse(e).success, `${venue} ${JSON.stringify(e)}`).toBe(true);
      expect(out.length, `${venue} events`).toBe(c.bare.length + c.captured.length);
      // Bare frames are stamped with the receive time; capture lines keep theirs, so those match exactly.
      expect(out.slice(0, c.bare.length).map(noClock), `${venue} bare`).toEqual(c.bare.map(noClock));
      expect(out.slice(c.bare.length), `${venue} capture lines`).toEqual(c.captured);
      expect(res.stderr, venue).toContain(`normalize ${venue}: ${c.lines.length} frames, ${out.length} events, ${c.drops} dropped`);
      expect(res.stderr, venue).toContain(`capture line of venue ${otherVenue(venue)}, not ${venue}`);
    }
  }, 60_000);

  it('--strict exits 0 when nothing was dropped', async () => {
    const venue: VenueId = 'binance-usdm';
    const adapter = await loadAdapter(venue);
    const probe = adapter.createParser(adapter.fallbackMarkets);
    const good = fixtures(venue).ws.filter((raw) => parseWsSafe(probe, raw, 1).kind === 'events');
    const parser = adapter.createParser(adapter.fallbackMarkets);
    const expected = good.flatMap((raw) => {
      const out = parseWsSafe(parser, raw, 1);
      return out.kind === 'events' ? out.events : [];
    });
    expect(good.length).toBeGreaterThan(3);
    const res = await runCli(['normalize', '--venue', venue, '--strict'], { input: `${good.join('\n')}\n` });
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toContain(`${good.length} frames, ${expected.length} events, 0 dropped`);
    expect(jsonl<MarketEvent>(res.stdout).map(noClock)).toEqual(expected.map(noClock));
  }, 30_000);
});
