// Differential test against tardis-dev's 'binance-delivery' mappers on our fixtures (which hold the
// real frames of tardis' own test suite). tardis reports COIN-M amounts in CONTRACTS; we report BTC,
// so we compare after converting: contracts = BTC × price / 100. As for USDⓈ-M, tardis gives the
// liquidation ORDER side and ORDER price `p`; we give the POSITION side and the average price `ap`.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { MarketSpec } from '../../core/venue.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { allFixtures } from '../binance-usdm/test-support.js';
import { adapter } from './index.js';

type Msg = { stream?: string; data?: { s?: string; o?: { s?: string; ap?: string; p?: string } } };
const dir = path.dirname(fileURLToPath(import.meta.url));
const messages = allFixtures(dir)
  .map((f) => JSON.parse(f.raw) as Msg)
  .filter((m) => m.stream !== undefined);
const USD_PER_CONTRACT = 100;
const markets: MarketSpec[] = ['BTCUSD_200925', 'BTCUSD_PERP'].map((symbol) => ({ symbol, kind: 'inverse', contractSize: USD_PER_CONTRACT, tickSize: 0.1, maxLeverage: 125 }));
const R = 1_700_000_000_000;

function ours(m: Msg) {
  const out = parseWsSafe(adapter.createParser(markets), JSON.stringify(m), R);
  return out.kind === 'events' ? out.events : [];
}

describe('binance-coinm vs tardis-dev binance-delivery', () => {
  it('trades: same price, side, time and id; BTC × price / 100 = tardis contracts; off-book skipped by both', () => {
    const mapper = normalizeTrades('binance-delivery', new Date(R));
    let compared = 0;
    const handled = messages.filter((x) => mapper.canHandle(x));
    expect(handled.length).toBe(2);
    for (const m of handled) {
      const theirs = [...(mapper.map(m, new Date(R)) ?? [])];
      const mine = ours(m);
      expect(mine.length).toBe(theirs.length);
      theirs.forEach((t, i) => {
        const e = mine[i];
        if (e?.kind !== 'trade') throw new Error('expected a trade');
        expect(e.price).toBe(t.price);
        expect((e.qty * e.price) / USD_PER_CONTRACT).toBeCloseTo(t.amount, 9);
        expect(e.takerSide).toBe(t.side);
        expect(e.ts).toBe(t.timestamp.valueOf());
        expect(e.id).toBe(t.id);
        compared++;
      });
    }
    expect(compared).toBe(1);
  });

  it('liquidations: contracts and time agree; order side SELL ↔ liquidated long', () => {
    const mapper = normalizeLiquidations('binance-delivery', new Date(R));
    let compared = 0;
    for (const m of messages.filter((x) => mapper.canHandle(x))) {
      const theirs = [...(mapper.map(m, new Date(R)) ?? [])];
      const mine = ours(m);
      expect(mine.length).toBe(theirs.length);
      theirs.forEach((t, i) => {
        const e = mine[i];
        if (e?.kind !== 'liquidation') throw new Error('expected a liquidation');
        expect((e.qty * e.price) / USD_PER_CONTRACT).toBeCloseTo(t.amount, 9);
        expect(e.notionalUsd).toBe(t.amount * USD_PER_CONTRACT);
        expect(e.side).toBe(t.side === 'sell' ? 'long' : 'short');
        expect(e.ts).toBe(t.timestamp.valueOf());
        expect(t.price).toBe(Number(m.data?.o?.p));
        expect(e.price).toBe(Number(m.data?.o?.ap));
        compared++;
      });
    }
    expect(compared).toBe(1);
  });

  it('mark price matches the derivative-ticker mapper', () => {
    const mapper = normalizeDerivativeTickers('binance-delivery', new Date(R));
    let compared = 0;
    for (const m of messages.filter((x) => x.stream?.includes('@markPrice'))) {
      const t = [...(mapper.map(m, new Date(R)) ?? [])].at(-1);
      const e = ours(m)[0];
      if (e?.kind !== 'mark' || !t) throw new Error('expected marks from both');
      expect(e.markPrice).toBe(t.markPrice);
      expect(e.ts).toBe(t.timestamp.valueOf());
      expect(e.fundingRate).toBeUndefined(); // a quarterly: neither side reports funding
      expect(t.fundingRate).toBeUndefined();
      compared++;
    }
    expect(compared).toBe(1);
  });
});
