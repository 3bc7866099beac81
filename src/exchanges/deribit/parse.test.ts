import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { parseChart } from './history.js';
import { adapter, heartbeatReply } from './index.js';
import { venueFixtures } from '../testing/fixtures.js';

const { fixture } = venueFixtures(import.meta.dirname);

const RECV = 1_781_416_944_000;
const ws = (raw: string) => parseWsSafe(adapter.createParser(adapter.fallbackMarkets), raw, RECV);
const base = { venue: 'deribit', market: 'BTC-PERPETUAL', recvTs: RECV } as const;

describe('deribit trades', () => {
  const lines = fixture('trades');

  it('real capture: USD amount → BTC at the trade price, direction = taker side', () => {
    expect(ws(lines[0]!.raw)).toEqual({ kind: 'events', events: [{ kind: 'trade', ...base, ts: 1781416501150, price: 64345, qty: 30 / 64345, takerSide: 'buy', id: '433949015' }] });
  });

  it('"T" with a taker SELL: the trade plus a LONG liquidation of the same size', () => {
    const qty = 12000 / 64300;
    expect(ws(lines[1]!.raw)).toEqual({
      kind: 'events',
      events: [
        { kind: 'trade', ...base, ts: 1781416502150, price: 64300, qty, takerSide: 'sell', id: '433949016' },
        { kind: 'liquidation', ...base, ts: 1781416502150, price: 64300, qty, notionalUsd: qty * 64300, side: 'long' },
      ],
    });
  });

  it('tardis captures: several trades per notification; "T" sell → long; "M" buy → the maker sold → long', () => {
    const multi = ws(lines[2]!.raw);
    expect(multi.kind === 'events' && multi.events.map((e) => (e.kind === 'trade' ? [e.qty, e.takerSide] : null))).toEqual([
      [2000 / 9598.5, 'sell'],
      [50 / 9598.5, 'sell'],
    ]);
    const t = ws(lines[3]!.raw);
    expect(t.kind === 'events' && t.events[1]).toEqual({ kind: 'liquidation', ...base, ts: 1584058044032, price: 4469.5, qty: 1120 / 4469.5, notionalUsd: (1120 / 4469.5) * 4469.5, side: 'long' });
    const m = ws(lines[4]!.raw);
    expect(m.kind === 'events' && m.events[1]).toEqual({ kind: 'liquidation', ...base, ts: 1584058067675, price: 4458.5, qty: 2500 / 4458.5, notionalUsd: (2500 / 4458.5) * 4458.5, side: 'long' });
  });

  it('"MT": both sides were liquidated, two events', () => {
    const out = ws(lines[4]!.raw.replace('"liquidation":"M"', '"liquidation":"MT"'));
    expect(out.kind === 'events' && out.events.filter((e) => e.kind === 'liquidation').map((e) => (e.kind === 'liquidation' ? e.side : null))).toEqual(['long', 'short']);
  });

  it('an unknown liquidation flag or direction is a drop naming the field', () => {
    expect(ws(lines[3]!.raw.replace('"liquidation":"T"', '"liquidation":"X"'))).toEqual({ kind: 'drop', reason: 'data[0].liquidation: expected "M", "T" or "MT", got "X"' });
    expect(ws(lines[0]!.raw.replace('"direction":"buy"', '"direction":"up"'))).toEqual({ kind: 'drop', reason: 'data[0].direction: expected buy or sell, got "up"' });
  });
});

describe('deribit ticker', () => {
  const lines = fixture('ticker');

  it('open_interest is USD (one-sided) → BTC at mark; funding_8h is the funding rate', () => {
    expect(ws(lines[0]!.raw)).toEqual({
      kind: 'events',
      events: [
        { kind: 'openInterest', ...base, ts: 1564617604229, oiBtc: 66128281 / 10094.1, oiUsd: 66128281 },
        { kind: 'mark', ...base, ts: 1564617604229, markPrice: 10094.1, indexPrice: 10091.15, fundingRate: 0.00016281 },
      ],
    });
  });

  it('tickers of instruments not subscribed (USDC perp, options, combos) are dropped', () => {
    expect(ws(lines[2]!.raw)).toEqual({ kind: 'drop', reason: 'ticker: unsubscribed instrument (ticker.BTC_USDC-PERPETUAL.raw)' });
    expect(lines.slice(3).every((l) => ws(l.raw).kind === 'drop')).toBe(true);
  });
});

describe('deribit control, errors, REST', () => {
  it('acks and heartbeats are control; only a test_request gets a public/test reply', () => {
    const lines = fixture('control');
    expect(lines.map((l) => ws(l.raw).kind)).toEqual(['control', 'control', 'control', 'control']);
    expect(lines.map((l) => heartbeatReply(l.raw) !== undefined)).toEqual([false, true, false, false]);
    expect(JSON.parse(heartbeatReply(lines[1]!.raw)!)).toMatchObject({ jsonrpc: '2.0', method: 'public/test' });
  });

  it('JSON-RPC errors are drops with the venue code and message; unused channels are dropped by name', () => {
    expect(ws(fixture('error')[0]!.raw)).toEqual({ kind: 'drop', reason: 'venue error: 10028 too_many_requests' });
    expect(fixture('other-channels').map((l) => ws(l.raw))).toEqual([
      { kind: 'drop', reason: 'unknown channel quote.BTC-PERPETUAL' },
      { kind: 'drop', reason: 'unknown channel book.ETH-PERPETUAL.raw' },
      { kind: 'drop', reason: 'unknown channel book.ETH-PERPETUAL.raw' },
      { kind: 'drop', reason: 'unknown channel book.ETH-10SEP21-3350-P.raw' },
      { kind: 'drop', reason: 'unknown channel book.LINK_USDC-PERPETUAL.raw' },
    ]);
  });

  it('REST ticker → OI + mark; TradingView chart → 1m klines (ticks = open time, volume BTC)', () => {
    const t = fixture('rest-ticker')[0]!;
    const out = parseRestSafe(adapter.createParser(adapter.fallbackMarkets), t.request!, t.raw, RECV);
    expect(out.kind === 'events' && out.events[0]).toEqual({ kind: 'openInterest', ...base, ts: 1583778859480, oiBtc: 111543850 / 7750.02, oiUsd: 111543850 });
    const k = parseChart(fixture('rest-chart')[0]!.raw);
    expect(k.map((r) => [r.ts, r.open, r.high, r.low, r.close])).toEqual([
      [1583916960000, 7834, 7839.5, 7834, 7839.5],
      [1583917020000, 7839, 7839, 7833.5, 7833.5],
      [1583917080000, 7833.5, 7833.5, 7832.5, 7833],
      [1583917140000, 7833, 7833, 7833, 7833],
    ]);
    expect(k[0]!.volume).toBeCloseTo(28740 / 7835, 2);
  });

  it('every event from the fixtures satisfies the event schema', () => {
    for (const ch of ['trades', 'ticker']) {
      for (const l of fixture(ch)) {
        const out = ws(l.raw);
        if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }
    }
  });
});
