// KuCoin parser on verbatim frames (docs, crypto-crawler/cryptofeed/tardis captures): exact events.
import { describe, expect, it } from 'vitest';
import { MarketEventSchema, type MarketEvent } from '../../core/events.js';
import type { ParseOutcome } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { KUCOIN_FALLBACK_MARKETS } from './markets.js';
import { createKucoinParser } from './parse.js';
import { fixtures, TEST_MARKETS } from './testing.js';

const R = 1_700_000_000_000;

function events(out: ParseOutcome | undefined): MarketEvent[] {
  if (out?.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(out)}`);
  for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
  return [...out.events];
}

function parseAll(channel: string): ParseOutcome[] {
  const p = createKucoinParser(TEST_MARKETS);
  return fixtures(channel).map((f) => parseWsSafe(p, f.raw, R));
}

describe('kucoin execution (trades)', () => {
  it('converts contracts × 0.001 and nanosecond ts to ms (2021 and 2022 captures)', () => {
    const [a, b] = parseAll('execution');
    expect(events(a)).toEqual([
      { kind: 'trade', venue: 'kucoin', market: 'XBTUSDTM', ts: 1616362645429, recvTs: R, price: 57850, qty: 0.016, takerSide: 'buy', id: '6057bc953c7feb667195bac9' },
    ]);
    expect(events(b)).toEqual([
      { kind: 'trade', venue: 'kucoin', market: 'XBTUSDTM', ts: 1653393433803, recvTs: R, price: 29238, qty: 0.003, takerSide: 'sell', id: '628cc8193c7feb352310767c' },
    ]);
  });

  it('reads string prices of the 2024 frames (tardis captures)', () => {
    const outs = parseAll('execution');
    expect(events(outs[3])).toEqual([{ kind: 'trade', venue: 'kucoin', market: 'XBTUSDTM', ts: 1706068863101, recvTs: R, price: 39615, qty: 0.001, takerSide: 'sell', id: '1728107666597' }]);
    const [sol] = events(outs[2]);
    expect(sol).toMatchObject({ market: 'SOLUSDTM', ts: 1705708799998, price: 93.624, takerSide: 'sell' });
  });

  it('drops topics it did not subscribe, naming the topic', () => {
    const p = createKucoinParser(KUCOIN_FALLBACK_MARKETS);
    expect(parseWsSafe(p, fixtures('execution')[2]!.raw, R)).toEqual({ kind: 'drop', reason: 'unsubscribed topic /contractMarket/execution:SOLUSDTM' });
  });
});

describe('kucoin instrument (mark, index, funding)', () => {
  it('emits mark + index, and funding with the last mark price', () => {
    const outs = parseAll('instrument');
    // Doc examples (XBTUSDM): mark first, then funding.
    expect(events(outs[0])).toEqual([{ kind: 'mark', venue: 'kucoin', market: 'XBTUSDM', ts: 1551770400000, recvTs: R, markPrice: 4010.52, indexPrice: 4000.23 }]);
    expect(events(outs[1])).toEqual([{ kind: 'mark', venue: 'kucoin', market: 'XBTUSDM', ts: 1551770400000, recvTs: R, markPrice: 4010.52, indexPrice: 4000.23, fundingRate: -0.002966 }]);
    // tardis 2024: funding arrives before any mark → kept, then attached to the first mark.
    expect(outs[2]).toEqual({ kind: 'control', what: 'funding rate kept until the first mark price' });
    expect(events(outs[3])).toEqual([{ kind: 'mark', venue: 'kucoin', market: 'XBTUSDTM', ts: 1706068801000, recvTs: R, markPrice: 39610.11, indexPrice: 39615.44, fundingRate: 0.000038 }]);
    expect(events(outs[4])[0]).toMatchObject({ ts: 1706068800000, markPrice: 39610.11, fundingRate: 0.000039 });
    expect(events(outs[7])[0]).toMatchObject({ markPrice: 39612.67, indexPrice: 39618, fundingRate: 0.000032 });
  });
});

describe('kucoin control and errors', () => {
  it('welcome, pong and ack are control frames', () => {
    expect(parseAll('control')).toEqual([
      { kind: 'control', what: 'welcome' },
      { kind: 'control', what: 'pong' },
      { kind: 'control', what: 'ack' },
    ]);
  });

  it('drops venue errors, unknown subjects and garbage with a reason', () => {
    const p = createKucoinParser(KUCOIN_FALLBACK_MARKETS);
    expect(parseWsSafe(p, '{"id":"1","type":"error","code":404,"data":"topic /contractMarket/liquidation:XBTUSDTM does not exist"}', R)).toEqual({
      kind: 'drop',
      reason: 'venue error 404 topic /contractMarket/liquidation:XBTUSDTM does not exist',
    });
    expect(parseWsSafe(p, '{"type":"message","topic":"/contract/instrument:XBTUSDTM","subject":"premium.index","data":{"timestamp":1700000000000}}', R)).toEqual({
      kind: 'drop',
      reason: '/contract/instrument: unknown subject premium.index',
    });
    expect(parseWsSafe(p, '{"type":"notice"}', R)).toEqual({ kind: 'drop', reason: 'unknown message type "notice"' });
    expect(parseWsSafe(p, '{"type":"message","topic":"/contractMarket/execution:XBTUSDTM","subject":"match","data":{"symbol":"XBTUSDTM","side":"buy","size":1,"price":"1","ts":1616362645}}', R)).toEqual({
      kind: 'drop',
      reason: 'data.ts: not an epoch-ms timestamp: 1616362645',
    });
    expect(parseWsSafe(p, '{"data":{', R).kind).toBe('drop');
  });
});

describe('kucoin REST contract (the open-interest poll)', () => {
  it('emits one-sided OI (contracts × 0.001) and mark with funding from the contract body', () => {
    const p = createKucoinParser(KUCOIN_FALLBACK_MARKETS);
    const out = parseRestSafe(p, { method: 'GET', path: '/api/v1/contracts/XBTUSDTM' }, fixtures('rest-contract')[0]!.raw, R);
    const [oi, mark] = events(out);
    expect(oi?.kind === 'openInterest' && oi.oiBtc).toBeCloseTo(9295.921, 9);
    expect(oi?.kind === 'openInterest' && oi.oiUsd).toBeCloseTo(9295.921 * 39995.94, 4);
    expect(mark).toEqual({ kind: 'mark', venue: 'kucoin', market: 'XBTUSDTM', ts: R, recvTs: R, markPrice: 39995.94, indexPrice: 39999.2, fundingRate: 0.000038, nextFundingTs: R + 10561278 });
    expect(parseRestSafe(p, { method: 'GET', path: '/api/v1/contracts/XBTUSDTM' }, '{"code":"429000","msg":"Too many requests"}', R)).toEqual({
      kind: 'drop',
      reason: 'code: KuCoin error "429000" "Too many requests"',
    });
  });
});
