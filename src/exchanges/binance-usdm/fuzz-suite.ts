// Fuzz suite for both Binance venues: mutated real frames never make the parser throw; every drop
// has a reason; every event it still emits satisfies the event schema (positive prices and sizes,
// ms timestamps, finite numbers).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MarketEventSchema } from '../../core/events.js';
import type { MarketSpec, ParseOutcome, VenueAdapter } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { allFixtures, mutateJson } from './test-support.js';

export interface FuzzSuite {
  readonly adapter: VenueAdapter;
  /** Venue directory holding fixtures/. */
  readonly dir: string;
  readonly markets: readonly MarketSpec[];
  /** REST bodies with the request path they answer. */
  readonly rest: readonly { readonly path: string; readonly raw: string }[];
  /** A mark frame giving the REST parser a price. */
  readonly markFrame: string;
}

function check(out: ParseOutcome): void {
  // A 'parser error:' reason would be a TypeError or the like: only FrameErrors are expected.
  if (out.kind === 'drop') expect(out.reason).toMatch(/^(?!parser error)./);
  if (out.kind === 'control') expect(out.what.length).toBeGreaterThan(0);
  if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
}

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', '0', '-1', 'NaN', '1e400', 'SELL', 'BUY', 'FILLED', 'aggTrade', 'forceOrder', 'markPriceUpdate', 0, -1, 1e20, { toString: 1, valueOf: 2 }),
);

export function binanceFuzzSuite({ adapter, dir, markets, rest, markFrame }: FuzzSuite): void {
  const frames = allFixtures(dir).map((f) => f.raw);
  describe(`${adapter.id} parser fuzz`, () => {
    it('value-level mutations of real frames: no throw, counted drops, valid events', () => {
      const parser = adapter.createParser(markets);
      fc.assert(
        fc.property(fc.constantFrom(...frames), fc.nat(), fc.option(value, { nil: undefined }), (raw, pick, by) => {
          const text = mutateJson(raw, pick, by as Parameters<typeof mutateJson>[2]);
          check(parseWsSafe(parser, text, 1_700_000_000_000));
        }),
        { numRuns: 3000 },
      );
    });

    it('text-level damage (truncation, stray characters): no throw', () => {
      const parser = adapter.createParser(markets);
      fc.assert(
        fc.property(fc.constantFrom(...frames), fc.nat(), fc.string({ maxLength: 4 }), (raw, at, junk) => {
          const i = at % (raw.length + 1);
          check(parseWsSafe(parser, raw.slice(0, i), 1));
          check(parseWsSafe(parser, raw.slice(0, i) + junk + raw.slice(i), 1));
        }),
        { numRuns: 2000 },
      );
    });

    it('REST bodies: no throw, valid events', () => {
      const parser = adapter.createParser(markets);
      parseWsSafe(parser, markFrame, 1);
      fc.assert(
        fc.property(fc.constantFrom(...rest), fc.nat(), fc.option(value, { nil: undefined }), (r, pick, by) => {
          const text = mutateJson(r.raw, pick, by as Parameters<typeof mutateJson>[2]);
          check(parseRestSafe(parser, { method: 'GET', path: r.path }, text, 1_700_000_000_000));
        }),
        { numRuns: 1500 },
      );
    });
  });
}
