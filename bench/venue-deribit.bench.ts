// Deribit: normalise messages/s on the BTC-PERPETUAL fixture frames (trades, ticker) vs JSON.parse
// alone and vs tardis-dev's deribit mappers.
import fs from 'node:fs';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/deribit/index.js';
import { runVenueBench } from './venue-harness.js';

function frames(channel: string): string[] {
  const url = new URL(`../src/exchanges/deribit/fixtures/${channel}.jsonl`, import.meta.url);
  return fs
    .readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.includes('BTC-PERPETUAL'))
    .map((l) => (JSON.parse(l) as { raw: string }).raw);
}

export default function run(): void {
  const data = [...frames('trades'), ...frames('ticker')];
  runVenueBench({
    venue: 'deribit',
    tardis: 'deribit',
    frames: Array.from({ length: 200 }, () => data).flat(),
    recvTs: 1_781_416_944_000,
    parser: () => adapter.createParser(adapter.fallbackMarkets),
    mappers: (local) => [normalizeTrades('deribit', local), normalizeLiquidations('deribit', local), normalizeDerivativeTickers('deribit', local)],
  });
}
