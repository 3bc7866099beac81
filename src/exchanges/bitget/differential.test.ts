// Differential test against tardis-dev's 'bitget-futures' mappers on the same verbatim frames.
// Markets of the captures that are not BTCUSDT are configured here so both sides see them.
import { describe, expect, it } from 'vitest';
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import type { MarketSpec } from '../../core/venue.js';
import { fixtures } from '../okx-swap/test-support.js';
import { FALLBACK_MARKETS } from './markets.js';
import { BitgetParser } from './parse.js';

const DIR = import.meta.dirname;
const LOCAL = new Date('2024-11-01T00:00:00Z');
const R = LOCAL.valueOf();
const markets: MarketSpec[] = [...FALLBACK_MARKETS, ...['DOGEUSD', 'STORJUSDT', 'BTCUSDZ24'].map((symbol) => ({ symbol, kind: 'linear' as const, contractSize: 1, tickSize: 0.0001, maxLeverage: 50 }))];

describe('bitget vs tardis-dev bitget-futures mappers', () => {
  it('trades (update pushes): price, size, side, timestamp, id — same set, ours oldest first', () => {
    let compared = 0;
    for (const f of fixtures(DIR, 'trade')) {
      for (const frame of [f.raw, f.raw.replace('"action":"snapshot"', '"action":"update"')]) {
        const msg = JSON.parse(frame) as { action: string };
        const mapper = normalizeTrades('bitget-futures', LOCAL);
        const ours = new BitgetParser(markets).ws(frame, R);
        if (!mapper.canHandle(msg)) {
          expect(ours.kind).toBe('control');
          continue;
        }
        const theirs = [...(mapper.map(msg, LOCAL) ?? [])].reverse();
        if (ours.kind !== 'events') throw new Error(JSON.stringify(ours));
        expect(ours.events).toHaveLength(theirs.length);
        theirs.forEach((t, i) => {
          const e = ours.events[i];
          if (e?.kind !== 'trade') throw new Error('not a trade');
          expect([e.price, e.qty, e.takerSide, e.ts, e.id, e.market]).toEqual([t.price, t.amount, t.side, t.timestamp.valueOf(), t.id, t.symbol]);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('ticker: mark, index, open interest, funding rate and time', () => {
    let compared = 0;
    for (const f of fixtures(DIR, 'ticker')) {
      const msg = JSON.parse(f.raw) as object;
      const mapper = normalizeDerivativeTickers('bitget-futures', LOCAL);
      expect(mapper.canHandle(msg)).toBe(true);
      const [t] = [...(mapper.map(msg, LOCAL) ?? [])];
      const ours = new BitgetParser(markets).ws(f.raw, R);
      if (ours.kind !== 'events' || !t) throw new Error(JSON.stringify(ours));
      const mark = ours.events.find((e) => e.kind === 'mark');
      const oi = ours.events.find((e) => e.kind === 'openInterest');
      if (mark?.kind !== 'mark' || oi?.kind !== 'openInterest') throw new Error('missing events');
      expect([mark.markPrice, mark.indexPrice, mark.ts, oi.oiBtc]).toEqual([t.markPrice, t.indexPrice, t.timestamp.valueOf(), t.openInterest]);
      expect(mark.fundingRate).toBe(t.fundingRate);
      expect(mark.nextFundingTs).toBe(t.fundingTimestamp?.valueOf());
      compared++;
    }
    expect(compared).toBe(3);
  });
});
