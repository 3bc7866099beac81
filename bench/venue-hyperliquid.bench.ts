// Hyperliquid: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import fs from 'node:fs';
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/hyperliquid/index.js';
import { measure, report } from './util.js';

function frames(channel: string): string[] {
  const url = new URL(`../src/exchanges/hyperliquid/fixtures/${channel}.jsonl`, import.meta.url);
  return fs
    .readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.includes('\\"coin\\":\\"BTC\\"'))
    .map((l) => (JSON.parse(l) as { raw: string }).raw);
}

export default function run(): void {
  const data = [...frames('trades'), ...frames('activeAssetCtx')];
  const batch = Array.from({ length: 200 }, () => data).flat();
  const parser = adapter.createParser(adapter.fallbackMarkets);
  let sink = 0;
  const json = measure('JSON.parse', batch.length, () => {
    for (const f of batch) sink += (JSON.parse(f) as unknown) ? 1 : 0;
  });
  const ours = measure('liqmap hyperliquid parser', batch.length, () => {
    for (const f of batch) sink += parser.ws(f, 1_781_416_944_000).kind.length;
  });
  const now = new Date(1_781_416_944_000);
  const trades = normalizeTrades('hyperliquid', now);
  const tickers = normalizeDerivativeTickers('hyperliquid', now);
  Array.from(trades.map({ channel: 'trades', data: [{ coin: 'BTC' }] }, now) ?? []);
  const tardis = measure('JSON.parse + tardis-dev mappers', batch.length, () => {
    for (const f of batch) {
      const m: unknown = JSON.parse(f);
      const mapper = trades.canHandle(m) ? trades : tickers;
      for (const _ of mapper.map(m, now) ?? []) sink++;
    }
  });
  report(json);
  report(tardis);
  report(ours, json, '≥ 0.7×');
  report(ours, tardis, '≥ 1.3× vs tardis');
  if (sink === -1) console.log('unreachable');
}
