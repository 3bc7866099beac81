// Gate: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's
// gate-io-futures mappers (trades + tickers, the channels tardis maps); harness in venue-harness.ts.
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/gate/index.js';
import { fixtures, TEST_MARKETS } from '../src/exchanges/gate/testing.js';
import { parseWsSafe } from '../src/feed/parse-safe.js';
import { runVenueBench } from './venue-harness.js';

const RECV = 1_786_327_040_000;

function repeat(frames: readonly string[], n: number): string[] {
  return Array.from({ length: Math.ceil(n / frames.length) }, () => frames).flat();
}

export default function run(): void {
  const probe = adapter.createParser(TEST_MARKETS);
  const normalising = (c: string): string[] => fixtures(c).map((f) => f.raw).filter((f) => parseWsSafe(probe, f, RECV).kind === 'events');
  runVenueBench({
    venue: 'gate',
    tardis: 'gate-io-futures',
    frames: repeat(['trades', 'tickers', 'public_liquidates', 'contract_stats'].flatMap(normalising), 20_000),
    tardisFrames: repeat(['trades', 'tickers'].flatMap(normalising), 20_000),
    parser: () => adapter.createParser(TEST_MARKETS),
    mappers: (local) => [normalizeTrades('gate-io-futures', local), normalizeDerivativeTickers('gate-io-futures', local)],
    recvTs: RECV,
  });
}
