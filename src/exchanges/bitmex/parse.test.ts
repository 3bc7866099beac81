import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { adapter } from './index.js';
import { parseInstruments } from './markets.js';
import { venueFixtures } from '../testing/fixtures.js';

const { fixture } = venueFixtures(import.meta.dirname);

const RECV = 1_781_416_944_000;
const parser = () => adapter.createParser(adapter.fallbackMarkets);

describe('bitmex trade', () => {
  const lines = fixture('trade');
  const p = parser();

  it('the partial (trades before we subscribed) is control', () => {
    expect(parseWsSafe(p, lines[0]!.raw, RECV)).toEqual({ kind: 'control', what: 'trade partial' });
  });

  it('XBTUSD insert: USD contracts → BTC at the trade price, Sell = taker sell, ISO time', () => {
    expect(parseWsSafe(p, lines[1]!.raw, RECV)).toEqual({
      kind: 'events',
      events: [{ kind: 'trade', venue: 'bitmex', market: 'XBTUSD', ts: Date.parse('2019-01-05T23:01:25.263Z'), recvTs: RECV, price: 3801.5, qty: 30 / 3801.5, takerSide: 'sell', id: '73960db4-5580-dc30-e281-cd2fdf85a506' }],
    });
    const out = parseWsSafe(p, lines[2]!.raw, RECV);
    expect(out.kind === 'events' && out.events[0]).toMatchObject({ price: 8544.5, qty: 1000 / 8544.5, takerSide: 'sell' });
  });

  it('XBTUSDT sizes are 1e-6 BTC contracts; the all-zero GUID is not kept as an id', () => {
    const raw = lines[0]!.raw.replace('"action":"partial"', '"action":"insert"').replace('"symbol":"XBTUSD","side"', '"symbol":"XBTUSDT","side"');
    const out = parseWsSafe(p, raw, RECV);
    const e = out.kind === 'events' ? out.events[0] : undefined;
    expect(e).toEqual({ kind: 'trade', venue: 'bitmex', market: 'XBTUSDT', ts: Date.parse('2026-06-14T05:52:41.303Z'), recvTs: RECV, price: 64330.3, qty: expect.closeTo(0.0002, 15), takerSide: 'sell' });
  });
});

describe('bitmex liquidation (insert/update/delete order table)', () => {
  it('emits once per inserted order; updates and deletes only track state; Buy = a SHORT liquidated', () => {
    const p = parser();
    const outs = fixture('liquidation').map((l) => parseWsSafe(p, l.raw, RECV));
    expect(outs.map((o) => o.kind)).toEqual(['control', 'events', 'control', 'control', 'control', 'events', 'events', 'events', 'control']);
    const ev = outs.flatMap((o) => (o.kind === 'events' ? o.events : []));
    expect(ev).toEqual([
      { kind: 'liquidation', venue: 'bitmex', market: 'XBTUSD', ts: RECV, recvTs: RECV, price: 88303.7, qty: 50900 / 88303.7, notionalUsd: (50900 / 88303.7) * 88303.7, side: 'short' },
      { kind: 'liquidation', venue: 'bitmex', market: 'XBTUSDT', ts: RECV, recvTs: RECV, price: 87785.3, qty: 39700 * 1e-6, notionalUsd: 39700 * 1e-6 * 87785.3, side: 'short' },
      { kind: 'liquidation', venue: 'bitmex', market: 'XBTUSD', ts: RECV, recvTs: RECV, price: 90396.3, qty: 891800 / 90396.3, notionalUsd: (891800 / 90396.3) * 90396.3, side: 'long' },
      { kind: 'liquidation', venue: 'bitmex', market: 'XBTUSD', ts: RECV, recvTs: RECV, price: 10106, qty: 9214 / 10106, notionalUsd: (9214 / 10106) * 10106, side: 'short' },
    ]);
  });
});

describe('bitmex instrument (partial then merged updates)', () => {
  const lines = fixture('instrument');

  it('partial: one-sided OI in USD contracts → BTC at mark; mark, index, 8 h funding, next funding', () => {
    const out = parseWsSafe(parser(), lines[0]!.raw, RECV);
    const ts = Date.parse('2022-12-12T19:56:20.000Z');
    expect(out).toEqual({
      kind: 'events',
      events: [
        { kind: 'openInterest', venue: 'bitmex', market: 'XBTUSD', ts, recvTs: RECV, oiBtc: 58217000 / 17043.25, oiUsd: 58217000 },
        { kind: 'mark', venue: 'bitmex', market: 'XBTUSD', ts, recvTs: RECV, markPrice: 17043.25, indexPrice: 17043.24, fundingRate: 0.0001, nextFundingTs: Date.parse('2022-12-12T20:00:00.000Z') },
      ],
    });
  });

  it('an update merges into the partial state; updates before the partial are ignored', () => {
    const p = parser();
    expect(parseWsSafe(p, lines[1]!.raw, RECV)).toEqual({ kind: 'control', what: 'instrument update without OI/mark change' });
    parseWsSafe(p, lines[0]!.raw, RECV);
    const ts = Date.parse('2026-06-14T05:52:45.000Z');
    expect(parseWsSafe(p, lines[1]!.raw, RECV)).toEqual({
      kind: 'events',
      events: [
        { kind: 'openInterest', venue: 'bitmex', market: 'XBTUSD', ts, recvTs: RECV, oiBtc: 281234500 / 64405.1, oiUsd: 281234500 },
        { kind: 'mark', venue: 'bitmex', market: 'XBTUSD', ts, recvTs: RECV, markPrice: 64405.1, indexPrice: 17043.24, fundingRate: 0.0001, nextFundingTs: Date.parse('2022-12-12T20:00:00.000Z') },
      ],
    });
    expect(parseWsSafe(p, lines[2]!.raw, RECV).kind).toBe('control');
  });

  it('rows of other symbols give nothing', () => {
    const p = parser();
    expect(lines.slice(3).map((l) => parseWsSafe(p, l.raw, RECV).kind)).toEqual(['control', 'control', 'control']);
  });
});

describe('bitmex control, errors, other tables, REST', () => {
  it('welcome, ack and pong are control; the 400 frame is a drop with the venue message', () => {
    expect(fixture('control').map((l) => parseWsSafe(parser(), l.raw, RECV).kind)).toEqual(['control', 'control', 'control']);
    const out = parseWsSafe(parser(), fixture('error')[0]!.raw, RECV);
    expect(out.kind === 'drop' && out.reason).toMatch(/^venue error: 400 "Unrecognized request/);
  });

  it('tables it does not use are dropped by name', () => {
    const reasons = fixture('other-tables').map((l) => parseWsSafe(parser(), l.raw, RECV));
    expect(new Set(reasons.map((r) => (r.kind === 'drop' ? r.reason : r.kind)))).toEqual(new Set(['unknown table orderBookL2', 'unknown table quote']));
  });

  it('GET /instrument: facts (inverse, 1 USD/contract, tick 0.5, 100x) and OI + mark', () => {
    const l = fixture('rest-instrument')[0]!;
    expect(parseInstruments(l.raw)).toEqual([{ symbol: 'XBTUSD', kind: 'inverse', contractSize: 1, tickSize: 0.5, maxLeverage: 100 }]);
    const out = parseRestSafe(parser(), l.request!, l.raw, RECV);
    expect(out.kind === 'events' && out.events.map((e) => e.kind)).toEqual(['openInterest', 'mark']);
  });

  it('every event from the fixtures satisfies the event schema', () => {
    const p = parser();
    for (const ch of ['trade', 'liquidation', 'instrument']) {
      for (const l of fixture(ch)) {
        const out = parseWsSafe(p, l.raw, RECV);
        if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }
    }
  });
});
