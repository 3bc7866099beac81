// Binance USDⓈ-M: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import type { MarketSpec, VenueAdapter } from '../src/core/venue.js';
import { adapter } from '../src/exchanges/binance-usdm/index.js';
import { fixture } from '../src/exchanges/binance-usdm/test-support.js';
import { parseWsSafe } from '../src/feed/parse-safe.js';
import { measure, report, type Timing } from './util.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'exchanges');

/** Fixture data frames (aggTrade, trade, forceOrder, markPrice) of the given markets, raw and wrapped. */
function dataFrames(a: VenueAdapter, markets: readonly MarketSpec[]): string[] {
  const frames = ['aggTrade', 'trade', 'forceOrder', 'markPrice'].flatMap((c) => fixture(path.join(root, a.id), c).map((f) => f.raw));
  // Only frames that normalise (the doc aggTrade with placeholder times would measure the drop path).
  const p = a.createParser(markets);
  return frames.filter((f) => parseWsSafe(p, f, 1).kind === 'events');
}

/** Alternate the measurements for a few rounds and keep each one's best: load on a shared machine then hits all alike. */
function interleaved(specs: readonly { label: string; ops: number; fn: () => void }[], rounds = 4): Timing[] {
  const best = specs.map((s) => measure(s.label, s.ops, s.fn, 150));
  for (let r = 1; r < rounds; r++) {
    specs.forEach((s, i) => {
      const t = measure(s.label, s.ops, s.fn, 150);
      if (t.opsPerSec > (best[i]?.opsPerSec ?? 0)) best[i] = t;
    });
  }
  return best;
}

function repeat(frames: readonly string[], n: number): string[] {
  return Array.from({ length: Math.ceil(n / frames.length) }, () => frames).flat();
}

/** One bench row for a Binance futures venue. */
export function benchBinance(a: VenueAdapter, tardisId: 'binance-futures' | 'binance-delivery', markets: readonly MarketSpec[]): void {
  const venue = a.id;
  const recvTs = 1_786_310_820_000;
  const now = new Date(recvTs);
  const data = dataFrames(a, markets);
  const batch = repeat(data, 20_000);
  let sink = 0;
  const parser = a.createParser(markets);
  // tardis maps only wrapped @trade/@forceOrder/@markPrice frames: compare on exactly those.
  const mappers = [normalizeTrades(tardisId, now), normalizeLiquidations(tardisId, now), normalizeDerivativeTickers(tardisId, now)];
  const common = data.filter((f) => {
    const m: unknown = JSON.parse(f);
    return mappers.some((x) => x.canHandle(m));
  });
  const commonBatch = repeat(common, 20_000);
  const [json, ours, tardis, oursCommon] = interleaved([
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
      ops: commonBatch.length,
      fn: () => {
        for (const f of commonBatch) {
          const m: unknown = JSON.parse(f);
          for (const mapper of mappers) if (mapper.canHandle(m)) for (const _ of mapper.map(m, now) ?? []) sink++;
        }
      },
    },
    {
      label: `liqmap ${venue} parser, same frames`,
      ops: commonBatch.length,
      fn: () => {
        for (const f of commonBatch) sink += parser.ws(f, recvTs).kind.length;
      },
    },
  ]);
  if (!json || !ours || !tardis || !oursCommon) throw new Error('measurement missing');
  console.log(`${data.length} distinct frames × ${batch.length / data.length}; ${common.length} of them mapped by tardis`);
  report(json);
  report(ours, json, '≥ 0.7×');
  report(tardis);
  report(oursCommon, tardis, '≥ 1.3× vs tardis');
  if (sink === -1) console.log('unreachable');
}

export default function run(): void {
  benchBinance(adapter, 'binance-futures', adapter.fallbackMarkets);
}
