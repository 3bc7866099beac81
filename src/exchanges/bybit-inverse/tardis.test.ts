// bybit-inverse against tardis-dev: tardis keeps sizes in USD contracts, we convert to BTC.
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { describe, expect, it } from 'vitest';
import { createV5Parser } from '../bybit-linear/v5/parse.js';
import { fixtureFrames } from '../bybit-linear/v5/fixture-lines.js';
import { FALLBACK_MARKETS } from './index.js';

const DATE = new Date('2023-04-05T06:00:00Z');

describe('bybit-inverse vs tardis-dev', () => {
  it('publicTrade: same price, side, time; our BTC × price = their USD amount', () => {
    const frame = fixtureFrames('bybit-inverse', 'publicTrade')[0] ?? '';
    const mapper = normalizeTrades('bybit', DATE);
    const theirs = [...(mapper.map(JSON.parse(frame) as object, DATE) ?? [])];
    const out = createV5Parser('bybit-inverse', FALLBACK_MARKETS).ws(frame, DATE.getTime());
    const mine = out.kind === 'events' ? out.events : [];
    expect(mine).toHaveLength(theirs.length);
    theirs.forEach((t, i) => {
      const m = mine[i];
      expect(m).toMatchObject({ kind: 'trade', price: t.price, takerSide: t.side, ts: t.timestamp.getTime(), id: t.id });
      expect(m?.kind === 'trade' ? m.qty * m.price : 0).toBeCloseTo(t.amount, 6);
    });
  });

  it('deprecated liquidation topic: side and USD size agree', () => {
    const frame = fixtureFrames('bybit-inverse', 'liquidation')[0] ?? '';
    const mapper = normalizeLiquidations('bybit', DATE);
    const [t] = [...(mapper.map(JSON.parse(frame) as object, DATE) ?? [])];
    const p = createV5Parser('bybit-inverse', [{ symbol: 'XRPUSD', kind: 'inverse', contractSize: 1, tickSize: 0.0001, maxLeverage: 50 }]);
    const out = p.ws(frame, DATE.getTime());
    const [m] = out.kind === 'events' ? out.events : [];
    expect(m).toMatchObject({ kind: 'liquidation', price: t?.price, side: t?.side === 'sell' ? 'long' : 'short', notionalUsd: t?.amount });
  });

  it('tickers: same mark, index, funding; their USD open interest = our oiUsd', () => {
    const mapper = normalizeDerivativeTickers('bybit', DATE);
    const p = createV5Parser('bybit-inverse', FALLBACK_MARKETS);
    for (const frame of fixtureFrames('bybit-inverse', 'tickers')) {
      const theirs = [...(mapper.map(JSON.parse(frame) as object, DATE) ?? [])].pop();
      const out = p.ws(frame, DATE.getTime());
      for (const e of out.kind === 'events' ? out.events : []) {
        if (e.kind === 'mark') expect([e.markPrice, e.indexPrice, e.fundingRate, e.nextFundingTs]).toEqual([theirs?.markPrice, theirs?.indexPrice, theirs?.fundingRate, theirs?.fundingTimestamp?.getTime()]);
        if (e.kind === 'openInterest') expect(e.oiUsd).toBe(theirs?.openInterest);
      }
    }
  });
});
