// Binance USDⓈ-M: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { MarketSpec, VenueAdapter } from '../src/core/venue.js';
import { adapter } from '../src/exchanges/binance-usdm/index.js';
import { fixture } from '../src/exchanges/binance-usdm/test-support.js';
import { parseWsSafe } from '../src/feed/parse-safe.js';
import { runVenueBench } from './venue-harness.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'exchanges');

/** Fixture data frames (aggTrade, trade, forceOrder, markPrice) of the given markets, raw and wrapped. */
function dataFrames(a: VenueAdapter, markets: readonly MarketSpec[]): string[] {
  const frames = ['aggTrade', 'trade', 'forceOrder', 'markPrice'].flatMap((c) => fixture(path.join(root, a.id), c).map((f) => f.raw));
  // Only frames that normalise (the doc aggTrade with placeholder times would measure the drop path).
  const p = a.createParser(markets);
  return frames.filter((f) => parseWsSafe(p, f, 1).kind === 'events');
}

function repeat(frames: readonly string[], n: number): string[] {
  return Array.from({ length: Math.ceil(n / frames.length) }, () => frames).flat();
}

/** One bench row for a Binance futures venue (harness: venue-harness.ts, CPU time, best of rounds). */
export function benchBinance(a: VenueAdapter, tardisId: 'binance-futures' | 'binance-delivery', markets: readonly MarketSpec[]): void {
  const recvTs = 1_786_310_820_000;
  const data = dataFrames(a, markets);
  const mappers = (now: Date) => [normalizeTrades(tardisId, now), normalizeLiquidations(tardisId, now), normalizeDerivativeTickers(tardisId, now)];
  // tardis maps only wrapped @trade/@forceOrder/@markPrice frames: compare on exactly those.
  const probe = mappers(new Date(recvTs));
  const common = data.filter((f) => {
    const m: unknown = JSON.parse(f);
    return probe.some((x) => x.canHandle(m as object));
  });
  console.log(`${data.length} distinct frames; ${common.length} of them mapped by tardis`);
  runVenueBench({
    venue: a.id,
    tardis: tardisId,
    frames: repeat(data, 20_000),
    tardisFrames: repeat(common, 20_000),
    parser: () => a.createParser(markets),
    mappers,
    recvTs,
  });
}

export default function run(): void {
  benchBinance(adapter, 'binance-futures', adapter.fallbackMarkets);
}
