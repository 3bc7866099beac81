// Fuzz: real Gate frames mutated (values replaced, keys removed, text cut or spliced). Nothing may
// escape parseWsSafe, every drop has a reason, every event passes the event schema (../testing/fuzz-suite.ts).
import { fuzzSuite, jsonValues } from '../testing/fuzz-suite.js';
import { createGateParser } from './parse.js';
import { FIXTURE_CHANNELS, fixtures, TEST_MARKETS } from './testing.js';

fuzzSuite({
  name: 'gate',
  frames: FIXTURE_CHANNELS.flatMap((c) => fixtures(c).map((f) => f.raw)),
  parser: () => createGateParser(TEST_MARKETS),
  recvTs: 1_700_000_000_000,
  values: jsonValues('0', '-1', '1e400', 'NaN', '', '-108.5', '1541486601', '99999999999999999'),
  deletes: true,
  maxDepth: 4,
  text: 'splice',
  runs: { structural: 3000, text: 2000 },
});
