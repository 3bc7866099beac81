import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { adapter } from './index.js';
import { parseCandles } from './history.js';
import { parseMeta } from './markets.js';
import { HLP_LIQUIDATOR } from './parse.js';
import { venueFixtures } from '../testing/fixtures.js';

const { fixture } = venueFixtures(import.meta.dirname);

const RECV = 1_781_416_944_000;
const parser = () => adapter.createParser(adapter.fallbackMarkets);
const ws = (raw: string) => parseWsSafe(parser(), raw, RECV);

describe('hyperliquid trades', () => {
  const lines = fixture('trades');

  it('maps the real BTC capture: B = taker buy, sizes in BTC, id = time-tid', () => {
    expect(ws(lines[0]!.raw)).toEqual({
      kind: 'events',
      events: [
        { kind: 'trade', venue: 'hyperliquid', market: 'BTC', ts: 1781416943647, recvTs: RECV, price: 64411, qty: 0.31377, takerSide: 'buy', id: '1781416943647-828642708897583' },
      ],
    });
  });

  it('maps A to a taker sell (ccxt example without users)', () => {
    expect(ws(lines[1]!.raw)).toEqual({
      kind: 'events',
      events: [{ kind: 'trade', venue: 'hyperliquid', market: 'BTC', ts: 1710125266669, recvTs: RECV, price: 68517, qty: 0.005, takerSide: 'sell', id: '1710125266669-981894269203506' }],
    });
  });

  it('keeps every trade of a multi-trade block (tardis capture)', () => {
    const out = ws(lines[2]!.raw);
    expect(out.kind).toBe('events');
    if (out.kind !== 'events') return;
    expect(out.events.map((e) => (e.kind === 'trade' ? [e.price, e.qty, e.takerSide, e.ts] : null))).toEqual([
      [69997, 0.38111, 'buy', 1730160006192],
      [69997, 0.33458, 'buy', 1730160006192],
      [69997, 0.83613, 'buy', 1730160006192],
    ]);
  });

  it('drops trades of coins it did not subscribe, naming the coin', () => {
    expect(ws(lines[4]!.raw)).toEqual({ kind: 'drop', reason: 'trades: unsubscribed coin FXS' });
  });

  it('recognises a backstop liquidation: the HLP Liquidator buying took over a LONG', () => {
    const raw = lines[0]!.raw.replace('0xe9bee85af94c8234270523992447e631d27d2146', HLP_LIQUIDATOR);
    const out = ws(raw);
    expect(out.kind === 'events' && out.events[1]).toEqual({
      kind: 'liquidation', venue: 'hyperliquid', market: 'BTC', ts: 1781416943647, recvTs: RECV, price: 64411, qty: 0.31377, notionalUsd: 64411 * 0.31377, side: 'long',
    });
  });

  it('the HLP Liquidator selling took over a SHORT', () => {
    const raw = lines[0]!.raw.replace('0xf9109ada2f73c62e9889b45453065f0d99260a2d', HLP_LIQUIDATOR);
    const out = ws(raw);
    expect(out.kind === 'events' && out.events[1]?.kind === 'liquidation' && out.events[1].side).toBe('short');
  });

  it('rejects an unknown side letter with the field named', () => {
    expect(ws(lines[0]!.raw.replace('"side":"B"', '"side":"X"'))).toEqual({ kind: 'drop', reason: 'data[0].side: expected "B" or "A", got "X"' });
  });
});

describe('hyperliquid activeAssetCtx', () => {
  const lines = fixture('activeAssetCtx');

  it('gives one-sided OI in BTC (USD at mark) and mark/oracle/hourly funding, stamped at receive time', () => {
    expect(ws(lines[0]!.raw)).toEqual({
      kind: 'events',
      events: [
        { kind: 'openInterest', venue: 'hyperliquid', market: 'BTC', ts: RECV, recvTs: RECV, oiBtc: 32227.66018, oiUsd: 32227.66018 * 64405 },
        { kind: 'mark', venue: 'hyperliquid', market: 'BTC', ts: RECV, recvTs: RECV, markPrice: 64405, indexPrice: 64429, fundingRate: 0.0000125 },
      ],
    });
  });

  it('parses the ccxt example and drops other coins', () => {
    const out = ws(lines[1]!.raw);
    expect(out.kind === 'events' && out.events[0]).toMatchObject({ kind: 'openInterest', oiBtc: 688.11 });
    expect(ws(lines[2]!.raw)).toEqual({ kind: 'drop', reason: 'activeAssetCtx: unsubscribed coin MOODENG' });
  });
});

describe('hyperliquid control and error frames', () => {
  it('acks, pong and the welcome text are control', () => {
    expect(fixture('control').map((l) => ws(l.raw).kind)).toEqual(['control', 'control', 'control', 'control']);
  });

  it('the error channel is a drop carrying the venue message', () => {
    expect(ws(fixture('error')[0]!.raw)).toEqual({ kind: 'drop', reason: 'venue error: Error parsing JSON into valid websocket request: { "type": "allMids" }' });
  });

  it('channels it does not use are dropped by name', () => {
    expect(fixture('other-channels').map((l) => ws(l.raw))).toEqual([
      { kind: 'drop', reason: 'unknown channel l2Book' },
      { kind: 'drop', reason: 'unknown channel l2Book' },
      { kind: 'drop', reason: 'unknown channel activeSpotAssetCtx' },
      { kind: 'drop', reason: 'unknown channel bbo' },
      { kind: 'drop', reason: 'unknown channel bbo' },
    ]);
  });
});

describe('hyperliquid REST', () => {
  it('metaAndAssetCtxs → OI + mark for BTC', () => {
    const [btc, sol] = fixture('metaAndAssetCtxs');
    const out = parseRestSafe(parser(), btc!.request!, btc!.raw, RECV);
    expect(out.kind === 'events' && out.events).toEqual([
      { kind: 'openInterest', venue: 'hyperliquid', market: 'BTC', ts: RECV, recvTs: RECV, oiBtc: 32227.66018, oiUsd: 32227.66018 * 64405 },
      { kind: 'mark', venue: 'hyperliquid', market: 'BTC', ts: RECV, recvTs: RECV, markPrice: 64405, indexPrice: 64429, fundingRate: 0.0000125 },
    ]);
    expect(parseRestSafe(parser(), sol!.request!, sol!.raw, RECV)).toEqual({ kind: 'drop', reason: 'metaAndAssetCtxs: no subscribed coin in universe' });
  });

  it('instrument facts from metaAndAssetCtxs: 40x, tick 1 at 64 405', () => {
    expect(parseMeta(fixture('metaAndAssetCtxs')[0]!.raw, ['BTC'])).toEqual([{ symbol: 'BTC', kind: 'linear', contractSize: 1, tickSize: 1, maxLeverage: 40 }]);
  });

  it('candleSnapshot rows → klines; non-1m rows are refused', () => {
    const [oneMin, fifteen] = fixture('candleSnapshot');
    expect(parseCandles(oneMin!.raw)).toEqual([{ ts: 1681923600000, open: 29295, high: 29309, low: 29250, close: 29258, volume: 0.98639 }]);
    expect(() => parseCandles(fifteen!.raw)).toThrow('body[0].i: expected 1m candles');
  });

  it('a REST body for an info type without parser is a drop', () => {
    expect(parseRestSafe(parser(), { method: 'POST', path: '/info', body: '{"type":"allMids"}' }, '{}', RECV)).toEqual({ kind: 'drop', reason: 'rest: no parser for info type allMids' });
  });

  it('every event from the fixtures satisfies the event schema', () => {
    for (const ch of ['trades', 'activeAssetCtx']) {
      for (const l of fixture(ch)) {
        const out = ws(l.raw);
        if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
      }
    }
  });
});
