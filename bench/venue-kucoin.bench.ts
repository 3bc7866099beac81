// KuCoin: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's
// kucoin-futures mappers (trades + instrument tickers); harness in venue-harness.ts.
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/kucoin/index.js';
import { fixtures, TEST_MARKETS } from '../src/exchanges/kucoin/testing.js';
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
    venue: 'kucoin',
    tardis: 'kucoin-futures',
    frames: repeat(['execution', 'instrument'].flatMap(normalising), 20_000),
    tardisFrames: repeat(['execution', 'instrument'].flatMap(normalising), 20_000),
    parser: () => adapter.createParser(TEST_MARKETS),
    mappers: (local) => [normalizeTrades('kucoin-futures', local), normalizeDerivativeTickers('kucoin-futures', local)],
    recvTs: RECV,
  });
}
