// Parser tests on verbatim Binance COIN-M frames (fixtures/*.jsonl): sizes are contracts of
// `contractSize` USD, so BTC = contracts × contractSize / price and notional = contracts × contractSize.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketSpec, ParseOutcome } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { fixture } from '../binance-usdm/test-support.js';
import { adapter } from './index.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const inverse = (symbol: string, contractSize = 100): MarketSpec => ({ symbol, kind: 'inverse', contractSize, tickSize: 0.1, maxLeverage: 125 });
// Quarterlies appear in the doc and tardis frames; ETH COIN-M contracts are 10 USD.
const markets = [inverse('BTCUSD_PERP'), inverse('BTCUSD_200626'), inverse('BTCUSD_200925'), inverse('ETHUSD_PERP', 10)];
const R = 1_700_000_000_000;
const v = 'binance-coinm' as const;

function ws(channel: string): ParseOutcome[] {
  const p = adapter.createParser(markets);
  return fixture(dir, channel).map((f) => parseWsSafe(p, f.raw, R));
}

describe('binance-coinm parser', () => {
  it('aggTrade: 2 contracts of 100 USD at 9643.5 → 200/9643.5 BTC; m=false → taker bought', () => {
    expect(ws('aggTrade')).toEqual([
      { kind: 'events', events: [{ kind: 'trade', venue: v, market: 'BTCUSD_200626', ts: 1591261134199, recvTs: R, price: 9643.5, qty: 200 / 9643.5, takerSide: 'buy', id: '424951' }] },
    ]);
  });

  it('trade: MARKET fills convert at the trade price; ADL fills are skipped', () => {
    expect(ws('trade')).toEqual([
      { kind: 'events', events: [{ kind: 'trade', venue: v, market: 'BTCUSD_200925', ts: 1592265616653, recvTs: R, price: 9504.9, qty: 100 / 9504.9, takerSide: 'buy', id: '173906' }] },
      { kind: 'events', events: [] },
    ]);
  });

  it('forceOrder: SELL liquidates a long; qty = z contracts × 100 / ap; notional = z × 100 USD', () => {
    expect(ws('forceOrder')).toEqual([
      { kind: 'events', events: [{ kind: 'liquidation', venue: v, market: 'BTCUSD_200925', ts: 1591154240949, recvTs: R, price: 9496.5, qty: 100 / 9496.5, notionalUsd: 100, side: 'long' }] },
      { kind: 'events', events: [{ kind: 'liquidation', venue: v, market: 'BTCUSD_200925', ts: 1594622954021, recvTs: R, price: 9352.7, qty: 300 / 9352.7, notionalUsd: 300, side: 'long' }] },
    ]);
  });

  it('markPrice: perpetual with funding; a quarterly without r/T gets none', () => {
    expect(ws('markPrice')).toEqual([
      {
        kind: 'events',
        events: [{ kind: 'mark', venue: v, market: 'BTCUSD_PERP', ts: 1596095725000, recvTs: R, markPrice: 11012.31359011, indexPrice: 10933.62615417, fundingRate: 0, nextFundingTs: 1596096000000 }],
      },
      { kind: 'events', events: [{ kind: 'mark', venue: v, market: 'BTCUSD_200925', ts: 1592265602000, recvTs: R, markPrice: 9501.15723333 }] },
    ]);
  });

  it('the pair mark-price stream delivers an array: only our markets are kept', () => {
    const p = adapter.createParser([inverse('BTCUSD_PERP')]);
    const perp = fixture(dir, 'markPrice')[0]?.raw ?? '';
    const quarterly = perp.replace('BTCUSD_PERP', 'BTCUSD_200925').replace('"r":"0.00000000","T":1596096000000', '"r":"","T":0');
    const out = parseWsSafe(p, `{"stream":"btcusd@markPrice@1s","data":[${perp},${quarterly}]}`, R);
    expect(out.kind === 'events' ? out.events.map((e) => e.market) : out).toEqual(['BTCUSD_PERP']);
  });

  it('acks are control; errors and unused channels are drops with a reason', () => {
    expect(ws('control')).toEqual([
      { kind: 'control', what: 'ack id 1000' },
      { kind: 'drop', reason: 'venue error 2: Invalid request: request ID must be an unsigned integer' },
    ]);
    expect(ws('other').map((o) => (o.kind === 'drop' ? o.reason : o.kind))).toEqual([
      'unsupported event null',
      'unsupported event depthUpdate',
      'unsupported event indexPriceUpdate',
      'unsupported event 24hrTicker',
      'unsupported event bookTicker',
    ]);
  });

  it('REST open interest: contracts × contract size = USD exactly; BTC at the last price seen', () => {
    const p = adapter.createParser(markets);
    const [ccxt, tardis] = fixture(dir, 'rest-openInterest');
    const req = (s: string) => ({ method: 'GET' as const, path: `/dapi/v1/openInterest?symbol=${s}` });
    expect(parseRestSafe(p, req('ETHUSD_PERP'), ccxt?.raw ?? '', R).kind).toBe('control');
    parseWsSafe(p, '{"e":"markPriceUpdate","E":1677360272000,"s":"ETHUSD_PERP","p":"1650"}', R);
    expect(parseRestSafe(p, req('ETHUSD_PERP'), ccxt?.raw ?? '', R)).toEqual({
      kind: 'events',
      events: [{ kind: 'openInterest', venue: v, market: 'ETHUSD_PERP', ts: 1677360272224, recvTs: R, oiBtc: 265424360 / 1650, oiUsd: 265424360 }],
    });
    parseWsSafe(p, fixture(dir, 'trade')[0]?.raw ?? '', R);
    expect(parseRestSafe(p, req('BTCUSD_200925'), tardis?.raw ?? '', R)).toEqual({
      kind: 'events',
      events: [{ kind: 'openInterest', venue: v, market: 'BTCUSD_200925', ts: 1592265372706, recvTs: R, oiBtc: 1527900 / 9504.9, oiUsd: 1527900 }],
    });
  });

  it('REST open-interest history (pair + contractType rows): contracts → USD, value → BTC', () => {
    const p = adapter.createParser(markets);
    // COIN-M doc example shape [unverified units: "cont" / "base asset"].
    const body = '[{"pair":"BTCUSD","contractType":"PERPETUAL","sumOpenInterest":"20403","sumOpenInterestValue":"176.196512","timestamp":1591261042378}]';
    expect(parseRestSafe(p, { method: 'GET', path: '/futures/data/openInterestHist?pair=BTCUSD&contractType=PERPETUAL&period=5m' }, body, R)).toEqual({
      kind: 'events',
      events: [{ kind: 'openInterest', venue: v, market: 'BTCUSD_PERP', ts: 1591261042378, recvTs: R, oiBtc: 176.196512, oiUsd: 2040300 }],
    });
  });
});
