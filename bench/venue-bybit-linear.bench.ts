// Bybit v5 linear: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { VenueAdapter } from '../src/core/venue.js';
import { adapter } from '../src/exchanges/bybit-linear/index.js';
import { fixtureFrames } from '../src/exchanges/bybit-linear/v5/fixture-lines.js';
import { measure, report, type Timing } from './util.js';

/** Best of several interleaved rounds, so load from other processes hits every contender alike. */
function interleaved(rounds: number, runs: readonly { label: string; ops: number; fn: () => void }[]): Timing[] {
  const best = runs.map((r) => measure(r.label, r.ops, r.fn, 100));
  for (let i = 1; i < rounds; i++) {
    runs.forEach((r, j) => {
      const t = measure(r.label, r.ops, r.fn, 100);
      if (t.opsPerSec > (best[j]?.opsPerSec ?? 0)) best[j] = t;
    });
  }
  return best;
}

/** One bench row for a Bybit v5 venue on its BTC frames (publicTrade, allLiquidation, tickers). */
export function benchBybit(a: VenueAdapter, venue: 'bybit-linear' | 'bybit-inverse', symbol: string, extra: readonly string[] = []): void {
  const data = [...['publicTrade', 'allLiquidation', 'tickers'].flatMap((c) => (c === 'allLiquidation' && venue === 'bybit-inverse' ? [] : fixtureFrames(venue, c))), ...extra].filter((f) =>
    f.includes(`.${symbol}"`),
  );
  const batch = Array.from({ length: Math.ceil(20_000 / data.length) }, () => data).flat();
  const recvTs = 1_786_310_820_000;
  const parser = a.createParser(a.fallbackMarkets);
  let sink = 0;
  const now = new Date(recvTs);
  const mappers = [normalizeTrades('bybit', now), normalizeLiquidations('bybit', now), normalizeDerivativeTickers('bybit', now)];
  const [json, ours, tardis] = interleaved(6, [
    {
      label: 'JSON.parse',
      ops: batch.length,
      fn: () => {
        for (const f of batch) sink += (JSON.parse(f) as unknown) ? 1 : 0;
      },
    },
    {
      label: `liqmap ${venue} parser`,
      ops: batch.length,
      fn: () => {
        for (const f of batch) sink += parser.ws(f, recvTs).kind.length;
      },
    },
    {
      label: 'JSON.parse + tardis-dev mappers',
      ops: batch.length,
      fn: () => {
        for (const f of batch) {
          const m: unknown = JSON.parse(f);
          for (const mapper of mappers) if (mapper.canHandle(m)) for (const _ of mapper.map(m, now) ?? []) sink++;
        }
      },
    },
  ]);
  if (!json || !ours || !tardis) throw new Error('bench rounds missing');
  console.log(`${data.length} distinct ${symbol} frames × ${batch.length / data.length}`);
  report(json);
  report(ours, json, '≥ 0.7×');
  report(ours, tardis, '≥ 1.3× vs tardis');
  if (sink === -1) console.log('unreachable');
}

export default function run(): void {
  // A BTCUSDT liquidation batch in the documented shape joins the real frames (the capture has none).
  benchBybit(adapter, 'bybit-linear', 'BTCUSDT', [
    '{"topic":"allLiquidation.BTCUSDT","type":"snapshot","ts":1786310820500,"data":[{"T":1786310820101,"s":"BTCUSDT","S":"Buy","v":"0.25","p":"64000.0"},{"T":1786310820307,"s":"BTCUSDT","S":"Sell","v":"1.5","p":"66000.0"}]}',
  ]);
}
