// Differential test against tardis-dev's Bybit v5 mappers on the same verbatim frames.
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';
import { FALLBACK_MARKETS } from './index.js';
import { fixtureFrames } from './v5/fixture-lines.js';
import { createV5Parser } from './v5/parse.js';

const LIVE = new Date('2026-08-09T00:00:00Z');
const alt = (symbol: string): MarketSpec => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.00001, maxLeverage: 25 });
const ours = (frame: string, recvTs: number, markets: readonly MarketSpec[] = FALLBACK_MARKETS): readonly MarketEvent[] => {
  const out = createV5Parser('bybit-linear', markets).ws(frame, recvTs);
  if (out.kind !== 'events') throw new Error(JSON.stringify(out));
  return out.events;
};

describe('bybit-linear vs tardis-dev', () => {
  it('publicTrade: same price, BTC quantity, side, time and id', () => {
    let compared = 0;
    for (const frame of fixtureFrames('bybit-linear', 'publicTrade')) {
      const mapper = normalizeTrades('bybit', LIVE);
      const msg = JSON.parse(frame) as object;
      expect(mapper.canHandle(msg)).toBe(true);
      const theirs = [...(mapper.map(msg, LIVE) ?? [])];
      const mine = ours(frame, LIVE.getTime());
      expect(mine.length).toBe(theirs.length);
      theirs.forEach((t, i) => {
        expect(mine[i]).toMatchObject({ kind: 'trade', price: t.price, qty: t.amount, takerSide: t.side, ts: t.timestamp.getTime(), id: t.id });
        compared++;
      });
    }
    expect(compared).toBe(57);
  });

  it('allLiquidation and the deprecated liquidation topic: tardis order side sell ⇔ our long position', () => {
    const markets = [...FALLBACK_MARKETS, alt('ROSEUSDT'), alt('KAITOUSDT'), alt('PIPPINUSDT'), alt('GALAUSDT')];
    const cases: [string, Date][] = [
      ...fixtureFrames('bybit-linear', 'allLiquidation').map((f): [string, Date] => [f, LIVE]),
      // tardis routes the deprecated topic to its V5LiquidationsMapper before 2025-02-26.
      ...fixtureFrames('bybit-linear', 'liquidation').map((f): [string, Date] => [f, new Date('2024-01-01T00:00:00Z')]),
    ];
    for (const [frame, date] of cases) {
      const mapper = normalizeLiquidations('bybit', date);
      const msg = JSON.parse(frame) as object;
      expect(mapper.canHandle(msg)).toBe(true);
      const theirs = [...(mapper.map(msg, date) ?? [])];
      const mine = ours(frame, date.getTime(), markets);
      expect(mine.length).toBe(theirs.length);
      theirs.forEach((t, i) => {
        expect(mine[i]).toMatchObject({ kind: 'liquidation', market: t.symbol, price: t.price, qty: t.amount, side: t.side === 'sell' ? 'long' : 'short', ts: t.timestamp.getTime() });
      });
    }
  });

  it('tickers: same merged mark, index, funding; OI = openInterest before 2026-06, openInterest/2 after', () => {
    const mapper = normalizeDerivativeTickers('bybit', LIVE);
    const parser = createV5Parser('bybit-linear', FALLBACK_MARKETS);
    let marks = 0;
    let ois = 0;
    for (const frame of fixtureFrames('bybit-linear', 'tickers')) {
      const msg = JSON.parse(frame) as { type: string };
      // tardis keeps merging across snapshots; compare only within one snapshot's run of deltas.
      const theirs = [...(mapper.map(msg, LIVE) ?? [])].pop();
      const out = parser.ws(frame, LIVE.getTime());
      if (out.kind !== 'events') throw new Error(JSON.stringify(out));
      for (const e of out.events) {
        if (!theirs) throw new Error(`tardis emitted nothing for ${frame.slice(0, 80)}`);
        if (e.kind === 'mark') {
          expect(e.markPrice).toBe(theirs.markPrice);
          expect(e.indexPrice).toBe(theirs.indexPrice);
          expect(e.fundingRate).toBe(theirs.fundingRate);
          expect(e.nextFundingTs).toBe(theirs.fundingTimestamp?.getTime());
          marks++;
        } else if (e.kind === 'openInterest') {
          const twoSided = frame.includes('singleOpenInterest') || e.ts >= Date.parse('2026-06-11T00:00:00Z');
          // openInterest and singleOpenInterest are each rounded to 0.001 by Bybit.
          expect(e.oiBtc).toBeCloseTo((theirs.openInterest ?? NaN) / (twoSided ? 2 : 1), 2);
          ois++;
        }
      }
    }
    expect(marks).toBeGreaterThan(40);
    expect(ois).toBeGreaterThan(5);
  });
});
