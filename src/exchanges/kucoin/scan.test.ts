// The template path (template.ts) gives the JSON.parse path's outcome on every frame, through the
// parser's state (last mark, last funding rate).
import { describe, expect, it } from 'vitest';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { createKucoinParser } from './parse.js';
import { templateMessage } from './template.js';
import { fixtures, TEST_MARKETS, WS_CHANNELS } from './testing.js';

const ws = WS_CHANNELS.flatMap((c) => fixtures(c).map((f) => f.raw));
/** A current trade with the 2023 docs' `time` for `ts` (read only when `ts` is absent), and with both. */
const current = ws.find((f) => f.startsWith('{"topic":"/contractMarket/execution:XBTUSDTM"')) ?? '';
const frames = [...ws, current.replace('"ts":', '"time":'), current.replace('"ts":', '"time":1706068863102000000,"ts":')];

scanEquivalence({
  name: 'kucoin templates',
  frames,
  // Compact pushes written topic first (the tardis captures; the 2021 one puts data first).
  hot: ws.filter((f) => f.startsWith('{"topic"')),
  takesFastPath: (f) => templateMessage(f) !== undefined,
  fast: () => createKucoinParser(TEST_MARKETS),
  full: () => createKucoinParser(TEST_MARKETS, { scan: false }),
  keys: ['type', 'topic', 'subject', 'data', 'code', 'symbol', 'side', 'size', 'price', 'tradeId', 'ts', 'time', 'makerUserId', 'markPrice', 'indexPrice', 'granularity', 'fundingRate', 'timestamp'],
  words: ['message', 'match', 'mark.index.price', 'funding.rate', '/contractMarket/execution:XBTUSDTM', '/contract/instrument:XBTUSDTM', 'XBTUSDTM', 'SOLUSDTM', 'buy', 'sell', '39615', '1706068863101000000', '1706068800000', 'error', 'welcome'],
  recvTs: 1_700_000_000_000,
});

describe('kucoin templates', () => {
  it('read hot frames with extra keys (through the head and data templates)', () => {
    const hot = ws.filter((f) => f.startsWith('{"topic"'));
    for (const f of hot) {
      expect(templateMessage(`${f.slice(0, -2)},"x":[1,"a"]}}`), f).toBeDefined();
      expect(templateMessage(f.replace('"type":"message",', '"id":{"a":1},"type":"message",')), f).toBeDefined();
    }
  });
});
