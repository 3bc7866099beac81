// Gate: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's
// gate-io-futures mappers (trades + tickers, the channels tardis maps).
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/gate/index.js';
import { fixtures, TEST_MARKETS } from '../src/exchanges/gate/testing.js';
import { parseWsSafe } from '../src/feed/parse-safe.js';
import { measure, report } from './util.js';

const RECV = 1_786_327_040_000;

function repeat(frames: readonly string[], n: number): string[] {
  return Array.from({ length: Math.ceil(n / frames.length) }, () => frames).flat();
}

export default function run(): void {
  const probe = adapter.createParser(TEST_MARKETS);
  const normalising = (c: string): string[] => fixtures(c).map((f) => f.raw).filter((f) => parseWsSafe(probe, f, RECV).kind === 'events');
  const data = ['trades', 'tickers', 'public_liquidates', 'contract_stats'].flatMap(normalising);
  const batch = repeat(data, 20_000);
  const parser = adapter.createParser(TEST_MARKETS);
  let sink = 0;
  const json = measure('JSON.parse', batch.length, () => {
    for (const f of batch) sink += (JSON.parse(f) as unknown) ? 1 : 0;
  });
  const ours = measure('liqmap gate parser', batch.length, () => {
    for (const f of batch) sink += parser.ws(f, RECV).kind.length;
  });
  const now = new Date(RECV);
  const trades = normalizeTrades('gate-io-futures', now);
  const tickers = normalizeDerivativeTickers('gate-io-futures', now);
  const common = repeat([...normalising('trades'), ...normalising('tickers')], 20_000);
  const oursCommon = measure('liqmap gate parser (trades+tickers)', common.length, () => {
    for (const f of common) sink += parser.ws(f, RECV).kind.length;
  });
  const tardis = measure('JSON.parse + tardis-dev mappers', common.length, () => {
    for (const f of common) {
      const m: unknown = JSON.parse(f);
      const mapper = trades.canHandle(m) ? trades : tickers;
      for (const _ of mapper.map(m, now) ?? []) sink++;
    }
  });
  report(json);
  report(ours, json, '≥ 0.7×');
  report(oursCommon, tardis, '≥ 1.3× vs tardis');
  if (sink === -1) console.log('unreachable');
}
