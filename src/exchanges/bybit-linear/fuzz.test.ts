// Fuzz: mutated verbatim frames never make an exception escape, every drop has a reason, and
// every event that still comes out satisfies the event contract.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { adapter, FALLBACK_MARKETS } from './index.js';
import { fixtureFrames } from './v5/fixture-lines.js';
import { mutatedFrame } from './v5/fuzz-frames.js';

const CHANNELS = ['publicTrade', 'allLiquidation', 'liquidation', 'tickers', 'control', 'error', 'other-channels'];
const frames = CHANNELS.flatMap((c) => fixtureFrames('bybit-linear', c)).filter((f, i) => i % 3 === 0 || !f.includes('"delta"'));

describe('bybit-linear fuzz', () => {
  it('ws: no throw, drops carry a FrameError reason, events are valid', () => {
    // One parser across runs, so merged ticker state is fuzzed too.
    const p = adapter.createParser(FALLBACK_MARKETS);
    const seen = { events: 0, control: 0, drop: 0 };
    fc.assert(
      fc.property(mutatedFrame(frames), (frame) => {
        const out = parseWsSafe(p, frame, 1_786_310_820_000);
        seen[out.kind]++;
        if (out.kind === 'drop') {
          expect(out.reason.length).toBeGreaterThan(0);
          // A TypeError or similar would show as "parser error: …": the parser must name a field instead.
          expect(out.reason).not.toMatch(/^parser error/);
        } else if (out.kind === 'events') {
          for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 20260809 },
    );
    // The mutations must exercise both paths, not only garbage.
    expect(seen.drop).toBeGreaterThan(300);
    expect(seen.events).toBeGreaterThan(300);
  });

  it('rest: tickers and instruments bodies mutated', () => {
    const p = adapter.createParser(FALLBACK_MARKETS);
    const bodies = [
      ...fixtureFrames('bybit-linear', 'rest-instruments-info'),
      '{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","markPrice":"65000","indexPrice":"65010","openInterest":"60000","singleOpenInterest":"30000","fundingRate":"0.0001","nextFundingTime":"1786320000000"}]},"retExtInfo":{},"time":1786310817197}',
    ];
    fc.assert(
      fc.property(mutatedFrame(bodies), fc.constantFrom('/v5/market/tickers?category=linear', '/v5/market/open-interest?category=linear'), (body, path) => {
        const out = parseRestSafe(p, { method: 'GET', path }, body, 1_786_310_820_000);
        if (out.kind === 'drop') expect(out.reason).not.toMatch(/^parser error/);
        if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });
});
