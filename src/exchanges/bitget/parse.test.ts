// Bitget parser on verbatim frames: bitget.md doc examples and tardis-node captures.
import { describe, expect, it } from 'vitest';
import { MarketEventSchema, type MarketEvent } from '../../core/events.js';
import type { ParseOutcome } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { fixtures } from '../okx-swap/test-support.js';
import { FALLBACK_MARKETS } from './markets.js';
import { BitgetParser } from './parse.js';

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
const parser = (): BitgetParser => new BitgetParser(FALLBACK_MARKETS);
const R = 1_700_000_000_000;

describe('bitget trade', () => {
  it('the snapshot pushed after subscribing is history, not live trades', () => {
    expect(parser().ws(raw('trade', 0), R)).toEqual({ kind: 'control', what: 'trade snapshot (recent history, not live)' });
  });

  it('update: BTC sizes as is, taker side, oldest first (doc example as an update)', () => {
    const frame = raw('trade', 0).replace('"action":"snapshot"', '"action":"update"');
    expect(evs(parser().ws(frame, R))).toEqual([
      { kind: 'trade', venue: 'bitget', market: 'BTCUSDT', ts: 1695716759514, recvTs: R, price: 27000, qty: 0.001, takerSide: 'sell', id: '1111111111' },
      { kind: 'trade', venue: 'bitget', market: 'BTCUSDT', ts: 1695716760565, recvTs: R, price: 27000.5, qty: 0.001, takerSide: 'buy', id: '1111111111' },
    ]);
  });

  it('a market that is not configured (tardis COIN-FUTURES DOGEUSD) is a counted drop', () => {
    expect(parseWsSafe(parser(), raw('trade', 1), R)).toEqual({ kind: 'drop', reason: 'arg.instId: not a configured market: DOGEUSD' });
  });
});

describe('bitget ticker', () => {
  it('→ mark (mark, index, funding, next funding) and open interest (holdingAmount BTC × mark)', () => {
    expect(evs(parser().ws(raw('ticker', 0), R))).toEqual([
      { kind: 'mark', venue: 'bitget', market: 'BTCUSDT', ts: 1695715383021, recvTs: R, markPrice: 27000, indexPrice: 25702.4, fundingRate: 0.00001, nextFundingTs: 1695722400000 },
      { kind: 'openInterest', venue: 'bitget', market: 'BTCUSDT', ts: 1695715383021, recvTs: R, oiBtc: 929.502, oiUsd: 929.502 * 27000 },
    ]);
  });

  it('nextFundingTime "0" (delivery contract, tardis capture) carries no funding', () => {
    const p = new BitgetParser([{ symbol: 'BTCUSDZ24', kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 125 }]);
    const [mark] = evs(p.ws(raw('ticker', 2), R));
    expect(mark).toEqual({ kind: 'mark', venue: 'bitget', market: 'BTCUSDZ24', ts: 1730332823217, recvTs: R, markPrice: 73731.8, indexPrice: 72327.926666 });
  });

  it('a ticker of another market is a counted drop', () => {
    expect(parseWsSafe(parser(), raw('ticker', 1), R)).toEqual({ kind: 'drop', reason: 'data[].instId: not a configured market: STORJUSDT' });
  });
});

describe('bitget control frames and REST', () => {
  it('acks and pong are control; errors are drops with the Bitget code', () => {
    const p = parser();
    expect(p.ws(raw('control', 0), R)).toEqual({ kind: 'control', what: 'subscribe USDT-FUTURES ticker BTCUSDT' });
    expect(p.ws(raw('control', 1), R)).toEqual({ kind: 'drop', reason: "venue error 30001: instType:sp,channel:candleundefined,instId:BTCUSDT doesn't exist" });
    expect(p.ws(raw('control', 2), R)).toEqual({ kind: 'control', what: 'pong' });
    for (let i = 3; i < 6; i++) expect(p.ws(raw('control', i), R).kind).toBe('control');
  });

  it('unknown channels are drops; liquidations are never produced', () => {
    expect(parser().ws('{"action":"snapshot","arg":{"instType":"USDT-FUTURES","channel":"books5","instId":"BTCUSDT"},"data":[]}', R)).toEqual({ kind: 'drop', reason: 'unknown channel books5' });
    for (const f of fixtures(DIR)) {
      const o = parseWsSafe(parser(), f.raw.replace('"action":"snapshot"', '"action":"update"'), R);
      if (o.kind === 'events') for (const e of o.events) expect(e.kind).not.toBe('liquidation');
    }
  });

  it('REST open interest (bitget.md §3.1 example) valued at the latest mark price', () => {
    const body = '{"code":"00000","msg":"success","requestTime":1695796780343,"data":{"openInterestList":[{"symbol":"BTCUSDT","size":"34278.06"}],"ts":"1695796781616"}}';
    const req = { method: 'GET', path: '/api/v2/mix/market/open-interest?symbol=BTCUSDT&productType=usdt-futures' } as const;
    const p = parser();
    expect(parseRestSafe(p, req, body, R)).toEqual({ kind: 'control', what: 'open-interest: no mark price yet to value it in USD' });
    p.ws(raw('ticker', 0), R);
    expect(evs(parseRestSafe(p, req, body, R))).toEqual([{ kind: 'openInterest', venue: 'bitget', market: 'BTCUSDT', ts: 1695796781616, recvTs: R, oiBtc: 34278.06, oiUsd: 34278.06 * 27000 }]);
    expect(parseRestSafe(p, req, '{"code":"40034","msg":"Parameter does not exist","requestTime":1,"data":null}', R)).toEqual({ kind: 'drop', reason: 'code: venue error 40034: Parameter does not exist' });
  });

  it('every fixture frame gives schema-valid events, control, or a reasoned drop', () => {
    for (const f of fixtures(DIR)) {
      const o = parseWsSafe(parser(), f.raw, R);
      if (o.kind === 'events') for (const e of o.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      if (o.kind === 'drop') expect(o.reason.length).toBeGreaterThan(3);
    }
  });
});
