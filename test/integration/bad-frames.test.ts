// Bad frames of every venue: random text and the venue's own fixture frames mutated (values
// replaced or removed, text cut or spliced), interleaved with intact frames on one long-lived
// parser. Nothing escapes parseWsSafe/parseRestSafe, every drop names a reason that is not an
// unexpected exception, and every event passes the event schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema, VENUE_IDS, type VenueId } from '../../src/core/events.js';
import type { Json, JsonObject } from '../../src/core/fields.js';
import type { ParseOutcome, VenueParser } from '../../src/core/venue.js';
import { loadAdapter } from '../../src/exchanges/registry.js';
import { parseRestSafe, parseWsSafe } from '../../src/feed/parse-safe.js';
import { fixtures, type Fixture } from './support.js';

const RECV = 1_780_000_000_000;

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('0', '-1', '1e400', 'NaN', 'Infinity', '', '-0', '99999999999999999999', 'BTCUSDT', 'Buy', 'sell'),
  fc.constant([]),
  fc.constant({}),
);

/** Replace or delete the value at a pseudo-random path of a parsed frame. */
function mutate(v: Json, picks: readonly number[], replacement: Json, del: boolean, depth = 0): Json {
  const last = depth >= picks.length - 1;
  const pick = picks[depth] ?? 0;
  if (Array.isArray(v)) {
    const copy = [...(v as readonly Json[])];
    if (copy.length === 0) return replacement;
    const i = pick % copy.length;
    if (del && last) copy.splice(i, 1);
    else copy[i] = last ? replacement : mutate(copy[i] as Json, picks, replacement, del, depth + 1);
    return copy;
  }
  if (v !== null && typeof v === 'object') {
    const copy: Record<string, Json> = { ...(v as JsonObject) };
    const keys = Object.keys(copy);
    if (keys.length === 0) return replacement;
    const k = keys[pick % keys.length] as string;
    if (del && last) delete copy[k];
    else copy[k] = last ? replacement : mutate(copy[k] as Json, picks, replacement, del, depth + 1);
    return copy;
  }
  return replacement;
}

/** One frame of a bad-frame stream: intact, structurally mutated, cut/spliced text, or noise. */
function frame(originals: readonly string[]): fc.Arbitrary<string> {
  const original = fc.constantFrom(...originals);
  const json = fc.tuple(original, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), leaf, fc.boolean()).map(([raw, picks, rep, del]) => {
    try {
      return JSON.stringify(mutate(JSON.parse(raw) as Json, picks, rep, del));
    } catch {
      return raw;
    }
  });
  const text = fc.tuple(original, fc.nat(), fc.nat(), fc.string({ maxLength: 6 })).map(([raw, a, b, ins]) => {
    const i = a % (raw.length + 1);
    const j = Math.min(raw.length, i + (b % 12));
    return raw.slice(0, i) + ins + raw.slice(j);
  });
  const noise = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), fc.constantFrom('\u0000{"', '[]', '{}', 'null', '"x"', '0', 'pong', 'ping'));
  return fc.oneof({ arbitrary: original, weight: 2 }, { arbitrary: json, weight: 4 }, { arbitrary: text, weight: 2 }, { arbitrary: noise, weight: 1 });
}

function check(venue: VenueId, out: ParseOutcome, input: string): void {
  if (out.kind === 'drop') {
    expect(out.reason.trim().length, `${venue}: empty drop reason for ${input}`).toBeGreaterThan(0);
    // FrameError reasons name the field; anything else is a parser bug surfacing as an exception.
    expect(out.reason, `${venue}: ${input}`).not.toMatch(/^parser error/);
  } else if (out.kind === 'events') {
    for (const e of out.events) expect(MarketEventSchema.safeParse(e).success, `${venue}: ${JSON.stringify(e)} from ${input}`).toBe(true);
    expect(out.events.every((e) => e.venue === venue)).toBe(true);
  } else {
    expect(out.what.length).toBeGreaterThan(0);
  }
}

async function parserOf(venue: VenueId): Promise<() => VenueParser> {
  const a = await loadAdapter(venue);
  return () => a.createParser(a.fallbackMarkets);
}

describe('bad frames of every venue: counted drops, never a crash', () => {
  it('pinned cases the fuzzer found: an error without data, sizes that overflow in conversion', async () => {
    const hl = (await parserOf('hyperliquid'))();
    expect(parseWsSafe(hl, '{"channel":"error"}', RECV)).toEqual({ kind: 'drop', reason: 'venue error: null' });
    const liq = '{"table":"liquidation","action":"insert","data":[{"orderID":"a","symbol":"XBTUSD","side":"Sell","price":5e-324,"leavesQty":891800}]}';
    expect(parseWsSafe((await parserOf('bitmex'))(), liq, RECV)).toEqual({ kind: 'drop', reason: 'liquidation out of range: qty Infinity' });
    const ctx = '{"channel":"activeAssetCtx","data":{"coin":"BTC","ctx":{"funding":"0.0000125","openInterest":2.8e303,"oraclePx":"64429.0","markPx":"64405.0"}}}';
    expect(parseWsSafe(hl, ctx, RECV)).toEqual({ kind: 'drop', reason: 'openInterest out of range: oiUsd Infinity' });
  });

  for (const venue of VENUE_IDS) {
    it(`${venue}: WebSocket frames`, async () => {
      const make = await parserOf(venue);
      const { ws } = fixtures(venue);
      expect(ws.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.array(frame(ws), { minLength: 1, maxLength: 12 }), (frames) => {
          const p = make();
          for (const f of frames) check(venue, parseWsSafe(p, f, RECV), f);
        }),
        { numRuns: 250 },
      );
    });

    it(`${venue}: REST bodies`, async () => {
      const make = await parserOf(venue);
      const { rest, ws } = fixtures(venue);
      // Venues without a REST fixture naming its request still get noise on a made-up path.
      const reqs: Fixture[] = rest.length ? rest : [{ raw: ws[0] ?? '{}', request: { method: 'GET', path: '/unknown?symbol=BTC' } }];
      fc.assert(
        fc.property(fc.constantFrom(...reqs), frame(reqs.map((r) => r.raw)), (fx, body) => {
          const req = fx.request as NonNullable<Fixture['request']>;
          check(venue, parseRestSafe(make(), { method: req.body !== undefined ? 'POST' : 'GET', path: req.path, ...(req.body !== undefined ? { body: req.body } : {}) }, body, RECV), body);
        }),
        { numRuns: 250 },
      );
    });
  }
});
