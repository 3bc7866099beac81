// The scanner fast path (trades, activeAssetCtx) gives the JSON.parse path's outcome on every frame.
import { Scan } from '../../core/scan.js';
import { scanEquivalence } from '../testing/scan-equivalence.js';
import { venueFixtures } from '../testing/fixtures.js';
import { FALLBACK_MARKETS } from './markets.js';
import { describe, expect, it } from 'vitest';
import { fastFrame, templateFrame } from './fast.js';
import { createHyperliquidParser, HLP_LIQUIDATOR } from './parse.js';

const { fixture, allFixtureFrames } = venueFixtures(import.meta.dirname);
const frames = allFixtureFrames().filter((f) => !f.startsWith('[')); // REST bodies are not frames
const liquidation = fixture('trades')[0]!.raw.replace('0xe9bee85af94c8234270523992447e631d27d2146', HLP_LIQUIDATOR.toUpperCase().replace('0X', '0x'));

const hot = [...fixture('trades'), ...fixture('activeAssetCtx')].map((l) => l.raw).filter((f) => f.includes('"coin":"BTC"')).concat(liquidation);

scanEquivalence({
  name: 'hyperliquid',
  frames: [...frames, liquidation],
  hot,
  takesFastPath: (f) => fastFrame(new Scan(), new Set(['BTC']), f, 1_781_416_944_000) !== undefined,
  fast: () => createHyperliquidParser(FALLBACK_MARKETS),
  full: () => createHyperliquidParser(FALLBACK_MARKETS, { scan: false }),
  keys: ['channel', 'data', 'coin', 'side', 'px', 'sz', 'time', 'tid', 'users', 'ctx', 'markPx', 'openInterest', 'oraclePx', 'funding'],
  words: ['BTC', 'ETH', 'B', 'A', 'trades', 'activeAssetCtx', '64411.0', '0.005', '1781416943647', HLP_LIQUIDATOR],
});

describe('hyperliquid templates', () => {
  it('read every hot fixture frame as Hyperliquid writes it', () => {
    for (const f of hot) expect(templateFrame(new Set(['BTC']), f, 1_781_416_944_000), f).toBeDefined();
  });
});
