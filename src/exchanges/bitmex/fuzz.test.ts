// Fuzz: mutated real frames never make the parser throw past parseWsSafe; drops carry a reason and
// whatever is emitted satisfies the event schema (../testing/fuzz-suite.ts).
import type { VenueParser } from '../../core/venue.js';
import { venueFixtures } from '../testing/fixtures.js';
import { fuzzSuite } from '../testing/fuzz-suite.js';
import { adapter } from './index.js';

const RECV = 1_781_416_944_000;
const { fixture, allFixtureFrames } = venueFixtures(import.meta.dirname);

/** A parser that has seen the instrument partial and a liquidation insert, so deltas hit state. */
function primed(): VenueParser {
  const p = adapter.createParser(adapter.fallbackMarkets);
  p.ws(fixture('instrument')[0]!.raw, RECV);
  p.ws(fixture('liquidation')[1]!.raw, RECV);
  return p;
}

fuzzSuite({
  name: 'bitmex',
  frames: allFixtureFrames(),
  parser: primed,
  recvTs: RECV,
  maxDepth: 6,
  text: 'replace',
  runs: { structural: 2000, text: 2000 },
  rest: {
    name: 'REST bodies survive mutation too',
    bodies: fixture('rest-instrument').map((l) => ({ request: l.request!, raw: l.raw })),
    parser: () => adapter.createParser(adapter.fallbackMarkets),
    maxDepth: 6,
    numRuns: 1000,
  },
});
