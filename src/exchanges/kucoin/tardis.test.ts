// Differential test against tardis-dev's kucoin-futures mappers on the same frames: trades (price,
// BTC quantity, side, id, time) and derivative tickers (mark, index, funding). OI is REST-polled by
// us and read by tardis from its synthetic contract/details message, so it is compared there.
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { createKucoinParser } from './parse.js';
import { fixtures, TEST_MARKETS } from './testing.js';

const R = 1_700_000_000_000;
const size = new Map(TEST_MARKETS.map((m) => [m.symbol, m.contractSize]));

describe('kucoin vs tardis-dev kucoin-futures', () => {
  it('trades agree', () => {
    const frames = fixtures('execution');
    for (const f of frames) {
      const msg: unknown = JSON.parse(f.raw);
      const mapper = normalizeTrades('kucoin-futures', new Date(R));
      expect(mapper.canHandle(msg)).toBe(true);
      const [t] = [...(mapper.map(msg, new Date(R)) ?? [])];
      const out = createKucoinParser(TEST_MARKETS).ws(f.raw, R);
      const m = out.kind === 'events' ? out.events[0] : undefined;
      if (!t || m?.kind !== 'trade') throw new Error(`no trade from ${f.source}`);
      expect(m.market).toBe(t.symbol);
      expect(m.price).toBe(t.price);
      expect(m.qty).toBeCloseTo(t.amount * (size.get(t.symbol) ?? NaN), 12);
      expect(m.takerSide).toBe(t.side);
      expect(m.id).toBe(t.id);
      expect(m.ts).toBe(Math.floor(t.timestamp.valueOf()));
    }
    expect(frames).toHaveLength(4);
  });

  it('mark, index and funding agree frame by frame', () => {
    const ours = createKucoinParser(TEST_MARKETS);
    const mapper = normalizeDerivativeTickers('kucoin-futures', new Date(R));
    let compared = 0;
    for (const f of fixtures('instrument')) {
      const msg = JSON.parse(f.raw) as { type?: string };
      // tardis needs type "message"; the doc examples omit it.
      const theirs = [...(mapper.map({ type: 'message', ...msg }, new Date(R)) ?? [])];
      const out = ours.ws(f.raw, R);
      const mine: MarketEvent[] = out.kind === 'events' ? [...out.events] : [];
      const t = theirs.at(-1);
      const m = mine.at(-1);
      if (!t || m?.kind !== 'mark') continue;
      expect(m.market).toBe(t.symbol);
      expect(m.markPrice).toBe(t.markPrice);
      expect(m.indexPrice).toBe(t.indexPrice);
      expect(m.fundingRate).toBe(t.fundingRate);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(5);
  });
});
