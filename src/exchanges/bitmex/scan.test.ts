// The scanner fast path (table pushes) gives the JSON.parse path's outcome on every frame.
import { Scan } from '../../core/scan.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { venueFixtures } from '../testing/fixtures.js';
import { FALLBACK_MARKETS } from './markets.js';
import { fastFrame } from './fast.js';
import { createBitmexParser } from './parse.js';

const { fixture } = venueFixtures(import.meta.dirname);
const ws = ['control', 'error', 'other-tables', 'trade', 'liquidation', 'instrument'].flatMap((c) => fixture(c).map((l) => l.raw));

scanEquivalence({
  name: 'bitmex',
  frames: ws,
  hot: [...fixture('trade').slice(1), ...fixture('liquidation')].map((l) => l.raw),
  takesFastPath: (f) => fastFrame(new Scan(), new Map(FALLBACK_MARKETS.map((m) => [m.symbol, m])), new Map(), f, 1_781_416_944_000) !== undefined,
  fast: () => createBitmexParser(FALLBACK_MARKETS, { scan: true }),
  full: () => createBitmexParser(FALLBACK_MARKETS, { scan: false }),
  keys: ['table', 'action', 'data', 'symbol', 'price', 'size', 'side', 'timestamp', 'trdMatchID', 'orderID', 'leavesQty', 'openInterest', 'markPrice', 'fundingRate', 'indicativeSettlePrice', 'fundingTimestamp', 'subscribe', 'success', 'error', 'info'],
  words: ['trade', 'liquidation', 'instrument', 'partial', 'insert', 'update', 'delete', 'XBTUSD', 'XBTUSDT', 'Buy', 'Sell', '2019-01-05T23:01:25.263Z', '00000000-0000-0000-0000-000000000000'],
});
