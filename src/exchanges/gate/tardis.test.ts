// Differential test against tardis-dev's gate-io-futures mappers on the same frames ("map
// gate-io-futures…" captures plus the doc examples): price, BTC quantity, side, time; mark, index,
// funding and OI. Known difference: internal (insurance/ADL) trades, which tardis keeps and we leave
// out of taker volume. tardis 13.35 has no public_liquidates mapper.
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { createGateParser } from './parse.js';
import { fixtures, TEST_MARKETS } from './testing.js';

const R = 1_700_000_000_000;
const size = new Map(TEST_MARKETS.map((m) => [m.symbol, m.contractSize]));

function ours(raw: string): MarketEvent[] {
  const out = createGateParser(TEST_MARKETS).ws(raw, R);
  return out.kind === 'events' ? [...out.events] : [];
}

describe('gate vs tardis-dev gate-io-futures', () => {
  it('trades: same price, BTC quantity, side, id and time', () => {
    let compared = 0;
    for (const f of fixtures('trades')) {
      const msg = JSON.parse(f.raw) as { result: { is_internal?: boolean }[] };
      const mapper = normalizeTrades('gate-io-futures', new Date(R));
      expect(mapper.canHandle(msg)).toBe(true);
      const theirs = [...(mapper.map(msg, new Date(R)) ?? [])].filter((_, i) => msg.result[i]?.is_internal !== true);
      const mine = ours(f.raw);
      expect(mine).toHaveLength(theirs.length);
      theirs.forEach((t, i) => {
        const m = mine[i];
        if (m?.kind !== 'trade') throw new Error('expected a trade');
        expect(m.market).toBe(t.symbol);
        expect(m.price).toBe(t.price);
        expect(m.qty).toBeCloseTo(t.amount * (size.get(t.symbol) ?? NaN), 12);
        expect(m.takerSide).toBe(t.side);
        expect(m.id).toBe(t.id);
        expect(m.ts).toBe(t.timestamp.valueOf());
        compared++;
      });
    }
    expect(compared).toBe(5);
  });

  it('tickers: same mark, index, funding, OI (contracts) and time', () => {
    let compared = 0;
    for (const f of fixtures('tickers')) {
      const msg: unknown = JSON.parse(f.raw);
      const mapper = normalizeDerivativeTickers('gate-io-futures', new Date(R));
      expect(mapper.canHandle(msg)).toBe(true);
      const theirs = [...(mapper.map(msg, new Date(R)) ?? [])];
      const marks = ours(f.raw).filter((e) => e.kind === 'mark');
      const ois = ours(f.raw).filter((e) => e.kind === 'openInterest');
      for (const t of theirs) {
        const m = marks.find((e) => e.market === t.symbol);
        const oi = ois.find((e) => e.market === t.symbol);
        if (!m || m.kind !== 'mark' || !oi || oi.kind !== 'openInterest') throw new Error(`no mark/OI for ${t.symbol}`);
        expect(m.markPrice).toBe(t.markPrice);
        expect(m.indexPrice).toBe(t.indexPrice);
        expect(m.fundingRate).toBe(t.fundingRate);
        expect(m.ts).toBe(t.timestamp.valueOf());
        expect(oi.oiBtc / (size.get(t.symbol) ?? NaN)).toBeCloseTo(t.openInterest ?? NaN, 6);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });
});
