// Parser tests on verbatim Bybit v5 linear frames (docs, the 2026-08-09 capture, tardis-node tests).
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../core/events.js';
import { MarketEventSchema } from '../../core/events.js';
import type { MarketSpec, ParseOutcome } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { adapter, FALLBACK_MARKETS } from './index.js';
import { fixtureFrames } from './v5/fixture-lines.js';
import { createV5Parser } from './v5/parse.js';

const R = 1_786_310_820_000;
const parser = () => adapter.createParser(FALLBACK_MARKETS);
const events = (o: ParseOutcome): readonly MarketEvent[] => {
  if (o.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(o)}`);
  for (const e of o.events) MarketEventSchema.parse(e);
  return o.events;
};
const at = (frames: string[], i: number): string => {
  const f = frames[i];
  if (f === undefined) throw new Error(`no fixture ${i}`);
  return f;
};

describe('bybit-linear publicTrade', () => {
  const frames = fixtureFrames('bybit-linear', 'publicTrade');

  it('maps the doc example: v is BTC, S is the taker side, T the fill time', () => {
    expect(events(parser().ws(at(frames, 0), R))).toEqual([
      { kind: 'trade', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1672304486865, recvTs: R, price: 16578.5, qty: 0.001, takerSide: 'buy', id: '20f43950-d8dd-5b31-9112-a178eb6023af' },
    ]);
  });

  it('maps a real captured frame', () => {
    expect(events(parser().ws(at(frames, 1), R))).toEqual([
      { kind: 'trade', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310819680, recvTs: R, price: 65114.2, qty: 0.004, takerSide: 'sell', id: 'a9188a0a-82bc-50de-be60-03eedbe3cdd7' },
    ]);
  });

  it('emits one event per trade of every captured frame (41 in the biggest)', () => {
    const p = parser();
    let n = 0;
    for (const f of frames) {
      const got = events(p.ws(f, R));
      expect(got.length).toBe((JSON.parse(f) as { data: unknown[] }).data.length);
      n += got.length;
    }
    expect(n).toBe(57);
  });
});

describe('bybit-linear allLiquidation', () => {
  // The verbatim liquidation frames are for other symbols; sizes there are that coin (contract size 1).
  const alt = (symbol: string): MarketSpec => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.00001, maxLeverage: 25 });
  const p = createV5Parser('bybit-linear', [...FALLBACK_MARKETS, alt('ROSEUSDT'), alt('KAITOUSDT'), alt('PIPPINUSDT'), alt('GALAUSDT')]);
  const frames = fixtureFrames('bybit-linear', 'allLiquidation');

  it('S=Sell → a short was liquidated; p is the (bankruptcy) price; notional v×p', () => {
    expect(events(p.ws(at(frames, 0), R))).toEqual([
      { kind: 'liquidation', venue: 'bybit-linear', market: 'ROSEUSDT', ts: 1739502302929, recvTs: R, price: 0.04499, qty: 20000, notionalUsd: 20000 * 0.04499, side: 'short' },
    ]);
  });

  it('S=Buy → a long was liquidated', () => {
    expect(events(p.ws(at(frames, 1), R))).toEqual([
      { kind: 'liquidation', venue: 'bybit-linear', market: 'KAITOUSDT', ts: 1740480189987, recvTs: R, price: 1.7531, qty: 43, notionalUsd: 43 * 1.7531, side: 'long' },
    ]);
    expect(events(p.ws(at(frames, 2), R))[0]).toMatchObject({ market: 'PIPPINUSDT', side: 'short', qty: 2846, ts: 1740480207110 });
  });

  it('the deprecated liquidation.{symbol} topic uses the same position-side rule', () => {
    expect(events(p.ws(at(fixtureFrames('bybit-linear', 'liquidation'), 0), R))).toEqual([
      { kind: 'liquidation', venue: 'bybit-linear', market: 'GALAUSDT', ts: 1673251091822, recvTs: R, price: 0.03803, qty: 1637, notionalUsd: 1637 * 0.03803, side: 'long' },
    ]);
  });

  it('a BTCUSDT batch gives one event per liquidation, in BTC', () => {
    const frame = '{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1786310820500,"data":[{"T":1786310820101,"s":"BTCUSDT","S":"Buy","v":"0.25","p":"64000.0"},{"T":1786310820307,"s":"BTCUSDT","S":"Sell","v":"1.5","p":"66000.0"}]}';
    expect(events(parser().ws(frame, R))).toEqual([
      { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310820101, recvTs: R, price: 64000, qty: 0.25, notionalUsd: 16000, side: 'long' },
      { kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310820307, recvTs: R, price: 66000, qty: 1.5, notionalUsd: 99000, side: 'short' },
    ]);
  });
});

describe('bybit-linear tickers (snapshot + deltas)', () => {
  const frames = fixtureFrames('bybit-linear', 'tickers');

  it('snapshot: mark/index/funding and one-sided OI (singleOpenInterest, half of openInterest)', () => {
    expect(events(parser().ws(at(frames, 1), R))).toEqual([
      { kind: 'mark', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310817583, recvTs: R, markPrice: 65117.44, indexPrice: 65137.76, fundingRate: 0.0001, nextFundingTs: 1786320000000 },
      { kind: 'openInterest', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310817583, recvTs: R, oiBtc: 29945.866, oiUsd: 29945.866 * 65117.44 },
    ]);
  });

  it('deltas: only changed fields; the rest comes from the merged state', () => {
    const p = parser();
    p.ws(at(frames, 1), R);
    // bid/ask only: nothing to emit.
    expect(events(p.ws(at(frames, 2), R))).toEqual([]);
    // markPrice changed (OI value fields too, but not the OI size): a mark event with the kept index/funding.
    expect(events(p.ws(at(frames, 3), R))).toEqual([
      { kind: 'mark', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310818183, recvTs: R, markPrice: 65117.43, indexPrice: 65137.76, fundingRate: 0.0001, nextFundingTs: 1786320000000 },
    ]);
  });

  it('an OI delta is valued at the merged mark price', () => {
    const p = parser();
    const oi: MarketEvent[] = [];
    for (const f of frames.slice(1, 187)) oi.push(...events(p.ws(f, R)).filter((e) => e.kind === 'openInterest'));
    // {"openInterest":"59895.978",…,"singleOpenInterest":"29947.989","singleOpenInterestValue":"1950152249.26",…,"ts":1786310836283}:
    // valued at the merged mark, our USD figure equals Bybit's own one-sided value.
    const e = oi.find((x) => x.ts === 1786310836283);
    expect(e).toMatchObject({ kind: 'openInterest', oiBtc: 29947.989 });
    expect(e?.kind === 'openInterest' ? e.oiUsd : 0).toBeCloseTo(1950152249.26, 1);
    for (const e of oi) if (e.kind === 'openInterest') expect(e.oiBtc).toBeGreaterThan(29_000);
  });

  it('frames older than 2026-06 (no singleOpenInterest) use openInterest as the one side', () => {
    expect(events(parser().ws(at(frames, 186), R))).toContainEqual({
      kind: 'openInterest', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1680673821770, recvTs: R, oiBtc: 52774.528, oiUsd: 52774.528 * 28552.81,
    });
  });

  it('a delta before any snapshot emits OI only once a mark price is known', () => {
    const p = parser();
    expect(events(p.ws('{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","singleOpenInterest":"100.5"},"cs":1,"ts":1786310836283}', R))).toEqual([]);
    expect(events(p.ws('{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","markPrice":"60000"},"cs":2,"ts":1786310836383}', R))).toEqual([
      { kind: 'mark', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310836383, recvTs: R, markPrice: 60000 },
      { kind: 'openInterest', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310836383, recvTs: R, oiBtc: 100.5, oiUsd: 100.5 * 60000 },
    ]);
  });

  it('bid/ask-only deltas need no parse, but a broken one is still a drop', () => {
    const quiet = at(frames, 2);
    expect(parser().ws(quiet, R)).toEqual({ kind: 'events', events: [] });
    expect(parseWsSafe(parser(), quiet.slice(0, -1), R)).toMatchObject({ kind: 'drop', reason: expect.stringMatching(/^frame: not JSON/) });
    expect(parseWsSafe(parser(), quiet.replace('"ts":1786310817883', '"ts":17863108'), R)).toEqual({ kind: 'drop', reason: 'ts: not an epoch-ms timestamp: 17863108' });

    // What the JSON.parse path drops, the quiet check must not take: a `cs` with a leading zero, a ts before 1.23e12.
    expect(parseWsSafe(parser(), quiet.replace(/"cs":\d+/, '"cs":0123'), R)).toMatchObject({ kind: 'drop', reason: expect.stringMatching(/^frame: not JSON/) });
    for (const ts of ['1000000000000', '1229999999999'])
      expect(parseWsSafe(parser(), quiet.replace('"ts":1786310817883', `"ts":${ts}`), R)).toEqual({ kind: 'drop', reason: `ts: not an epoch-ms timestamp: ${ts}` });
    for (const ts of ['1230000000000', '3999999999999']) expect(parser().ws(quiet.replace('"ts":1786310817883', `"ts":${ts}`), R)).toEqual({ kind: 'events', events: [] });
  });

  it('a malformed delta is dropped with the field named and leaves the state untouched', () => {
    const p = parser();
    p.ws(at(frames, 1), R);
    const out = parseWsSafe(p, '{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","markPrice":"1","indexPrice":"abc"},"cs":1,"ts":1786310818183}', R);
    expect(out).toEqual({ kind: 'drop', reason: 'data.indexPrice: not a finite number: string "abc"' });
    expect(events(p.ws('{"topic":"tickers.BTCUSDT","type":"delta","data":{"symbol":"BTCUSDT","fundingRate":"0.0002"},"cs":2,"ts":1786310818283}', R))[0]).toMatchObject({ markPrice: 65117.44, fundingRate: 0.0002 });
  });
});

describe('bybit-linear control, errors and other frames', () => {
  it('acks and pongs are control', () => {
    for (const f of fixtureFrames('bybit-linear', 'control')) expect(parser().ws(f, R).kind).toBe('control');
    expect(parser().ws(at(fixtureFrames('bybit-linear', 'control'), 1), R)).toEqual({ kind: 'control', what: 'pong' });
  });

  it('venue errors are drops carrying ret_msg', () => {
    const [a, b] = fixtureFrames('bybit-linear', 'error');
    expect(parser().ws(a ?? '', R)).toEqual({ kind: 'drop', reason: 'venue error on subscribe: error:handler not found,topic:dcp.future' });
    expect(parser().ws(b ?? '', R)).toEqual({ kind: 'drop', reason: 'venue error on subscribe: Params Error' });
  });

  it('channels we do not use, unknown markets and garbage are drops with a reason', () => {
    for (const f of fixtureFrames('bybit-linear', 'other-channels')) {
      const out = parser().ws(f, R);
      expect(out.kind).toBe('drop');
      if (out.kind === 'drop') expect(out.reason).toMatch(/^unknown topic (kline|orderbook)\./);
    }
    expect(parser().ws('{"topic":"publicTrade.ETHUSDT","type":"snapshot","ts":1,"data":[]}', R)).toEqual({ kind: 'drop', reason: 'unknown market ETHUSDT (topic publicTrade.ETHUSDT)' });
    expect(parseWsSafe(parser(), '\u0000{"truncated":', R)).toMatchObject({ kind: 'drop', reason: expect.stringMatching(/^frame: not JSON/) });
    expect(parseWsSafe(parser(), '{"topic":"publicTrade.BTCUSDT","type":"snapshot","ts":1,"data":[{"T":1786310819680,"s":"BTCUSDT","S":"Sell","v":"0","p":"65114.20"}]}', R)).toEqual({
      kind: 'drop',
      reason: 'data[0].v: expected > 0, got 0',
    });
  });
});

describe('bybit-linear REST bodies', () => {
  it('instruments-info (real answer) → MarketSpec', async () => {
    const body = at(fixtureFrames('bybit-linear', 'rest-instruments-info'), 0);
    const http = { request: async () => ({ status: 200, body }) };
    expect(await adapter.loadMarkets?.(http, ['BTCUSDT'])).toEqual([{ symbol: 'BTCUSDT', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 100 }]);
  });

  it('tickers → mark + one-sided OI; open-interest rows valued at the known mark', () => {
    const p = parser();
    const tickers = '{"retCode":0,"retMsg":"OK","result":{"category":"linear","list":[{"symbol":"BTCUSDT","markPrice":"65000","indexPrice":"65010","openInterest":"60000","singleOpenInterest":"30000","fundingRate":"0.0001","nextFundingTime":"1786320000000"}]},"retExtInfo":{},"time":1786310817197}';
    expect(events(parseRestSafe(p, { method: 'GET', path: '/v5/market/tickers?category=linear&symbol=BTCUSDT' }, tickers, R))).toEqual([
      { kind: 'mark', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310817197, recvTs: R, markPrice: 65000, indexPrice: 65010, fundingRate: 0.0001, nextFundingTs: 1786320000000 },
      { kind: 'openInterest', venue: 'bybit-linear', market: 'BTCUSDT', ts: 1786310817197, recvTs: R, oiBtc: 30000, oiUsd: 30000 * 65000 },
    ]);
    const oi = '{"retCode":0,"retMsg":"OK","result":{"symbol":"BTCUSDT","category":"linear","list":[{"openInterest":"60010","singleOpenInterest":"30005","timestamp":"1786310700000"},{"openInterest":"59990","singleOpenInterest":"29995","timestamp":"1786310400000"}],"nextPageCursor":""},"retExtInfo":{},"time":1786310817197}';
    expect(events(parseRestSafe(p, { method: 'GET', path: '/v5/market/open-interest?category=linear&symbol=BTCUSDT&intervalTime=5min' }, oi, R)).map((e) => [e.ts, e.kind === 'openInterest' ? e.oiBtc : 0])).toEqual([
      [1786310400000, 29995],
      [1786310700000, 30005],
    ]);
    expect(parseRestSafe(parser(), { method: 'GET', path: '/v5/market/open-interest?category=linear&symbol=BTCUSDT' }, oi, R)).toEqual({
      kind: 'drop',
      reason: 'open-interest BTCUSDT: no mark price known yet to value it',
    });
    expect(parseRestSafe(p, { method: 'GET', path: '/v5/market/tickers' }, '{"retCode":10001,"retMsg":"params error","result":{},"time":1}', R)).toEqual({
      kind: 'drop',
      reason: 'retCode: venue error 10001: params error',
    });
  });
});
