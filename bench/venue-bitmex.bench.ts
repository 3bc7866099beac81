// BitMEX: normalise messages/s on the fixture frames vs JSON.parse alone and vs tardis-dev's mappers.
import fs from 'node:fs';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { adapter } from '../src/exchanges/bitmex/index.js';
import { measure, report } from './util.js';

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
  const batch = Array.from({ length: 200 }, () => data).flat();
  const parser = adapter.createParser(adapter.fallbackMarkets);
  let sink = 0;
  const json = measure('JSON.parse', batch.length, () => {
    for (const f of batch) sink += (JSON.parse(f) as unknown) ? 1 : 0;
  });
  const ours = measure('liqmap bitmex parser', batch.length, () => {
    for (const f of batch) sink += parser.ws(f, 1_781_416_944_000).kind.length;
  });
  const now = new Date(1_781_416_944_000);
  const mappers = [normalizeTrades('bitmex', now), normalizeLiquidations('bitmex', now), normalizeDerivativeTickers('bitmex', now)];
  const tardis = measure('JSON.parse + tardis-dev mappers', batch.length, () => {
    for (const f of batch) {
      const m: unknown = JSON.parse(f);
      for (const mapper of mappers) if (mapper.canHandle(m)) for (const _ of mapper.map(m, now) ?? []) sink++;
    }
  });
  report(json);
  report(tardis);
  report(ours, json, '≥ 0.7×');
  report(ours, tardis, '≥ 1.3× vs tardis');
  if (sink === -1) console.log('unreachable');
}
