// Fuzz: mutated real frames never make an exception escape, every drop has a reason, and every
// event that comes out is schema-valid (positive prices and sizes, epoch-ms times).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { FALLBACK_MARKETS } from './markets.js';
import { OkxParser } from './parse.js';
import { fixtures, mutatedFrames } from './test-support.js';

const DIR = import.meta.dirname;
/** Fixtures plus the same frames re-pointed at the configured BTC swaps, so mutations reach the converters. */
const frames = fixtures(DIR).flatMap((f) => [
  f.raw,
  f.raw.replace(/"(WNCG|FIL|IOST|XRP|SOS)-USDT?(-SWAP|-\d{6})?"/g, '"BTC-USDT-SWAP"').replace(/"(WNCG|FIL)-USDT"/g, '"BTC-USDT"'),
  f.raw.replace(/"(WNCG|FIL|IOST|XRP|SOS)-USDT?(-SWAP|-\d{6})?"/g, '"BTC-USD-SWAP"'),
]);

describe('okx-swap parser fuzz', () => {
  it('WebSocket frames: no throw, reasoned drops, valid events', () => {
    const p = new OkxParser(FALLBACK_MARKETS);
    let drops = 0;
    fc.assert(
      fc.property(mutatedFrames(frames), (frame) => {
        const o = parseWsSafe(p, frame, 1_700_000_000_000);
        if (o.kind === 'drop') {
          drops++;
          expect(o.reason.length).toBeGreaterThan(3);
        }
        if (o.kind === 'events') for (const e of o.events) expect(MarketEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
      }),
      { numRuns: 1500 },
    );
    expect(drops).toBeGreaterThan(0);
  });

  it('REST bodies: same guarantees', () => {
    const body = JSON.stringify({ code: '0', msg: '', data: [{ instType: 'SWAP', instId: 'BTC-USDT-SWAP', oi: '2500000', oiCcy: '25000', oiUsd: '1500000000', ts: '1700000000000' }] });
    const p = new OkxParser(FALLBACK_MARKETS);
    fc.assert(
      fc.property(mutatedFrames([body]), (b) => {
        const o = parseRestSafe(p, { method: 'GET', path: '/api/v5/public/open-interest?instType=SWAP&instId=BTC-USDT-SWAP' }, b, 1_700_000_000_000);
        if (o.kind === 'drop') expect(o.reason.length).toBeGreaterThan(3);
        if (o.kind === 'events') for (const e of o.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
