// Parser tests on verbatim Binance USDⓈ-M frames (fixtures/*.jsonl): exact events per channel.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MarketSpec, ParseOutcome } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { adapter } from './index.js';
import { fixture } from './test-support.js';

const dir = path.dirname(fileURLToPath(import.meta.url));
const linear = (symbol: string): MarketSpec => ({ symbol, kind: 'linear', contractSize: 1, tickSize: 0.1, maxLeverage: 125 });
const markets = ['BTCUSDT', 'ETHUSDT', 'ETHUSDT_230331', 'BTCBUSD_210129'].map(linear);
const R = 1_700_000_000_000;
const v = 'binance-usdm' as const;

function ws(channel: string): ParseOutcome[] {
  const p = adapter.createParser(markets);
  return fixture(dir, channel).map((f) => parseWsSafe(p, f.raw, R));
}

describe('binance-usdm parser', () => {
  it('aggTrade: m=true → taker sold; the doc example has placeholder times and is dropped', () => {
    const [docEx, real] = ws('aggTrade');
    expect(docEx).toEqual({ kind: 'drop', reason: 'T: not an epoch-ms timestamp: 123456785' });
    expect(real).toEqual({
      kind: 'events',
      events: [{ kind: 'trade', venue: v, market: 'BTCUSDT', ts: 1568693103463, recvTs: R, price: 10223.74, qty: 0.236, takerSide: 'buy' }],
    });
  });

  it('trade: MARKET fills become trades, insurance-fund fills are skipped', () => {
    const [plain, market, insurance] = ws('trade');
    expect(plain).toEqual({
      kind: 'events',
      events: [{ kind: 'trade', venue: v, market: 'BTCUSDT', ts: 1574381164086, recvTs: R, price: 7627.6, qty: 0.044, takerSide: 'buy', id: '10934580' }],
    });
    expect(market).toEqual({
      kind: 'events',
      events: [{ kind: 'trade', venue: v, market: 'BTCUSDT', ts: 1596240000519, recvTs: R, price: 11343.67, qty: 0.467, takerSide: 'sell', id: '173525189' }],
    });
    expect(insurance).toEqual({ kind: 'events', events: [] });
  });

  it('forceOrder: SELL liquidates a long, BUY a short; price = average fill price; qty = z', () => {
    const out = ws('forceOrder');
    expect(out).toEqual([
      { kind: 'events', events: [{ kind: 'liquidation', venue: v, market: 'BTCUSDT', ts: 1568014460893, recvTs: R, price: 9910, qty: 0.014, notionalUsd: 0.014 * 9910, side: 'long' }] },
      { kind: 'events', events: [{ kind: 'liquidation', venue: v, market: 'BTCUSDT', ts: 1695714031881, recvTs: R, price: 26245.1, qty: 0.115, notionalUsd: 0.115 * 26245.1, side: 'long' }] },
      { kind: 'events', events: [{ kind: 'liquidation', venue: v, market: 'BTCUSDT', ts: 1698871323059, recvTs: R, price: 34959.7, qty: 1.437, notionalUsd: 1.437 * 34959.7, side: 'short' }] },
      { kind: 'events', events: [{ kind: 'liquidation', venue: v, market: 'BTCUSDT', ts: 1584059031421, recvTs: R, price: 4706.04, qty: 0.014, notionalUsd: 0.014 * 4706.04, side: 'short' }] },
    ]);
  });

  it('markPrice: mark, index, funding and next funding time; delivery contracts carry no funding', () => {
    const [docEx, legacy3s, oneSec, delivery] = ws('markPrice');
    expect(docEx).toEqual({
      kind: 'events',
      events: [{ kind: 'mark', venue: v, market: 'BTCUSDT', ts: 1562305380000, recvTs: R, markPrice: 11794.15, indexPrice: 11784.62659091, fundingRate: 0.00038167, nextFundingTs: 1562306400000 }],
    });
    expect(legacy3s).toEqual({
      kind: 'events',
      events: [{ kind: 'mark', venue: v, market: 'BTCUSDT', ts: 1569888003001, recvTs: R, markPrice: 8291.34697815, fundingRate: 0.0001, nextFundingTs: 1569916800000 }],
    });
    expect(oneSec).toEqual({
      kind: 'events',
      events: [{ kind: 'mark', venue: v, market: 'BTCUSDT', ts: 1597536008000, recvTs: R, markPrice: 11857.56, indexPrice: 11851.86949091, fundingRate: 0.0001564, nextFundingTs: 1597564800000 }],
    });
    expect(delivery).toEqual({
      kind: 'events',
      events: [{ kind: 'mark', venue: v, market: 'BTCBUSD_210129', ts: 1609830121004, recvTs: R, markPrice: 31799.2773, indexPrice: 31307.034 }],
    });
  });

  it('acks and lists are control; JSON-RPC errors are drops naming the venue error', () => {
    expect(ws('control')).toEqual([
      { kind: 'control', what: 'ack id 1' },
      { kind: 'control', what: 'result id 3' },
      { kind: 'drop', reason: 'venue error 2: Invalid request: request ID must be an unsigned integer' },
      { kind: 'drop', reason: 'venue error 0: Unknown property' },
    ]);
  });

  it('channels we do not use are drops with the event named', () => {
    expect(ws('other').map((o) => (o.kind === 'drop' ? o.reason : o.kind))).toEqual([
      'unsupported event 24hrTicker',
      'unsupported event depthUpdate',
      'unsupported event null',
      'unsupported event bookTicker',
    ]);
  });

  it('accepts raw /ws payloads as well as combined-stream wrapping', () => {
    const p = adapter.createParser(markets);
    const wrapped = fixture(dir, 'forceOrder')[3]?.raw ?? '';
    const raw = JSON.stringify((JSON.parse(wrapped) as { data: unknown }).data);
    expect(parseWsSafe(p, raw, R)).toEqual(parseWsSafe(p, wrapped, R));
  });

  it('unknown markets and bad fields are drops naming the field', () => {
    const p = adapter.createParser([linear('BTCUSDT')]);
    const eth = fixture(dir, 'trade')[2]?.raw.replace('INSURANCE_FUND', 'MARKET') ?? '';
    expect(parseWsSafe(p, eth, R)).toEqual({ kind: 'drop', reason: 's: unknown market ETHUSDT' });
    expect(parseWsSafe(p, '{"stream":"btcusdt@aggTrade","data":{"e":"aggTrade","s":"BTCUSDT","p":"-1","q":"1","T":1568693103463,"m":true}}', R)).toEqual({
      kind: 'drop',
      reason: 'p: expected > 0, got -1',
    });
    expect(parseWsSafe(p, '{"e":"forceOrder","E":1,"o":{"s":"BTCUSDT","S":"HOLD","X":"FILLED","p":"1","ap":"1","z":"1","T":1568014460893}}', R)).toEqual({
      kind: 'drop',
      reason: 'o.S: expected SELL or BUY, got HOLD',
    });
    expect(parseWsSafe(p, '{"foo":1}', R)).toEqual({ kind: 'drop', reason: 'frame: neither stream data, an event, an ack nor an error' });
  });

  it('REST open interest: BTC as given, USD at the last price seen; held until a price is known', () => {
    const p = adapter.createParser(markets);
    const [ccxt, tardis] = fixture(dir, 'rest-openInterest');
    const req = (s: string) => ({ method: 'GET' as const, path: `/fapi/v1/openInterest?symbol=${s}` });
    expect(parseRestSafe(p, req('BTCUSDT'), tardis?.raw ?? '', R)).toEqual({ kind: 'control', what: 'open interest of BTCUSDT held: no price seen yet' });
    parseWsSafe(p, fixture(dir, 'markPrice')[2]?.raw ?? '', R);
    expect(parseRestSafe(p, req('BTCUSDT'), tardis?.raw ?? '', R)).toEqual({
      kind: 'events',
      events: [{ kind: 'openInterest', venue: v, market: 'BTCUSDT', ts: R, recvTs: R, oiBtc: 26286.181, oiUsd: 26286.181 * 11857.56 }],
    });
    parseWsSafe(p, '{"e":"markPriceUpdate","E":1677356872000,"s":"ETHUSDT_230331","p":"1600"}', R);
    expect(parseRestSafe(p, req('ETHUSDT_230331'), ccxt?.raw ?? '', R)).toEqual({
      kind: 'events',
      events: [{ kind: 'openInterest', venue: v, market: 'ETHUSDT_230331', ts: 1677356872265, recvTs: R, oiBtc: 23581.677, oiUsd: 23581.677 * 1600 }],
    });
    expect(parseRestSafe(p, req('BTCUSDT'), '{"code":-1121,"msg":"Invalid symbol."}', R)).toEqual({ kind: 'drop', reason: 'venue error -1121: Invalid symbol.' });
  });

  it('REST open-interest history: sumOpenInterest BTC, sumOpenInterestValue USD', () => {
    const p = adapter.createParser(markets);
    const body = fixture(dir, 'rest-openInterestHist')[0]?.raw ?? '';
    expect(parseRestSafe(p, { method: 'GET', path: '/futures/data/openInterestHist?symbol=BTCUSDT&period=5m' }, body, R)).toEqual({
      kind: 'events',
      events: [{ kind: 'openInterest', venue: v, market: 'BTCUSDT', ts: 1642179900000, recvTs: R, oiBtc: 75375.617, oiUsd: 3248828883.7125144 }],
    });
  });
});

describe('binance-usdm REST history', () => {
  it('klines: the documented row → OHLC, volume and taker-buy volume in BTC; venue errors throw', async () => {
    const body = fixture(dir, 'rest-klines')[0]?.raw ?? '';
    const paths: string[] = [];
    const http = {
      request: (req: { path: string }) => {
        paths.push(req.path);
        return Promise.resolve({ status: 200, body });
      },
    };
    const spec = linear('BTCUSDT');
    expect(await adapter.history?.klines(http, spec, 1616338800000, 1616338860000)).toEqual([
      { ts: 1616338800000, open: 57212.69, high: 57315, low: 57196.19, close: 57300, volume: 496.263, buyVolume: 273.108 },
    ]);
    expect(paths).toEqual(['/fapi/v1/klines?symbol=BTCUSDT&interval=1m&startTime=1616338800000&endTime=1616338859999&limit=1500']);
    const failing = { request: () => Promise.resolve({ status: 400, body: '{"code":-1121,"msg":"Invalid symbol."}' }) };
    await expect(adapter.history?.klines(failing, spec, 1616338800000, 1616338860000)).rejects.toThrow(/HTTP 400/);
  });
});
