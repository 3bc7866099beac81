// bitget: normalise messages/s on fixture-derived frames (trade updates, tickers) vs JSON.parse
// alone and vs tardis-dev's bitget-futures mappers, best of interleaved rounds.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeDerivativeTickers, normalizeTrades } from 'tardis-dev';
import { FALLBACK_MARKETS } from '../src/exchanges/bitget/markets.js';
import { BitgetParser } from '../src/exchanges/bitget/parse.js';
import { report } from './util.js';
import { bestCpu } from './venue-okx-swap.bench.js';

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
  const list = frames();
  const R = Date.now();
  const local = new Date(R);
  let sink = 0;
  const t = bestCpu(6, {
    json: {
      ops: list.length,
      fn: () => {
        for (const f of list) sink += (JSON.parse(f) as object) ? 1 : 0;
      },
    },
    ours: {
      ops: list.length,
      fn: () => {
        const p = new BitgetParser(FALLBACK_MARKETS);
        for (const f of list) sink += p.ws(f, R).kind === 'events' ? 1 : 0;
      },
    },
    tardis: {
      ops: list.length,
      fn: () => {
        const mappers = [normalizeTrades('bitget-futures', local), normalizeDerivativeTickers('bitget-futures', local)];
        for (const f of list) {
          const msg = JSON.parse(f) as object;
          for (const m of mappers) if (m.canHandle(msg)) for (const _ of m.map(msg, local) ?? []) sink++;
        }
      },
    },
  });
  const [json, ours, tardis] = [t.json, t.ours, t.tardis];
  if (!json || !ours || !tardis) throw new Error('bench: missing timing');
  report({ ...json, label: 'JSON.parse alone' });
  report({ ...ours, label: 'bitget parser (JSON.parse included)' }, { ...json, label: 'JSON.parse alone' }, '≥ 0.7×');
  report({ ...tardis, label: 'tardis-dev bitget-futures mappers' });
  report({ ...ours, label: 'bitget parser' }, { ...tardis, label: 'tardis-dev mappers' }, '≥ 1.3×');
  if (sink < 0) console.log(sink);
}
