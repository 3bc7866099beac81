// Fuzz: mutated real Bitget frames never make an exception escape, every drop has a reason,
// every event is schema-valid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { fixtures, mutatedFrames } from '../okx-swap/test-support.js';
import { FALLBACK_MARKETS } from './markets.js';
import { BitgetParser } from './parse.js';

const DIR = import.meta.dirname;
/** Fixtures, plus snapshot frames as updates and other markets re-pointed at BTCUSDT, so mutations reach the converters. */
const frames = fixtures(DIR).flatMap((f) => [f.raw, f.raw.replace('"action":"snapshot"', '"action":"update"').replace(/"(DOGEUSD|STORJUSDT|BTCUSDZ24)"/g, '"BTCUSDT"')]);

describe('bitget parser fuzz', () => {
  it('WebSocket frames: no throw, reasoned drops, valid events', () => {
    const p = new BitgetParser(FALLBACK_MARKETS);
    let drops = 0;
    let events = 0;
    fc.assert(
      fc.property(mutatedFrames(frames), (frame) => {
        const o = parseWsSafe(p, frame, 1_700_000_000_000);
        if (o.kind === 'drop') {
          drops++;
          expect(o.reason.length).toBeGreaterThan(3);
        }
        if (o.kind === 'events') {
          events++;
          for (const e of o.events) expect(MarketEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
    expect(drops).toBeGreaterThan(0);
    expect(events).toBeGreaterThan(0);
  });

  it('REST open-interest bodies: same guarantees', () => {
    const p = new BitgetParser(FALLBACK_MARKETS);
    p.ws(fixtures(DIR, 'ticker')[0]?.raw ?? '', 1_700_000_000_000);
    const body = '{"code":"00000","msg":"success","requestTime":1695796780343,"data":{"openInterestList":[{"symbol":"BTCUSDT","size":"34278.06"}],"ts":"1695796781616"}}';
    fc.assert(
      fc.property(mutatedFrames([body]), (b) => {
        const o = parseRestSafe(p, { method: 'GET', path: '/api/v2/mix/market/open-interest?symbol=BTCUSDT&productType=usdt-futures' }, b, 1_700_000_000_000);
        if (o.kind === 'drop') expect(o.reason.length).toBeGreaterThan(3);
        if (o.kind === 'events') for (const e of o.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
