// bitget: normalise messages/s on fixture-derived frames (trade updates, tickers) vs JSON.parse
// alone and vs tardis-dev's bitget-futures mappers, best of interleaved rounds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { FALLBACK_MARKETS } from '../src/exchanges/bitget/markets.js';
import { BitgetParser } from '../src/exchanges/bitget/parse.js';
import { runVenueBench } from './venue-harness.js';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/exchanges/bitget/fixtures');
const first = (channel: string, i = 0): string => {
  const line = fs.readFileSync(path.join(FIX, `${channel}.jsonl`), 'utf8').split('\n')[i] ?? '';
  return (JSON.parse(line) as { raw: string }).raw;
};

/** 4,000 frames: the doc trade push as live updates and the doc ticker, times and ids varied. */
function frames(): string[] {
  const trade = first('trade', 0).replace('"action":"snapshot"', '"action":"update"');
  const ticker = first('ticker', 0);
  const out: string[] = [];
  for (let i = 0; i < 2000; i++) {
    out.push(trade.replaceAll('"tradeId":"1111111111"', `"tradeId":"${1111111111 + i}"`).replace('"ts":"1695716760565"', `"ts":"${1695716760565 + i}"`));
    out.push(ticker.replace('"ts":"1695715383021"', `"ts":"${1695715383021 + i}"`).replace('"holdingAmount":"929.502"', `"holdingAmount":"${929.502 + i}"`));
  }
  return out;
}

export default function run(): void {
  runVenueBench({
    venue: 'bitget',
    tardis: 'bitget-futures',
    frames: frames(),
    parser: () => new BitgetParser(FALLBACK_MARKETS),
    mappers: (local) => [normalizeTrades('bitget-futures', local), normalizeDerivativeTickers('bitget-futures', local)],
  });
}
