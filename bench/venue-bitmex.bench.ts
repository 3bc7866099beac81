// BitMEX: normalise messages/s on the fixture frames (trade inserts, liquidation rows, the XBTUSD
// instrument partial and updates) vs JSON.parse alone and vs tardis-dev's bitmex mappers.
import fs from 'node:fs';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/bitmex/index.js';
import { runVenueBench } from './venue-harness.js';

function frames(channel: string): string[] {
  const url = new URL(`../src/exchanges/bitmex/fixtures/${channel}.jsonl`, import.meta.url);
  return fs
    .readFileSync(url, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => (JSON.parse(l) as { raw: string }).raw);
}

export default function run(): void {
  // The data frames of the channels we subscribe: trade inserts, liquidation rows, XBTUSD instrument.
  const data = [...frames('trade').slice(1), ...frames('liquidation'), ...frames('instrument').slice(0, 3)];
  runVenueBench({
    venue: 'bitmex',
    tardis: 'bitmex',
    frames: Array.from({ length: 200 }, () => data).flat(),
    recvTs: 1_781_416_944_000,
    parser: () => adapter.createParser(adapter.fallbackMarkets),
    mappers: (local) => [normalizeTrades('bitmex', local), normalizeLiquidations('bitmex', local), normalizeDerivativeTickers('bitmex', local)],
  });
}
