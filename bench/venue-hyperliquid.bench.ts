// Hyperliquid: normalise messages/s on the BTC fixture frames (trades, activeAssetCtx) vs JSON.parse
// alone and vs tardis-dev's hyperliquid mappers.
import fs from 'node:fs';
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/hyperliquid/index.js';
import { runVenueBench } from './venue-harness.js';

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
  runVenueBench({
    venue: 'hyperliquid',
    tardis: 'hyperliquid',
    frames: Array.from({ length: 200 }, () => data).flat(),
    recvTs: 1_781_416_944_000,
    parser: () => adapter.createParser(adapter.fallbackMarkets),
    mappers: (local) => [normalizeTrades('hyperliquid', local), normalizeDerivativeTickers('hyperliquid', local)],
  });
}
