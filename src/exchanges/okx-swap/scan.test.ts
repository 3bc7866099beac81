// The scanner fast path (trades, liquidation-orders, open-interest, mark-price) gives the JSON.parse
// path's outcome on every frame, through the parser's state (last price, liquidation memory).
import { Scan } from '../../core/scan.js';
import { describe, expect, it } from 'vitest';
import { fastMessage, templateMessage } from './fast.js';
import { FALLBACK_MARKETS } from './markets.js';
import { OkxParser } from './parse.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { fixtures } from './test-support.js';

const DIR = import.meta.dirname;
/** Fixtures plus the same frames re-pointed at the configured BTC swaps (as fuzz.test.ts does). */
const frames = fixtures(DIR).flatMap((f) => [
  f.raw,
  f.raw.replace(/"(WNCG|FIL|IOST|XRP|SOS)-USDT?(-SWAP|-\d{6})?"/g, '"BTC-USDT-SWAP"').replace(/"(WNCG|FIL)-USDT"/g, '"BTC-USDT"'),
  f.raw.replace(/"(WNCG|FIL|IOST|XRP|SOS)-USDT?(-SWAP|-\d{6})?"/g, '"BTC-USD-SWAP"'),
]);
// Current OI pushes carry oiUsd (the 2021 fixtures do not).
frames.push('{"arg":{"channel":"open-interest","instId":"BTC-USDT-SWAP"},"data":[{"instId":"BTC-USDT-SWAP","instType":"SWAP","oi":"2500000","oiCcy":"25000","oiUsd":"1500000000","ts":"1700000000000"}]}');
const HOT = /^\{"arg":\{"channel":"(trades|liquidation-orders|open-interest|mark-price)"/;

scanEquivalence({
  name: 'okx-swap',
  frames,
  hot: frames.filter((f) => HOT.test(f)),
  takesFastPath: (f) => fastMessage(new Scan(), f) !== undefined,
  fast: () => new OkxParser(FALLBACK_MARKETS),
  full: () => new OkxParser(FALLBACK_MARKETS, { scan: false }),
  keys: ['arg', 'data', 'event', 'channel', 'instId', 'tradeId', 'px', 'sz', 'side', 'ts', 'details', 'bkPx', 'posSide', 'oi', 'oiCcy', 'oiUsd', 'markPx', 'code', 'msg'],
  words: ['BTC-USDT-SWAP', 'BTC-USD-SWAP', 'ETH-USDT-SWAP', 'trades', 'mark-price', 'buy', 'sell', 'long', 'short', 'net', '48938.5', '5', '1640131236050', 'subscribe', 'error'],
});

describe('okx-swap templates', () => {
  it('read the trades, open-interest and mark-price fixture frames as OKX writes them', () => {
    const hot = frames.filter((f) => /^\{"arg":\{"channel":"(trades|open-interest|mark-price)"/.test(f));
    expect(hot.length).toBeGreaterThan(0);
    for (const f of hot) expect(templateMessage(f, /"channel":"([^"]+)"/.exec(f)?.[1] ?? ''), f).toBeDefined();
  });
});
