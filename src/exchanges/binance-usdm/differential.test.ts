// Differential test against tardis-dev's Binance mappers ('binance-futures') on our fixtures (which
// hold the real frames of tardis' own test suite): same price, quantity (BTC), side, timestamp. Known, intended differences:
// tardis maps only `@trade` (not aggTrade), gives the liquidation ORDER side and ORDER price `p`;
// we give the POSITION side and the average fill price `ap`.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { MarketSpec } from '../../core/venue.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { adapter } from './index.js';
import { allFixtures } from './test-support.js';

type Msg = { stream?: string; data?: { s?: string; o?: { s?: string } } };
const dir = path.dirname(fileURLToPath(import.meta.url));
const messages = allFixtures(dir)
  .map((f) => JSON.parse(f.raw) as Msg)
  .filter((m) => m.stream !== undefined);
const symbols = [...new Set(messages.map((m) => m.data?.s ?? m.data?.o?.s).filter((s): s is string => !!s))];
const markets: MarketSpec[] = symbols.map((symbol) => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.01, maxLeverage: 125 }));
const R = 1_700_000_000_000;

describe('binance-usdm vs tardis-dev binance-futures', () => {
  it('has frames of every channel to compare', () => {
    expect(messages.filter((m) => m.stream?.endsWith('@trade')).length).toBeGreaterThanOrEqual(3);
    expect(messages.filter((m) => m.stream?.endsWith('@forceOrder')).length).toBeGreaterThanOrEqual(1);
    expect(messages.filter((m) => m.stream?.includes('@markPrice')).length).toBeGreaterThanOrEqual(3);
  });

  it('trades: same price, BTC quantity, taker side, time and id', () => {
    const mapper = normalizeTrades('binance-futures', new Date(R));
    const ours = adapter.createParser(markets);
    let compared = 0;
    for (const m of messages.filter((x) => mapper.canHandle(x))) {
      const theirs = [...(mapper.map(m, new Date(R)) ?? [])];
      const out = parseWsSafe(ours, JSON.stringify(m), R);
      expect(out.kind).toBe('events');
      const mine = out.kind === 'events' ? out.events : [];
      expect(mine.length).toBe(theirs.length);
      theirs.forEach((t, i) => {
        const e = mine[i];
        expect(e?.kind).toBe('trade');
        if (e?.kind !== 'trade') return;
        expect(e.price).toBe(t.price);
        expect(e.qty).toBe(t.amount);
        expect(e.takerSide).toBe(t.side);
        expect(e.ts).toBe(t.timestamp.valueOf());
        expect(e.id).toBe(t.id);
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(2);
  });

  it('liquidations: same BTC quantity and time; tardis order side SELL ↔ our liquidated long', () => {
    const mapper = normalizeLiquidations('binance-futures', new Date(R));
    const ours = adapter.createParser(markets);
    let compared = 0;
    for (const m of messages.filter((x) => mapper.canHandle(x))) {
      const theirs = [...(mapper.map(m, new Date(R)) ?? [])];
      const out = parseWsSafe(ours, JSON.stringify(m), R);
      const mine = out.kind === 'events' ? out.events : [];
      expect(mine.length).toBe(theirs.length);
      theirs.forEach((t, i) => {
        const e = mine[i];
        if (e?.kind !== 'liquidation') throw new Error('expected a liquidation');
        expect(e.qty).toBe(t.amount);
        expect(e.side).toBe(t.side === 'sell' ? 'long' : 'short');
        expect(e.ts).toBe(t.timestamp.valueOf());
        // tardis: order price p; ours: average fill price ap (DESIGN §2).
        const o = (m.data as { o: { p: string; ap: string } }).o;
        expect(t.price).toBe(Number(o.p));
        expect(e.price).toBe(Number(o.ap));
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(1);
  });

  it('mark price, index and funding match the derivative-ticker mapper', () => {
    const mapper = normalizeDerivativeTickers('binance-futures', new Date(R));
    const ours = adapter.createParser(markets);
    let compared = 0;
    for (const m of messages.filter((x) => x.stream?.includes('@markPrice'))) {
      const theirs = [...(mapper.map(m, new Date(R)) ?? [])];
      const out = parseWsSafe(ours, JSON.stringify(m), R);
      const e = out.kind === 'events' ? out.events[0] : undefined;
      if (e?.kind !== 'mark') throw new Error('expected a mark event');
      const t = theirs.at(-1);
      if (!t) continue; // tardis emits only when something changed
      expect(e.markPrice).toBe(t.markPrice);
      expect(e.ts).toBe(t.timestamp.valueOf());
      if (e.indexPrice !== undefined) expect(e.indexPrice).toBe(t.indexPrice);
      if (e.fundingRate !== undefined) {
        expect(e.fundingRate).toBe(t.fundingRate);
        expect(e.nextFundingTs).toBe(t.fundingTimestamp?.valueOf());
      }
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });
});
