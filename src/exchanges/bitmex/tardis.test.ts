// Differential test against tardis-dev's BitMEX mappers on the same real frames ("map bitmex…").
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { adapter } from './index.js';
import { venueFixtures } from '../testing/fixtures.js';

const { fixture } = venueFixtures(import.meta.dirname);

const RECV = 1_781_416_944_000;
const spec = new Map(adapter.fallbackMarkets.map((m) => [m.symbol, m]));
/** tardis keeps BitMEX sizes in contracts: back to BTC with our contract specs. */
const btc = (symbol: string, contracts: number, price: number): number => {
  const m = spec.get(symbol)!;
  return m.kind === 'inverse' ? (contracts * m.contractSize) / price : contracts * m.contractSize;
};

describe('bitmex vs tardis-dev', () => {
  it('trades: same price, BTC quantity, side and timestamp', () => {
    const p = adapter.createParser(adapter.fallbackMarkets);
    let compared = 0;
    for (const { raw } of fixture('trade')) {
      const mapper = normalizeTrades('bitmex', new Date(RECV));
      const msg: unknown = JSON.parse(raw);
      const theirs = mapper.canHandle(msg) ? [...(mapper.map(msg, new Date(RECV)) ?? [])] : [];
      const out = parseWsSafe(p, raw, RECV);
      const mine = out.kind === 'events' ? out.events.filter((e) => e.kind === 'trade') : [];
      expect(mine.length).toBe(theirs.length);
      mine.forEach((e, i) => {
        const t = theirs[i]!;
        if (e.kind !== 'trade') throw new Error('not a trade');
        expect(e.price).toBe(t.price);
        expect(e.qty).toBeCloseTo(btc(t.symbol, t.amount, t.price), 12);
        expect([e.takerSide, e.ts]).toEqual([t.side, t.timestamp.valueOf()]);
        compared++;
      });
    }
    expect(compared).toBe(2);
  });

  it('liquidations: one per insert, same price and size; tardis side (order side) sell = our long', () => {
    const p = adapter.createParser(adapter.fallbackMarkets);
    const mapper = normalizeLiquidations('bitmex', new Date(RECV));
    const mine: MarketEvent[] = [];
    const theirs: { price: number; amount: number; side: string; symbol: string }[] = [];
    for (const { raw } of fixture('liquidation')) {
      const msg: unknown = JSON.parse(raw);
      if (mapper.canHandle(msg)) theirs.push(...(mapper.map(msg, new Date(RECV)) ?? []));
      const out = parseWsSafe(p, raw, RECV);
      if (out.kind === 'events') mine.push(...out.events);
    }
    expect(mine.length).toBe(theirs.length);
    mine.forEach((e, i) => {
      const t = theirs[i]!;
      if (e.kind !== 'liquidation') throw new Error('not a liquidation');
      expect(e.price).toBe(t.price);
      expect(e.qty).toBeCloseTo(btc(t.symbol, t.amount, t.price), 12);
      expect(e.side).toBe(t.side === 'sell' ? 'long' : 'short');
    });
  });

  it('instrument: same open interest (contracts), mark, index and funding', () => {
    const [partial, update] = fixture('instrument');
    const p = adapter.createParser(adapter.fallbackMarkets);
    const mapper = normalizeDerivativeTickers('bitmex', new Date(RECV));
    for (const raw of [partial!.raw, update!.raw]) {
      const t = [...(mapper.map(JSON.parse(raw), new Date(RECV)) ?? [])].at(-1)!;
      const out = parseWsSafe(p, raw, RECV);
      const oi = out.kind === 'events' ? out.events.find((e) => e.kind === 'openInterest') : undefined;
      const mark = out.kind === 'events' ? out.events.find((e) => e.kind === 'mark') : undefined;
      if (oi?.kind !== 'openInterest' || mark?.kind !== 'mark') throw new Error('missing events');
      expect([oi.oiUsd, mark.markPrice, mark.indexPrice, mark.fundingRate, mark.nextFundingTs]).toEqual([t.openInterest, t.markPrice, t.indexPrice, t.fundingRate, t.fundingTimestamp?.valueOf()]);
    }
  });
});
