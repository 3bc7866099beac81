// Differential test against tardis-dev's Hyperliquid mappers on the same real frames ("map hyperliquid…").
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
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

describe('hyperliquid vs tardis-dev', () => {
  it('trades: same price, BTC quantity, side and timestamp', () => {
    const frames = fixture('trades').filter((l) => l.raw.includes('"coin":"BTC"'));
    expect(frames.length).toBeGreaterThanOrEqual(4);
    for (const { raw } of frames) {
      const mapper = normalizeTrades('hyperliquid', new Date(RECV));
      const msg: unknown = JSON.parse(raw);
      expect(mapper.canHandle(msg)).toBe(true);
      // tardis drops the first trades message per coin (the replay of recent trades): prime it.
      Array.from(mapper.map({ channel: 'trades', data: [{ coin: 'BTC' }] }, new Date(RECV)) ?? []);
      const theirs = [...(mapper.map(msg, new Date(RECV)) ?? [])];
      const mine = ours(raw).filter((e) => e.kind === 'trade');
      expect(mine.length).toBe(theirs.length);
      mine.forEach((e, i) => {
        const t = theirs[i]!;
        if (e.kind !== 'trade') throw new Error('not a trade');
        expect([e.price, e.qty, e.takerSide, e.ts]).toEqual([t.price, t.amount, t.side, t.timestamp.valueOf()]);
      });
    }
  });

  it('activeAssetCtx: same open interest (BTC), mark, index and funding', () => {
    for (const { raw } of fixture('activeAssetCtx').filter((l) => l.raw.includes('"coin":"BTC"'))) {
      const mapper = normalizeDerivativeTickers('hyperliquid', new Date(RECV));
      const t = [...(mapper.map(JSON.parse(raw), new Date(RECV)) ?? [])][0]!;
      const mine = ours(raw);
      const oi = mine.find((e) => e.kind === 'openInterest');
      const mark = mine.find((e) => e.kind === 'mark');
      if (oi?.kind !== 'openInterest' || mark?.kind !== 'mark') throw new Error('missing events');
      expect([oi.oiBtc, mark.markPrice, mark.indexPrice, mark.fundingRate]).toEqual([t.openInterest, t.markPrice, t.indexPrice, t.fundingRate]);
    }
  });
});
