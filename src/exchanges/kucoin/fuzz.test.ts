// Fuzz: real KuCoin frames mutated (values replaced, keys removed, text cut or spliced). Nothing may
// escape parseWsSafe, every drop has a reason, every event passes the event schema (../testing/fuzz-suite.ts).
import { fuzzSuite, jsonValues } from '../testing/fuzz-suite.js';
import { createKucoinParser } from './parse.js';
import { fixtures, TEST_MARKETS, WS_CHANNELS } from './testing.js';

const parser = () => createKucoinParser(TEST_MARKETS);

fuzzSuite({
  name: 'kucoin',
  frames: WS_CHANNELS.flatMap((c) => fixtures(c).map((f) => f.raw)),
  parser,
  recvTs: 1_700_000_000_000,
  values: jsonValues('0', '-1', '1e400', 'NaN', '', '0.001', '1616362645429686578', 'sell', 'match', '/contract/instrument:XBTUSDTM'),
  deletes: true,
  maxDepth: 4,
  text: 'splice',
  runs: { structural: 3000, text: 2000 },
  rest: {
    name: 'survives mutations of the polled contract body',
    bodies: [{ request: { method: 'GET', path: '/api/v1/contracts/XBTUSDTM' }, raw: fixtures('rest-contract')[0]!.raw }],
    parser,
    maxDepth: 3,
    numRuns: 2000,
  },
});
