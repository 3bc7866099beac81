// The fast paths (scanner: table pushes with `scan: true`; templates: by default) give the
// JSON.parse path's outcome on every frame.
import { Scan } from '../../core/scan.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { venueFixtures } from '../testing/fixtures.js';
import { FALLBACK_MARKETS } from './markets.js';
import { fastFrame } from './fast.js';
import { createBitmexParser } from './parse.js';
import { templateMessage } from './template.js';

const { fixture } = venueFixtures(import.meta.dirname);
const ws = ['control', 'error', 'other-tables', 'trade', 'liquidation', 'instrument'].flatMap((c) => fixture(c).map((l) => l.raw));
const common = {
  frames: ws,
  full: () => createBitmexParser(FALLBACK_MARKETS, { scan: false }),
  keys: ['table', 'action', 'data', 'keys', 'types', 'filter', 'symbol', 'price', 'size', 'side', 'timestamp', 'trdMatchID', 'orderID', 'leavesQty', 'openInterest', 'markPrice', 'fundingRate', 'indicativeSettlePrice', 'fundingTimestamp', 'subscribe', 'success', 'error', 'info'],
  words: ['trade', 'liquidation', 'instrument', 'partial', 'insert', 'update', 'delete', 'XBTUSD', 'XBTUSDT', 'Buy', 'Sell', '2019-01-05T23:01:25.263Z', '00000000-0000-0000-0000-000000000000'],
};

scanEquivalence({
  ...common,
  name: 'bitmex',
  hot: [...fixture('trade').slice(1), ...fixture('liquidation')].map((l) => l.raw),
  takesFastPath: (f) => fastFrame(new Scan(), new Map(FALLBACK_MARKETS.map((m) => [m.symbol, m])), new Map(), f, 1_781_416_944_000) !== undefined,
  fast: () => createBitmexParser(FALLBACK_MARKETS, { scan: true }),
});

scanEquivalence({
  ...common,
  name: 'bitmex templates',
  // All table pushes but the update of inferred shape (markPrice before openInterest: not BitMEX's column order).
  hot: [...fixture('trade'), ...fixture('liquidation'), ...fixture('instrument')].filter((l) => !l.source.includes('[inferred]')).map((l) => l.raw),
  takesFastPath: (f) => templateMessage(f) !== undefined,
  fast: () => createBitmexParser(FALLBACK_MARKETS),
});
