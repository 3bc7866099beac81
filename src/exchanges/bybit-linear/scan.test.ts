// The scanner paths (v5/fast.ts: cursor rows, the tickers regex) give the JSON.parse path's outcome
// on every frame of both Bybit v5 venues, through the parser's merged ticker state.
import { describe, expect, it } from 'vitest';
import { Scan } from '../../core/scan.js';
import type { MarketSpec } from '../../core/venue.js';
import { FALLBACK_MARKETS as INVERSE } from '../bybit-inverse/index.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { FALLBACK_MARKETS as LINEAR } from './index.js';
import { fastFrame, flatTicker } from './v5/fast.js';
import { fixtureFrames } from './v5/fixture-lines.js';
import { createV5Parser } from './v5/parse.js';

const R = 1_786_310_820_000;
const CHANNELS = ['publicTrade', 'allLiquidation', 'liquidation', 'tickers', 'control', 'error', 'other-channels'];
const LIQ = {
  'bybit-linear': '{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1786310820500,"data":[{"T":1786310820101,"s":"BTCUSDT","S":"Buy","v":"0.25","p":"64000.0"},{"T":1786310820307,"s":"BTCUSDT","S":"Sell","v":"1.5","p":"66000.0"}]}',
  'bybit-inverse': '{"topic":"allLiquidation.BTCUSD","type":"snapshot","ts":1740480207578,"data":[{"T":1740480207110,"s":"BTCUSD","S":"Buy","v":"12000","p":"96000"}]}',
};

for (const [venue, markets, symbol] of [['bybit-linear', LINEAR, 'BTCUSDT'], ['bybit-inverse', INVERSE, 'BTCUSD']] as const) {
  const fixtures = CHANNELS.flatMap((c) => (c === 'allLiquidation' && venue === 'bybit-inverse' ? [] : fixtureFrames(venue, c)));
  const frames = [...fixtures, LIQ[venue]];
  // Tickers with a space take the cursor instead of the regex: both must be covered.
  const tickers = frames.filter((f) => f.startsWith(`{"topic":"tickers.${symbol}"`));
  const spaced = tickers.map((f) => f.replace('"data":', '"data": '));
  const hot = [...frames.filter((f) => new RegExp(`^\\{"topic":"(publicTrade|allLiquidation|tickers)\\.${symbol}"`).test(f)), ...spaced];
  const fast = (): ReturnType<typeof createV5Parser> => createV5Parser(venue, markets);

  scanEquivalence({
    name: venue,
    frames: [...frames, ...spaced],
    hot,
    takesFastPath: (f) => fastFrame(new Scan(), fast(), f, R) !== undefined,
    fast,
    full: () => createV5Parser(venue, markets as readonly MarketSpec[], { scan: false }),
    keys: ['topic', 'type', 'ts', 'data', 'cs', 'T', 's', 'S', 'v', 'p', 'i', 'symbol', 'markPrice', 'indexPrice', 'fundingRate', 'nextFundingTime', 'openInterest', 'singleOpenInterest', 'op', 'success'],
    words: [symbol, 'BTCUSDT', 'ETHUSDT', 'Buy', 'Sell', 'snapshot', 'delta', '65000.5', '0.0001', '0', '1786310820000', `tickers.${symbol}`, `publicTrade.${symbol}`],
    recvTs: R,
  });

  describe(`${venue}: tickers regex path`, () => {
    it('takes every tickers fixture frame as Bybit writes it', () => {
      const p = fast();
      for (const f of tickers) expect(flatTicker(p, f, R), f).toBeDefined();
    });
  });
}
