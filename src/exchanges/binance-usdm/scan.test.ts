// The template path (fast.ts) gives the JSON.parse path's outcome on every frame of both Binance
// futures venues, through the parser's state (last price per market).
import path from 'node:path';
import type { MarketSpec } from '../../core/venue.js';
import { COINM_PROFILE } from '../binance-coinm/profile.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { fastEvent } from './fast.js';
import { createBinanceParser } from './parse.js';
import { USDM_PROFILE } from './profile.js';
import { allFixtures } from './test-support.js';

const HOT = /"e":"(aggTrade|trade|markPriceUpdate|forceOrder)"/;

for (const profile of [USDM_PROFILE, COINM_PROFILE]) {
  const fixtures = allFixtures(path.join(import.meta.dirname, '..', profile.venue)).map((f) => f.raw);
  // A bare event that also has `stream` and `data` is read as wrapped: the templates must leave it.
  const bare = fixtures.find((f) => f.startsWith('{"e":"aggTrade"')) ?? '{}';
  const frames = [...fixtures, bare.replace(/\}$/, ',"stream":"x@trade","data":0}')];
  // Every market the frames name, so the events are built, not dropped as unknown.
  const symbols = [...new Set(frames.flatMap((f) => [...f.matchAll(/"s":"([^"]+)"/g)].map((m) => m[1] ?? '')))];
  const markets: MarketSpec[] = symbols.map((symbol) => ({ symbol, kind: profile.venue === 'binance-coinm' ? 'inverse' : 'linear', contractSize: 100, tickSize: 0.1, maxLeverage: 125 }));
  scanEquivalence({
    name: profile.venue,
    frames,
    hot: fixtures.filter((f) => HOT.test(f)),
    takesFastPath: (f) => fastEvent(f) !== undefined,
    fast: () => createBinanceParser(profile, markets),
    full: () => createBinanceParser(profile, markets, { scan: false }),
    keys: ['stream', 'data', 'e', 'E', 'a', 's', 'p', 'q', 'T', 'm', 'X', 't', 'i', 'r', 'o', 'S', 'ap', 'z', 'result', 'id'],
    words: [...symbols.slice(0, 3), 'aggTrade', 'trade', 'markPriceUpdate', 'forceOrder', 'SELL', 'BUY', 'FILLED', 'MARKET', '9910', '0.014', 'btcusdt@trade'],
    recvTs: 1_786_310_820_000,
  });
}
