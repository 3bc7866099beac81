// The template path (template.ts) gives the JSON.parse path's outcome on every frame, through the
// parser's state (liquidation totals).
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { createGateParser } from './parse.js';
import { templateMessage } from './template.js';
import { FIXTURE_CHANNELS, fixtures, TEST_MARKETS } from './testing.js';

const frames = FIXTURE_CHANNELS.flatMap((c) => fixtures(c).map((f) => f.raw));

scanEquivalence({
  name: 'gate templates',
  frames,
  // Compact pushes of the three row channels (the doc examples have whitespace, the 2021 tickers nested rows).
  hot: frames.filter((f) => /^\{"time":\d+,.*"channel":"futures\.(trades|tickers|public_liquidates)","event":"update"/.test(f) && !f.includes("[[")),
  takesFastPath: (f) => templateMessage(f) !== undefined,
  fast: () => createGateParser(TEST_MARKETS),
  full: () => createGateParser(TEST_MARKETS, { scan: false }),
  keys: ['time', 'time_ms', 'channel', 'event', 'error', 'result', 'contract', 'size', 'id', 'create_time', 'create_time_ms', 'price', 'is_internal', 't', 'mark_price', 'index_price', 'funding_rate', 'total_size'],
  words: ['futures.trades', 'futures.tickers', 'futures.public_liquidates', 'update', 'subscribe', 'BTC_USDT', 'ETH_USDT', '-108.5', '96.4', '1541503698', '1541503698123'],
  recvTs: 1_700_000_000_000,
});
