// Where the model puts a cohort: each venue formula against hand-computed cases (DESIGN §3, venue docs).
import { describe, expect, it } from 'vitest';
import type { LiqFormula, VenueRules } from '../core/margin.js';
import { baseBar, testParams } from './bars.fixture.js';
import { createModel, snapshot, type ModelParams } from './index.js';

const rules = (formula: LiqFormula, tiers: VenueRules['tiers']): VenueRules => ({ formula, maxLeverage: 125, tiers, source: 'test' });
const flat = (mmr: number): VenueRules['tiers'] => [{ maxNotionalUsd: Infinity, mmr, maxLeverage: 125 }];

/** Liquidation prices (bucket centres) of a 1-BTC ΔOI entered at 50,000 with a single leverage tier. */
function placed(r: VenueRules, leverage: number, over: Partial<ModelParams> = {}): { long: number; short: number } {
  const m = createModel(testParams({ bucketUsd: 0.01, tiers: [{ leverage, weight: 1 }], ...over }), () => r);
  m.step(baseBar({ ts: 0, oiBtc: 100 }));
  m.step(baseBar({ ts: 60_000, oiBtc: 101 }));
  const e = snapshot(m, {}).entries;
  const at = (side: string): number => {
    const x = e.find((y) => y.side === side)!;
    return (x.priceLo + x.priceHi) / 2;
  };
  return { long: at('long'), short: at('short') };
}

describe('liquidation prices by venue formula', () => {
  it('Binance USDⓈ-M: E(1 − 1/L)/(1 − m), E(1 + 1/L)/(1 + m)', () => {
    // 50,000 × 0.9 / 0.996 = 45,180.72; 50,000 × 1.1 / 1.004 = 54,780.88 (10x, tier 1 m 0.4%).
    const p = placed(rules('binance', flat(0.004)), 10);
    expect(p.long).toBeCloseTo(45_180.72, 1);
    expect(p.short).toBeCloseTo(54_780.88, 1);
  });

  it('Bybit/OKX-style linear: E(1 − 1/L + m), E(1 + 1/L − m)', () => {
    // 50,000 × (1 − 0.1 + 0.005) = 45,250; 50,000 × (1 + 0.1 − 0.005) = 54,750.
    const p = placed(rules('entry-mm', flat(0.005)), 10);
    expect(p.long).toBeCloseTo(45_250, 1);
    expect(p.short).toBeCloseTo(54_750, 1);
  });

  it('inverse (coin-margined): E/(1 + 1/L − m), E/(1 − 1/L + m)', () => {
    // 50,000 / 1.095 = 45,662.10; 50,000 / 0.905 = 55,248.62.
    const p = placed(rules('inverse', flat(0.005)), 10);
    expect(p.long).toBeCloseTo(45_662.1, 1);
    expect(p.short).toBeCloseTo(55_248.62, 1);
  });

  it('Hyperliquid doc formula at 40x (m = 1/80) equals the maintenance-at-liquidation closed form', () => {
    // liq = E − (E/L − mE)/(1 − m) = E(1 − 1/L)/(1 − m) = 50,000 × 0.975 / 0.9875 = 49,367.09.
    const p = placed(rules('binance', flat(1 / 80)), 40);
    expect(p.long).toBeCloseTo(49_367.09, 1);
  });

  it('the maintenance tier follows the position size and caps the leverage', () => {
    const tiers = [
      { maxNotionalUsd: 50_000, mmr: 0.004, maxLeverage: 125 },
      { maxNotionalUsd: 250_000, mmr: 0.005, maxLeverage: 100 },
    ];
    // A 100,000 USD position is in tier 2: m 0.5% → 50,000 × 0.9 / 0.995 = 45,226.13.
    expect(placed(rules('binance', tiers), 10, { positionUsd: 100_000 }).long).toBeCloseTo(45_226.13, 1);
    // 125x is above tier 2's 100x: no cohort at all.
    const m = createModel(testParams({ tiers: [{ leverage: 125, weight: 1 }], positionUsd: 100_000 }), () => rules('binance', tiers));
    m.step(baseBar({ ts: 0, oiBtc: 100 }));
    m.step(baseBar({ ts: 60_000, oiBtc: 101 }));
    expect(m.stats().cohorts).toBe(0);
  });
});
