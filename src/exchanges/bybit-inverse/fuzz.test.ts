// Fuzz the inverse parser with mutated verbatim frames: no throw escapes, drops have reasons.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { fixtureFrames } from '../bybit-linear/v5/fixture-lines.js';
import { mutatedFrame } from '../bybit-linear/v5/fuzz-frames.js';
import { adapter, FALLBACK_MARKETS } from './index.js';

const frames = ['publicTrade', 'tickers', 'control', 'error', 'other-channels'].flatMap((c) => fixtureFrames('bybit-inverse', c));
frames.push('{"topic":"allLiquidation.BTCUSD","type":"snapshot","ts":1740480207578,"data":[{"T":1740480207110,"s":"BTCUSD","S":"Buy","v":"12000","p":"96000"}]}');

describe('bybit-inverse fuzz', () => {
  it('no throw, named drops, valid events', () => {
    const p = adapter.createParser(FALLBACK_MARKETS);
    const seen = { events: 0, control: 0, drop: 0 };
    fc.assert(
      fc.property(mutatedFrame(frames), (frame) => {
        const out = parseWsSafe(p, frame, 1_700_000_000_000);
        seen[out.kind]++;
        if (out.kind === 'drop') expect(out.reason).not.toMatch(/^parser error/);
        if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }),
      { numRuns: 2000, seed: 1680673822 },
    );
    expect(seen.drop).toBeGreaterThan(200);
    expect(seen.events).toBeGreaterThan(200);
  });
});
