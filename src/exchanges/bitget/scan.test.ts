// The scanner fast path (trade, ticker) gives the JSON.parse path's outcome on every frame.
import { Scan } from '../../core/scan.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { fixtures } from '../okx-swap/test-support.js';
import { describe, expect, it } from 'vitest';
import { fastMessage, templateMessage } from './fast.js';
import { FALLBACK_MARKETS } from './markets.js';
import { BitgetParser } from './parse.js';

const DIR = import.meta.dirname;
/** Fixtures, as live updates too, and re-pointed at BTCUSDT (as fuzz.test.ts does). */
const frames = fixtures(DIR).flatMap((f) => {
  const live = f.raw.replace('"action":"snapshot"', '"action":"update"');
  return [f.raw, live, live.replace(/"(DOGEUSD|STORJUSDT|BTCUSDZ24)"/g, '"BTCUSDT"')];
});

const hot = frames.filter((f) => f.startsWith('{"action":"') && f.includes('"BTCUSDT"'));

scanEquivalence({
  name: 'bitget',
  frames,
  hot,
  takesFastPath: (f) => fastMessage(new Scan(), f) !== undefined,
  fast: () => new BitgetParser(FALLBACK_MARKETS),
  full: () => new BitgetParser(FALLBACK_MARKETS, { scan: false }),
  keys: ['action', 'arg', 'data', 'event', 'channel', 'instId', 'ts', 'price', 'size', 'side', 'tradeId', 'markPrice', 'indexPrice', 'nextFundingTime', 'fundingRate', 'holdingAmount', 'code', 'msg'],
  words: ['BTCUSDT', 'ETHUSDT', 'trade', 'ticker', 'snapshot', 'update', 'buy', 'sell', '27000.5', '0.001', '0', '1695716760565', 'subscribe', 'error'],
});

describe('bitget templates', () => {
  it('read the hot fixture frames as Bitget writes them', () => {
    for (const f of hot) expect(templateMessage(f), f).toBeDefined();
  });
});
