// OKX parser on verbatim frames (fixtures/*.jsonl) and on frames derived from them by
// substituting the instrument (no verbatim BTC liquidation/OI frame is on record).
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import type { MarketEvent } from '../../core/events.js';
import type { ParseOutcome } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { FALLBACK_MARKETS } from './markets.js';
import { OkxParser } from './parse.js';
import { fixtures } from './test-support.js';

const DIR = import.meta.dirname;
const raw = (channel: string, i: number): string => {
  const l = fixtures(DIR, channel)[i];
  if (!l) throw new Error(`no fixture ${channel}[${i}]`);
  return l.raw;
};
const evs = (o: ParseOutcome): readonly MarketEvent[] => {
  if (o.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(o)}`);
  return o.events;
};
const parser = (): OkxParser => new OkxParser(FALLBACK_MARKETS);
const R = 1_700_000_000_000;

describe('okx-swap trades', () => {
  it('linear: contracts × ctVal 0.01 BTC (tardis okexSwapV5Messages[2])', () => {
    expect(evs(parser().ws(raw('trades', 1), R))).toEqual([
      { kind: 'trade', venue: 'okx-swap', market: 'BTC-USDT-SWAP', ts: 1640131236050, recvTs: R, price: 48938.5, qty: 0.05, takerSide: 'buy', id: '148266905' },
    ]);
  });

  it('okx.md example: 100 contracts = 1 BTC', () => {
    const [e] = evs(parser().ws(raw('trades', 2), R));
    expect(e).toMatchObject({ price: 42219.9, qty: 1, takerSide: 'buy', ts: 1630048897897, id: '130639474' });
  });

  it('inverse: contracts × 100 USD / price (derived: instId → BTC-USD-SWAP)', () => {
    const frame = raw('trades', 1).replaceAll('BTC-USDT-SWAP', 'BTC-USD-SWAP');
    const [e] = evs(parser().ws(frame, R));
    expect(e?.kind === 'trade' && e.qty).toBeCloseTo((5 * 100) / 48938.5, 12);
    expect(e?.market).toBe('BTC-USD-SWAP');
  });

  it('trades-all (business socket) has the same rows', () => {
    const frame = raw('trades', 1).replace('"channel":"trades"', '"channel":"trades-all"');
    expect(evs(parser().ws(frame, R))[0]).toMatchObject({ qty: 0.05, price: 48938.5 });
  });

  it('an instrument that is not configured is a counted drop', () => {
    const o = parseWsSafe(parser(), raw('trades', 0), R);
    expect(o).toEqual({ kind: 'drop', reason: 'data[].instId: not a configured market: FIL-USD-220325' });
  });

  it('zero size is refused, naming the field', () => {
    const o = parseWsSafe(parser(), raw('trades', 1).replace('"sz":"5"', '"sz":"0"'), R);
    expect(o).toEqual({ kind: 'drop', reason: 'data[].sz: expected > 0, got 0' });
  });
});

describe('okx-swap liquidation-orders', () => {
  // tardis okexFuturesV5Messages[12]: posSide short, side buy, sz 39, XRP. Derived BTC frames below.
  const xrp = (): string => raw('liquidation-orders', 0);
  const btc = (inst: string, px: string): string => xrp().replaceAll('XRP-USD-230929', inst).replace('"bkPx":"0.55205"', `"bkPx":"${px}"`);

  it('other instruments of the SWAP/FUTURES firehose are skipped, not dropped', () => {
    expect(parser().ws(xrp(), R)).toEqual({ kind: 'control', what: 'liquidation-orders: 1 other instrument(s)' });
    expect(parser().ws(raw('liquidation-orders', 2), R).kind).toBe('control');
  });

  it('inverse: posSide short → short; qty = sz × 100 / bkPx; notional = sz × 100', () => {
    expect(evs(parser().ws(btc('BTC-USD-SWAP', '27000.5'), R))).toEqual([
      { kind: 'liquidation', venue: 'okx-swap', market: 'BTC-USD-SWAP', ts: 1680173247614, recvTs: R, price: 27000.5, qty: 3900 / 27000.5, notionalUsd: 3900, side: 'short' },
    ]);
  });

  it('linear: posSide long (order side sell) → long; qty = sz × 0.01', () => {
    const frame = btc('BTC-USDT-SWAP', '27000').replace('"posSide":"short","side":"buy"', '"posSide":"long","side":"sell"');
    const [e] = evs(parser().ws(frame, R));
    expect(e).toMatchObject({ side: 'long', price: 27000, market: 'BTC-USDT-SWAP' });
    expect(e?.kind === 'liquidation' && e.qty).toBeCloseTo(0.39, 12);
    expect(e?.kind === 'liquidation' && e.notionalUsd).toBeCloseTo(0.39 * 27000, 6);
  });

  it('posSide net (one-way mode): order side decides, sell → long, buy → short', () => {
    const sell = btc('BTC-USDT-SWAP', '27000').replace('"posSide":"short","side":"buy"', '"posSide":"net","side":"sell"');
    const buy = btc('BTC-USDT-SWAP', '27001').replace('"posSide":"short"', '"posSide":"net"');
    expect(evs(parser().ws(sell, R))[0]).toMatchObject({ side: 'long' });
    expect(evs(parser().ws(buy, R))[0]).toMatchObject({ side: 'short' });
  });

  it('the replay pushed after (re)subscribing is not counted twice', () => {
    const p = parser();
    const frame = btc('BTC-USD-SWAP', '27000.5');
    expect(evs(p.ws(frame, R))).toHaveLength(1);
    expect(p.ws(frame, R + 5000)).toEqual({ kind: 'control', what: 'liquidation-orders: already seen (replay after subscribe)' });
  });
});

describe('okx-swap open interest, mark, funding, index', () => {
  // tardis okexSwapV5Messages[6] (WNCG: oi 644195, no oiUsd) re-pointed at the BTC swaps.
  const oi = (inst: string): string => raw('open-interest', 1).replaceAll('WNCG-USDT-SWAP', inst);
  const mark = (inst: string): string => raw('mark-price', 2).replaceAll('WNCG-USDT-SWAP', inst).replace('"markPx":"2.1729"', '"markPx":"50000"');

  it('linear: oi × 0.01 BTC; USD at the latest mark price (the frame has no oiUsd)', () => {
    const p = parser();
    expect(p.ws(oi('BTC-USDT-SWAP'), R)).toEqual({ kind: 'control', what: 'open-interest: no price yet to value it in USD' });
    evs(p.ws(mark('BTC-USDT-SWAP'), R));
    const [e] = evs(p.ws(oi('BTC-USDT-SWAP'), R));
    expect(e).toMatchObject({ kind: 'openInterest', market: 'BTC-USDT-SWAP', ts: 1640131258756 });
    expect(e?.kind === 'openInterest' && e.oiBtc).toBeCloseTo(6441.95, 9);
    expect(e?.kind === 'openInterest' && e.oiUsd).toBeCloseTo(6441.95 * 50000, 3);
  });

  it('inverse: BTC = oiCcy, USD = oi × 100 without any price', () => {
    const [e] = evs(parser().ws(oi('BTC-USD-SWAP'), R));
    expect(e).toMatchObject({ oiBtc: 644195, oiUsd: 64419500 });
  });

  it('oiUsd is used when present (REST /api/v5/public/open-interest shape)', () => {
    const body = JSON.stringify({ code: '0', msg: '', data: [{ instType: 'SWAP', instId: 'BTC-USDT-SWAP', oi: '2500000', oiCcy: '25000', oiUsd: '1500000000', ts: '1700000000000' }] });
    const o = parseRestSafe(parser(), { method: 'GET', path: '/api/v5/public/open-interest?instType=SWAP&instId=BTC-USDT-SWAP' }, body, R);
    expect(evs(o)).toEqual([{ kind: 'openInterest', venue: 'okx-swap', market: 'BTC-USDT-SWAP', ts: 1700000000000, recvTs: R, oiBtc: 25000, oiUsd: 1500000000 }]);
  });

  it('a REST venue error is a drop with its code', () => {
    const o = parseRestSafe(parser(), { method: 'GET', path: '/api/v5/public/open-interest' }, '{"code":"51001","msg":"Instrument ID doesn\'t exist.","data":[]}', R);
    expect(o).toEqual({ kind: 'drop', reason: "code: venue error 51001: Instrument ID doesn't exist." });
  });

  it('mark events carry the latest funding rate, next funding time and index price', () => {
    const p = parser();
    const funding = raw('funding-rate', 0).replaceAll('WNCG-USDT-SWAP', 'BTC-USDT-SWAP');
    const index = raw('index-tickers', 1).replaceAll('WNCG-USDT', 'BTC-USDT');
    expect(p.ws(funding, R).kind).toBe('control');
    expect(p.ws(index, R).kind).toBe('control');
    expect(evs(p.ws(mark('BTC-USDT-SWAP'), R))).toEqual([
      { kind: 'mark', venue: 'okx-swap', market: 'BTC-USDT-SWAP', ts: 1640131259180, recvTs: R, markPrice: 50000, indexPrice: 2.1675, fundingRate: 0.00048105, nextFundingTs: 1640131200000 },
    ]);
  });

  it('a funding-rate frame without fundingRate keeps the previous rate (tardis okexSwapV5Messages[7])', () => {
    const p = parser();
    p.ws(raw('funding-rate', 0).replaceAll('WNCG-USDT-SWAP', 'BTC-USDT-SWAP'), R);
    p.ws(raw('funding-rate', 1).replaceAll('SOS-USDT-SWAP', 'BTC-USDT-SWAP'), R);
    expect(evs(p.ws(mark('BTC-USDT-SWAP'), R))[0]).toMatchObject({ fundingRate: 0.00048105, nextFundingTs: 1640851200000 });
  });
});

describe('okx-swap control frames', () => {
  it('acks and pong are control, venue errors are drops with the code', () => {
    const p = parser();
    expect(p.ws(raw('control', 0), R)).toEqual({ kind: 'control', what: 'subscribe trades ETH-USD-211224' });
    expect(p.ws(raw('control', 1), R)).toEqual({ kind: 'control', what: 'subscribe trades BTC-USDT-SWAP' });
    expect(p.ws(raw('control', 2), R)).toEqual({ kind: 'drop', reason: 'venue error 60012: …' });
    expect(p.ws(raw('control', 3), R)).toEqual({ kind: 'control', what: 'pong' });
  });

  it('unknown channels and events are drops', () => {
    expect(parser().ws('{"arg":{"channel":"tickers","instId":"BTC-USDT-SWAP"},"data":[]}', R)).toEqual({ kind: 'drop', reason: 'unknown channel tickers' });
    expect(parser().ws('{"event":"login","code":"0"}', R)).toEqual({ kind: 'drop', reason: 'unknown event "login"' });
  });

  it('every fixture frame parses without throwing into schema-valid events or a reasoned drop', () => {
    for (const f of fixtures(DIR)) {
      const o = parseWsSafe(parser(), f.raw, R);
      if (o.kind === 'events') for (const e of o.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      if (o.kind === 'drop') expect(o.reason.length).toBeGreaterThan(0);
    }
  });
});
