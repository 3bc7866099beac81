// Gate parser on verbatim frames (docs, tardis fixtures, live captures): exact events.
import { describe, expect, it } from 'vitest';
import { MarketEventSchema, type MarketEvent } from '../../core/events.js';
import type { ParseOutcome } from '../../core/venue.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { GATE_FALLBACK_MARKETS } from './markets.js';
import { createGateParser } from './parse.js';
import { fixtures, TEST_MARKETS } from './testing.js';

const R = 1_700_000_000_000;

function events(out: ParseOutcome): MarketEvent[] {
  if (out.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(out)}`);
  for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
  return [...out.events];
}

function parseAll(channel: string, markets = TEST_MARKETS): ParseOutcome[] {
  const p = createGateParser(markets);
  return fixtures(channel).map((f) => parseWsSafe(p, f.raw, R));
}

describe('gate futures.trades', () => {
  it('leaves the documented internal (insurance/ADL) trades out of taker volume', () => {
    const [dec, int] = parseAll('trades');
    expect(dec).toEqual({ kind: 'control', what: 'futures.trades: 1 internal (insurance/ADL) trade(s) left out of taker volume' });
    expect(int?.kind).toBe('control');
  });

  it('converts signed contract sizes with the multiplier (tardis BTC_USDT capture)', () => {
    const out = parseAll('trades')[4];
    const base = { kind: 'trade', venue: 'gate', market: 'BTC_USDT', ts: 1614556850860, recvTs: R, price: 45300, takerSide: 'buy' } as const;
    expect(events(out!)).toEqual([
      { ...base, qty: 0.0001, id: '13654526' },
      { ...base, qty: 0.2, id: '13654527' },
      { ...base, qty: 0.0999, id: '13654528' },
    ]);
  });

  it('reads a negative size as a taker sell and second timestamps as seconds', () => {
    const out = parseAll('trades')[3];
    expect(events(out!)).toEqual([{ kind: 'trade', venue: 'gate', market: 'ETH_USDT', ts: 1593561623000, recvTs: R, price: 225.5, qty: 22, takerSide: 'sell', id: '1696009' }]);
  });

  it('drops frames of contracts it did not subscribe, naming the contract', () => {
    const p = createGateParser(GATE_FALLBACK_MARKETS);
    expect(parseWsSafe(p, fixtures('trades')[2]!.raw, R)).toEqual({ kind: 'drop', reason: 'futures.trades: unsubscribed contract COMP_USDT' });
  });

  it('keeps a non-internal row of a mixed frame', () => {
    const p = createGateParser(GATE_FALLBACK_MARKETS);
    const frame = JSON.stringify({
      time: 1700000000,
      channel: 'futures.trades',
      event: 'update',
      result: [
        { size: '-3', id: 1, create_time: 1700000000, create_time_ms: 1700000000100, price: '60000', contract: 'BTC_USDT', is_internal: true },
        { size: '2.5', id: 2, create_time: 1700000000, create_time_ms: 1700000000200, price: '60001', contract: 'BTC_USDT' },
      ],
    });
    const [e] = events(parseWsSafe(p, frame, R));
    expect(e).toMatchObject({ kind: 'trade', id: '2', takerSide: 'buy', price: 60001 });
    expect(e?.kind === 'trade' && e.qty).toBeCloseTo(0.00025, 12);
  });
});

describe('gate futures.tickers', () => {
  it('emits mark, index, funding and OI (total_size contracts × 0.0001) from the doc example', () => {
    const [doc] = parseAll('tickers', GATE_FALLBACK_MARKETS);
    const [mark, oi] = events(doc!);
    expect(mark).toEqual({ kind: 'mark', venue: 'gate', market: 'BTC_USDT', ts: 1541659086123, recvTs: R, markPrice: 118.35, indexPrice: 118.36, fundingRate: -0.000114 });
    expect(oi).toMatchObject({ kind: 'openInterest', market: 'BTC_USDT', ts: 1541659086123 });
    expect(oi?.kind === 'openInterest' && oi.oiBtc).toBeCloseTo(7.36485, 9);
    expect(oi?.kind === 'openInterest' && oi.oiUsd).toBeCloseTo(7.36485 * 118.35, 6);
  });

  it('falls back to time_ms when the row has no t (tardis 2023 BTC_USDT capture)', () => {
    const out = parseAll('tickers')[4];
    const [mark, oi] = events(out!);
    expect(mark).toEqual({ kind: 'mark', venue: 'gate', market: 'BTC_USDT', ts: 1677629168840, recvTs: R, markPrice: 23175.64, indexPrice: 23173.35, fundingRate: 0.0001 });
    expect(oi?.kind === 'openInterest' && oi.oiBtc).toBeCloseTo(15348.278, 6);
  });

  it('accepts nested-array and bare-object results (tardis 2021/2022 captures)', () => {
    const outs = parseAll('tickers');
    expect(events(outs[2]!)[0]).toMatchObject({ kind: 'mark', market: 'BSV_USDT', ts: 1617952183000, markPrice: 244.78 });
    expect(events(outs[3]!)[0]).toMatchObject({ kind: 'mark', market: 'ETC_USD', ts: 1647501206000, markPrice: 26.929 });
    expect(events(outs[1]!)).toHaveLength(4);
  });
});

describe('gate futures.public_liquidates', () => {
  it('reads size < 0 as a SHORT position liquidated; seconds or ms in `time`', () => {
    const [v1, v2] = parseAll('public_liquidates', GATE_FALLBACK_MARKETS);
    const [a] = events(v1!);
    expect(a).toMatchObject({ kind: 'liquidation', market: 'BTC_USDT', ts: 1541486601000, price: 215.1, side: 'short' });
    expect(a?.kind === 'liquidation' && a.qty).toBeCloseTo(0.01245, 12);
    expect(a?.kind === 'liquidation' && a.notionalUsd).toBeCloseTo(0.01245 * 215.1, 9);
    const rows = events(v2!);
    expect(rows.map((e) => e.ts)).toEqual([1541486601123, 1541486601456]);
    expect(rows.map((e) => (e.kind === 'liquidation' ? e.side : ''))).toEqual(['short', 'short']);
  });

  it('parses the live bare-object frames with integer sizes (gateio/WebSocket-API#132)', () => {
    const outs = parseAll('public_liquidates');
    expect(events(outs[2]!)).toEqual([{ kind: 'liquidation', venue: 'gate', market: 'HEI_USDT', ts: 1786327033531, recvTs: R, price: 0.13827, qty: 23, notionalUsd: 23 * 0.13827, side: 'short' }]);
    expect(events(outs[4]!)[0]).toMatchObject({ market: 'LAB_USDT', qty: 9, side: 'short' });
  });

  it('reads size > 0 as a LONG position liquidated', () => {
    const p = createGateParser(GATE_FALLBACK_MARKETS);
    const frame = '{"channel":"futures.public_liquidates","event":"update","time":1700000000,"time_ms":1700000000500,"result":[{"price":"59000","size":"250","time":1700000000400,"contract":"BTC_USDT"}]}';
    expect(events(parseWsSafe(p, frame, R))).toEqual([{ kind: 'liquidation', venue: 'gate', market: 'BTC_USDT', ts: 1700000000400, recvTs: R, price: 59000, qty: 0.025, notionalUsd: 0.025 * 59000, side: 'long' }]);
  });
});

describe('gate futures.contract_stats', () => {
  it('emits open interest in BTC and USDT from the doc example (no liquidations in it)', () => {
    const [doc] = parseAll('contract_stats', GATE_FALLBACK_MARKETS);
    const [oi, ...rest] = events(doc!);
    expect(rest).toEqual([]);
    expect(oi).toMatchObject({ kind: 'openInterest', market: 'BTC_USDT', ts: 1603865400000, oiUsd: 1511 });
    expect(oi?.kind === 'openInterest' && oi.oiBtc).toBeCloseTo(12.4724, 9);
  });

  it('adds only the part of the minute total that public_liquidates did not deliver', () => {
    const p = createGateParser(GATE_FALLBACK_MARKETS);
    const liq = '{"channel":"futures.public_liquidates","event":"update","time":1700000010,"time_ms":1700000010000,"result":[{"price":"60000","size":"100","time":1700000010000,"contract":"BTC_USDT"}]}';
    const stats = (long: number): string =>
      JSON.stringify({
        time: 1700000030,
        time_ms: 1700000030000,
        channel: 'futures.contract_stats',
        event: 'update',
        result: [{ time: 1699999980, contract: 'BTC_USDT', mark_price: '60100', open_interest: '1000000', open_interest_usd: 6.01e6, long_liq_size: String(long), short_liq_size: '0', long_liq_amount: long * 0.0001, long_liq_usd: long * 0.0001 * 59900 }],
      });
    expect(events(parseWsSafe(p, liq, R))).toHaveLength(1);
    const [, topUp] = events(parseWsSafe(p, stats(250), R));
    expect(topUp).toMatchObject({ kind: 'liquidation', side: 'long', ts: 1699999980000 });
    expect(topUp?.kind === 'liquidation' && topUp.qty).toBeCloseTo(0.015, 12);
    expect(topUp?.kind === 'liquidation' && topUp.price).toBeCloseTo(59900, 6);
    // The same total pushed again adds nothing; a bigger one adds the difference.
    expect(events(parseWsSafe(p, stats(250), R)).map((e) => e.kind)).toEqual(['openInterest']);
    const [, more] = events(parseWsSafe(p, stats(300), R));
    expect(more?.kind === 'liquidation' && more.qty).toBeCloseTo(0.005, 12);
  });
});

describe('gate control frames', () => {
  it('turns acks, pong and the upgrade notice into control outcomes', () => {
    const outs = parseAll('control');
    expect(outs.map((o) => o.kind)).toEqual(['control', 'control', 'control', 'control', 'control', 'control']);
    expect(outs[1]).toEqual({ kind: 'control', what: 'pong' });
  });

  it('drops venue errors, unknown channels and garbage with a reason', () => {
    const p = createGateParser(GATE_FALLBACK_MARKETS);
    expect(parseWsSafe(p, '{"time":1,"time_ms":1000,"channel":"futures.trades","event":"subscribe","error":{"code":2,"message":"unknown contract BTC_USDX"},"result":{"status":"failed"}}', R)).toEqual({
      kind: 'drop',
      reason: 'futures.trades subscribe: venue error 2 unknown contract BTC_USDX',
    });
    expect(parseWsSafe(p, '{"time":1,"channel":"futures.order_book","event":"all","result":{}}', R)).toEqual({ kind: 'drop', reason: 'futures.order_book: unexpected event "all"' });
    expect(parseWsSafe(p, '{"time":1,"channel":"futures.candlesticks","event":"update","result":[]}', R)).toEqual({ kind: 'drop', reason: 'unknown channel futures.candlesticks' });
    expect(parseWsSafe(p, '\u0000{"truncated":', R).kind).toBe('drop');
    const zero = '{"time":1700000000,"channel":"futures.trades","event":"update","result":[{"size":0,"id":1,"create_time":1700000000,"price":"1","contract":"BTC_USDT"}]}';
    expect(parseWsSafe(p, zero, R)).toEqual({ kind: 'drop', reason: 'result[0].size: size is 0' });
  });
});

describe('gate REST bodies', () => {
  it('turns the contract body into mark (with next funding) and one-sided OI', () => {
    const p = createGateParser(GATE_FALLBACK_MARKETS);
    const body = JSON.stringify({ name: 'BTC_USDT', quanto_multiplier: '0.0001', mark_price: '60000', index_price: '60010', funding_rate: '0.0001', funding_next_apply: 1700006400, position_size: 1234567 });
    const out = p.rest({ method: 'GET', path: '/futures/usdt/contracts/BTC_USDT' }, body, R);
    const [mark, oi] = events(out);
    expect(mark).toEqual({ kind: 'mark', venue: 'gate', market: 'BTC_USDT', ts: R, recvTs: R, markPrice: 60000, indexPrice: 60010, fundingRate: 0.0001, nextFundingTs: 1700006400000 });
    expect(oi?.kind === 'openInterest' && oi.oiBtc).toBeCloseTo(123.4567, 9);
    expect(p.rest({ method: 'GET', path: '/futures/usdt/liq_orders' }, '[]', R)).toEqual({ kind: 'drop', reason: 'unhandled REST path /futures/usdt/liq_orders' });
  });
});
