// Fuzz: mutated real frames never make the parser throw past parseWsSafe; drops carry a reason and
// whatever is emitted satisfies the event schema (../testing/fuzz-suite.ts).
import { venueFixtures } from '../testing/fixtures.js';
import { fuzzSuite } from '../testing/fuzz-suite.js';
import { adapter } from './index.js';

const { fixture, allFixtureFrames } = venueFixtures(import.meta.dirname);
const fresh = () => adapter.createParser(adapter.fallbackMarkets);

fuzzSuite({
  name: 'deribit',
  frames: allFixtureFrames(),
  parser: fresh,
  recvTs: 1_781_416_944_000,
  maxDepth: 6,
  text: 'replace',
  runs: { structural: 2000, text: 2000 },
  rest: {
    name: 'REST bodies survive mutation too',
    bodies: fixture('rest-ticker').map((l) => ({ request: l.request!, raw: l.raw })),
    parser: fresh,
    maxDepth: 6,
    numRuns: 1000,
  },
});
