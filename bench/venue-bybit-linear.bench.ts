// Bybit v5 linear: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { VenueAdapter } from '../src/core/venue.js';
import { adapter } from '../src/exchanges/bybit-linear/index.js';
import { fixtureFrames } from '../src/exchanges/bybit-linear/v5/fixture-lines.js';
import { runVenueBench } from './venue-harness.js';

/** One bench row for a Bybit v5 venue on its BTC frames (publicTrade, allLiquidation, tickers); harness: venue-harness.ts. */
export function benchBybit(a: VenueAdapter, venue: 'bybit-linear' | 'bybit-inverse', symbol: string, extra: readonly string[] = []): void {
  const data = [...['publicTrade', 'allLiquidation', 'tickers'].flatMap((c) => (c === 'allLiquidation' && venue === 'bybit-inverse' ? [] : fixtureFrames(venue, c))), ...extra].filter((f) =>
    f.includes(`.${symbol}"`),
  );
  console.log(`${data.length} distinct ${symbol} frames`);
  runVenueBench({
    venue,
    tardis: 'bybit',
    // tardis maps every one of these frames: one list for both comparisons.
    frames: Array.from({ length: Math.ceil(20_000 / data.length) }, () => data).flat(),
    parser: () => a.createParser(a.fallbackMarkets),
    mappers: (now) => [normalizeTrades('bybit', now), normalizeLiquidations('bybit', now), normalizeDerivativeTickers('bybit', now)],
    recvTs: 1_786_310_820_000,
  });
}

export default function run(): void {
  // A BTCUSDT liquidation batch in the documented shape joins the real frames (the capture has none).
  benchBybit(adapter, 'bybit-linear', 'BTCUSDT', [
    '{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1786310820500,"data":[{"T":1786310820101,"s":"BTCUSDT","S":"Buy","v":"0.25","p":"64000.0"},{"T":1786310820307,"s":"BTCUSDT","S":"Sell","v":"1.5","p":"66000.0"}]}',
  ]);
}
