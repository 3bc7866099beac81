// okx-swap: normalise messages/s on fixture-derived frames (trades, liquidation-orders,
// open-interest, mark-price) vs JSON.parse alone and vs tardis-dev's okex-swap mappers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeLiquidations, normalizeTrades } from 'tardis-dev';
import { FALLBACK_MARKETS } from '../src/exchanges/okx-swap/markets.js';
import { OkxParser } from '../src/exchanges/okx-swap/parse.js';
import { runVenueBench } from './venue-harness.js';

const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/exchanges/okx-swap/fixtures');
const first = (channel: string, i = 0): string => {
  const line = fs.readFileSync(path.join(FIX, `${channel}.jsonl`), 'utf8').split('\n')[i] ?? '';
  return (JSON.parse(line) as { raw: string }).raw;
};

/** 4,000 frames: real frames re-pointed at the BTC swaps, ids and times varied so nothing dedupes. */
function frames(): string[] {
  const trade = first('trades', 1);
  const liq = first('liquidation-orders', 0).replaceAll('XRP-USD-230929', 'BTC-USD-SWAP').replace('"bkPx":"0.55205"', '"bkPx":"27000.5"');
  const oi = first('open-interest', 1).replaceAll('WNCG-USDT-SWAP', 'BTC-USD-SWAP');
  const mark = first('mark-price', 2).replaceAll('WNCG-USDT-SWAP', 'BTC-USDT-SWAP');
  const out: string[] = [];
  for (let i = 0; i < 1000; i++) {
    out.push(trade.replace('"tradeId":"148266905"', `"tradeId":"${148266905 + i}"`).replace('"ts":"1640131236050"', `"ts":"${1640131236050 + i}"`));
    out.push(liq.replace('"ts":"1680173247614"', `"ts":"${1680173247614 + i}"`));
    out.push(oi.replace('"ts":"1640131258756"', `"ts":"${1640131258756 + i}"`));
    out.push(mark.replace('"ts":"1640131259180"', `"ts":"${1640131259180 + i}"`));
  }
  return out;
}

export default function run(): void {
  runVenueBench({
    venue: 'okx-swap',
    tardis: 'okex-swap',
    frames: frames(),
    parser: () => new OkxParser(FALLBACK_MARKETS),
    mappers: (local) => [normalizeTrades('okex-swap', local), normalizeLiquidations('okex-swap', local), normalizeDerivativeTickers('okex-swap', local)],
  });
}
