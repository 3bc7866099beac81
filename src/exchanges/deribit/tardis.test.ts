// Differential test against tardis-dev's Deribit mappers on the same real frames ("map deribit…").
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { adapter } from './index.js';
import { venueFixtures } from '../testing/fixtures.js';

const { fixture } = venueFixtures(import.meta.dirname);

const RECV = 1_781_416_944_000;

function ours(raw: string): MarketEvent[] {
  const out = parseWsSafe(adapter.createParser(adapter.fallbackMarkets), raw, RECV);
  return out.kind === 'events' ? [...out.events] : [];
}

describe('deribit vs tardis-dev', () => {
  it('trades: same price, side, timestamp; tardis amount (USD) / price = our BTC', () => {
    let compared = 0;
    for (const { raw } of fixture('trades')) {
      const mapper = normalizeTrades('deribit', new Date(RECV));
      const theirs = [...(mapper.map(JSON.parse(raw), new Date(RECV)) ?? [])];
      const mine = ours(raw).filter((e) => e.kind === 'trade');
      expect(mine.length).toBe(theirs.length);
      mine.forEach((e, i) => {
        const t = theirs[i]!;
        if (e.kind !== 'trade') throw new Error('not a trade');
        expect([e.price, e.qty, e.takerSide, e.ts, e.id]).toEqual([t.price, t.amount / t.price, t.side, t.timestamp.valueOf(), t.id]);
        compared++;
      });
    }
    expect(compared).toBe(6);
  });

  it('liquidations: tardis side is the liquidated order side (sell = our long); same size', () => {
    let compared = 0;
    for (const { raw } of fixture('trades')) {
      const mapper = normalizeLiquidations('deribit', new Date(RECV));
      const theirs = [...(mapper.map(JSON.parse(raw), new Date(RECV)) ?? [])];
      const mine = ours(raw).filter((e) => e.kind === 'liquidation');
      expect(mine.length).toBe(theirs.length);
      mine.forEach((e, i) => {
        const t = theirs[i]!;
        if (e.kind !== 'liquidation') throw new Error('not a liquidation');
        expect([e.price, e.qty, e.side, e.ts]).toEqual([t.price, t.amount / t.price, t.side === 'sell' ? 'long' : 'short', t.timestamp.valueOf()]);
        compared++;
      });
    }
    expect(compared).toBe(3);
  });

  it('ticker: same open interest (USD), mark and index', () => {
    for (const { raw } of fixture('ticker').slice(0, 2)) {
      const mapper = normalizeDerivativeTickers('deribit', new Date(RECV));
      const t = [...(mapper.map(JSON.parse(raw), new Date(RECV)) ?? [])][0]!;
      const [oi, mark] = ours(raw);
      if (oi?.kind !== 'openInterest' || mark?.kind !== 'mark') throw new Error('missing events');
      expect([oi.oiUsd, mark.markPrice, mark.indexPrice, mark.ts]).toEqual([t.openInterest, t.markPrice, t.indexPrice, t.timestamp.valueOf()]);
    }
  });
});
