// The fast paths (scanner: subscription notifications with `scan: true`; templates: by default)
// give the JSON.parse path's outcome on every frame.
import { Scan } from '../../core/scan.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { venueFixtures } from '../testing/fixtures.js';
import { FALLBACK_MARKETS } from './markets.js';
import { fastFrame } from './fast.js';
import { createDeribitParser } from './parse.js';
import { templateMessage } from './template.js';

const { fixture } = venueFixtures(import.meta.dirname);
const ws = ['control', 'error', 'other-channels', 'ticker', 'trades'].flatMap((c) => fixture(c).map((l) => l.raw));
const hot = [...fixture('trades'), ...fixture('ticker')].map((l) => l.raw).filter((f) => f.includes('.BTC-PERPETUAL.'));
const common = {
  frames: ws,
  hot,
  full: () => createDeribitParser(FALLBACK_MARKETS, { scan: false }),
  keys: ['method', 'params', 'channel', 'data', 'instrument_name', 'price', 'amount', 'timestamp', 'direction', 'trade_id', 'liquidation', 'mark_price', 'open_interest', 'index_price', 'funding_8h', 'error', 'result', 'id'],
  words: ['subscription', 'heartbeat', 'BTC-PERPETUAL', 'trades.BTC-PERPETUAL.raw', 'ticker.BTC-PERPETUAL.raw', 'buy', 'sell', 'M', 'T', 'MT', '64345.0', '1781416501150'],
};

scanEquivalence({
  ...common,
  name: 'deribit',
  takesFastPath: (f) => fastFrame(new Scan(), new Map(FALLBACK_MARKETS.map((m) => [m.symbol, m])), f, 1_781_416_944_000) !== undefined,
  fast: () => createDeribitParser(FALLBACK_MARKETS, { scan: true }),
});

scanEquivalence({
  ...common,
  name: 'deribit templates',
  takesFastPath: (f) => templateMessage(f) !== undefined,
  fast: () => createDeribitParser(FALLBACK_MARKETS),
});
