// Differential test against tardis-dev's 'okex-swap' mappers on the same verbatim frames: same
// price, timestamp, side and quantity (tardis keeps contracts; we convert with ctVal). Instruments
// of the fixtures that are not BTC get a contract size of 1 so both sides stay comparable.
import { describe, expect, it } from 'vitest';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { MarketSpec } from '../../core/venue.js';
import { FALLBACK_MARKETS } from './markets.js';
import { OkxParser } from './parse.js';
import { fixtures } from './test-support.js';

const DIR = import.meta.dirname;
const LOCAL = new Date('2023-11-01T00:00:00Z');
const R = LOCAL.valueOf();
const others: MarketSpec[] = ['FIL-USD-220325', 'FIL-USDT-220325', 'WNCG-USDT-SWAP', 'SOS-USDT-SWAP', 'IOST-USDT-SWAP', 'XRP-USD-230929'].map((symbol) => ({
  symbol,
  kind: 'linear',
  contractSize: 1,
  tickSize: 0.0001,
  maxLeverage: 50,
}));
const markets = [...FALLBACK_MARKETS, ...others];
const ctVal = (symbol: string): number => markets.find((m) => m.symbol === symbol)?.contractSize ?? NaN;

describe('okx-swap vs tardis-dev okex-swap mappers', () => {
  it('trades: price, BTC quantity, taker side, timestamp, id', () => {
    let compared = 0;
    for (const f of fixtures(DIR, 'trades')) {
      const mapper = normalizeTrades('okex-swap', LOCAL);
      const msg = JSON.parse(f.raw) as object;
      expect(mapper.canHandle(msg)).toBe(true);
      const theirs = [...(mapper.map(msg, LOCAL) ?? [])];
      const ours = new OkxParser(markets).ws(f.raw, R);
      if (ours.kind !== 'events') throw new Error(`${f.source}: ${JSON.stringify(ours)}`);
      expect(ours.events).toHaveLength(theirs.length);
      theirs.forEach((t, i) => {
        const e = ours.events[i];
        if (e?.kind !== 'trade' || !t) throw new Error('not a trade');
        expect(e.price).toBe(t.price);
        expect(e.qty).toBeCloseTo(t.amount * ctVal(t.symbol), 12);
        expect(e.takerSide).toBe(t.side);
        expect(e.ts).toBe(t.timestamp.valueOf());
        expect(e.id).toBe(t.id);
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('liquidations: bankruptcy price, quantity, timestamp; their order side is the opposite of our position side', () => {
    let compared = 0;
    for (const f of fixtures(DIR, 'liquidation-orders')) {
      const mapper = normalizeLiquidations('okex-swap', LOCAL);
      const msg = JSON.parse(f.raw) as object;
      expect(mapper.canHandle(msg)).toBe(true);
      expect([...(mapper.map(msg, LOCAL) ?? [])]).toEqual([]); // tardis drops the first push after subscribing
      const theirs = [...(mapper.map(msg, LOCAL) ?? [])];
      const ours = new OkxParser(markets).ws(f.raw, R);
      if (ours.kind !== 'events') throw new Error(`${f.source}: ${JSON.stringify(ours)}`);
      expect(ours.events).toHaveLength(theirs.length);
      theirs.forEach((t, i) => {
        const e = ours.events[i];
        if (e?.kind !== 'liquidation' || !t) throw new Error('not a liquidation');
        expect(e.price).toBe(t.price);
        expect(e.qty).toBeCloseTo(t.amount * ctVal(t.symbol), 12);
        expect(e.side).toBe(t.side === 'sell' ? 'long' : 'short');
        expect(e.ts).toBe(t.timestamp.valueOf());
        compared++;
      });
    }
    expect(compared).toBeGreaterThanOrEqual(3);
  });

  it('mark price and open interest (tardis derivative ticker)', () => {
    let compared = 0;
    for (const channel of ['mark-price', 'open-interest']) {
      for (const f of fixtures(DIR, channel)) {
        const msg = JSON.parse(f.raw) as { arg: { instId: string } };
        const mapper = normalizeDerivativeTickers('okex-swap', LOCAL);
        const [t] = [...(mapper.map(msg, LOCAL) ?? [])];
        const p = new OkxParser(markets);
        p.ws(JSON.stringify({ arg: { channel: 'mark-price', instId: msg.arg.instId }, data: [{ instId: msg.arg.instId, markPx: '1', ts: '1640131200000' }] }), R);
        const ours = p.ws(f.raw, R);
        if (ours.kind !== 'events' || !t) throw new Error(`${f.source}: ${JSON.stringify(ours)}`);
        const e = ours.events[0];
        if (e?.kind === 'mark') expect(e.markPrice).toBe(t.markPrice);
        else if (e?.kind === 'openInterest') expect(e.oiBtc).toBeCloseTo((t.openInterest ?? NaN) * ctVal(t.symbol), 9);
        else throw new Error('unexpected event');
        expect(e.ts).toBe(t.timestamp.valueOf());
        compared++;
      }
    }
    expect(compared).toBe(5);
  });
});
