import { describe, expect, it } from 'vitest';
import type { LiquidationEvent } from '../core/events.js';
import type { Cluster, PredictedLiquidation } from '../model/index.js';
import { AlertEngine, type AlertTick } from './engine.js';
import { AlertRuleInputSchema, parseRule, type AlertRule } from './rule.js';

const MIN = 60_000;
const T0 = 1_767_571_200_000;

function rule(id: string, body: unknown): AlertRule {
  return { id, createdTs: 0, spec: AlertRuleInputSchema.parse(body) };
}

function tick(i: number, price: number, over: Partial<AlertTick> = {}): AlertTick {
  return { ts: T0 + i * MIN, price, high: price, low: price, clusters: () => [], predicted: [], realised: [], closedBar: true, ...over };
}

const cluster = (lo: number, usd: number, side: 'long' | 'short'): Cluster => ({ priceLo: lo, priceHi: lo + 100, usd, side, distance: 0, byVenue: { 'binance-usdm': usd }, byLeverage: { '50x': usd } });
const pred = (usd: number, side: 'long' | 'short', price: number, leverage = 50): PredictedLiquidation => ({ ts: 0, venue: 'binance-usdm', market: 'BTCUSDT', side, leverage, price, notionalUsd: usd });
const liq = (i: number, usd: number, side: 'long' | 'short'): LiquidationEvent => ({ kind: 'liquidation', venue: 'bybit-linear', market: 'BTCUSDT', ts: T0 + i * MIN + 1, recvTs: T0 + i * MIN + 2, price: 90_000, qty: usd / 90_000, notionalUsd: usd, side });

describe('alert rules', () => {
  it('validates rules with errors naming the field', () => {
    expect(parseRule({ kind: 'approach', minUsd: 1e6 })).toMatchObject({ ok: false, field: 'distancePct' });
    expect(parseRule({ kind: 'teleport', minUsd: 1 })).toMatchObject({ ok: false, field: 'kind' });
    expect(parseRule({ kind: 'sweep', minUsd: -5 })).toMatchObject({ ok: false, field: 'minUsd' });
    expect(parseRule({ kind: 'sweep', minUsd: 5, venues: ['mtgox'] })).toMatchObject({ ok: false, field: 'venues.0' });
    expect(parseRule({ kind: 'approach', minUsd: 1e6, distancePct: 1, webhook: { url: 'ftp://x' } })).toMatchObject({ ok: false, field: 'webhook.url' });
    expect(parseRule({ kind: 'approach', side: 'both', distancePct: 1, minUsd: 1e6, webhook: { url: 'https://example.com/hook' } })).toMatchObject({ ok: true });
  });

  it('approach: fires within the distance and above the size, not on near-misses; cooldown holds', () => {
    const e = new AlertEngine();
    const r = [rule('a', { kind: 'approach', distancePct: 1, minUsd: 5e6, cooldownMin: 30 })];
    const cl = () => [cluster(91_000, 6e6, 'short'), cluster(89_500, 4e6, 'long')];
    expect(e.evaluate(r, tick(0, 89_000, { clusters: cl }))).toHaveLength(0); // 91,050 is +2.3% away; the long one is too small
    const fired = e.evaluate(r, tick(1, 90_300, { clusters: cl }));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toMatchObject({ kind: 'approach', side: 'short', usd: 6e6 });
    expect(e.evaluate(r, tick(2, 90_400, { clusters: cl }))).toHaveLength(0); // cooldown
    expect(e.evaluate(r, tick(32, 90_400, { clusters: cl }))).toHaveLength(1); // after 30 min
  });

  it('sweep: predicted liquidations over the window reach minUsd, with realised ones attached', () => {
    const e = new AlertEngine();
    const r = [rule('s', { kind: 'sweep', minUsd: 10e6, windowMin: 5, side: 'long' })];
    expect(e.evaluate(r, tick(0, 90_000, { predicted: [pred(6e6, 'long', 89_900)] }))).toHaveLength(0);
    expect(e.evaluate(r, tick(1, 89_800, { predicted: [pred(3e6, 'short', 90_500)] }))).toHaveLength(0); // wrong side
    const f = e.evaluate(r, tick(2, 89_500, { predicted: [pred(5e6, 'long', 89_600)], realised: [liq(2, 2e6, 'long')] }));
    expect(f).toHaveLength(1);
    expect(f[0]?.detail).toMatchObject({ predictedUsd: 11e6, realisedUsd: 2e6 });
    // Out of the window: the old 6M no longer counts.
    expect(e.evaluate(r, tick(40, 89_000, { predicted: [pred(5e6, 'long', 88_900)] }))).toHaveLength(0);
  });

  it('sweep-reverse: fires when price moves back reversePct within T, not when it keeps going', () => {
    const e = new AlertEngine();
    const r = [rule('r', { kind: 'sweep-reverse', minUsd: 5e6, windowMin: 5, reversePct: 1, withinMin: 30 })];
    expect(e.evaluate(r, tick(0, 90_000, { low: 89_000, predicted: [pred(8e6, 'long', 89_200)] }))).toHaveLength(0);
    expect(e.evaluate(r, tick(1, 89_200, { low: 88_800, high: 89_300 }))).toHaveLength(0); // still falling: 0.56% off the low
    const f = e.evaluate(r, tick(5, 89_800, { low: 89_300, high: 89_750 }));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ kind: 'sweep-reverse', side: 'long' });
    expect((f[0]?.detail as { extreme: number }).extreme).toBe(88_800);
    // A sweep without a reversal inside withinMin expires silently.
    const e2 = new AlertEngine();
    e2.evaluate(r, tick(0, 90_000, { low: 89_000, predicted: [pred(8e6, 'long', 89_200)] }));
    expect(e2.evaluate(r, tick(45, 91_000, { low: 90_500, high: 91_000 }))).toHaveLength(0);
  });

  it('large-liquidation: single orders and window sums; venue filter and cooldown', () => {
    const e = new AlertEngine();
    const single = [rule('l', { kind: 'large-liquidation', minUsd: 1e6, venues: ['bybit-linear'], cooldownMin: 0 })];
    expect(e.evaluate(single, tick(0, 90_000, { realised: [liq(0, 0.9e6, 'long')] }))).toHaveLength(0);
    expect(e.evaluate(single, tick(1, 90_000, { realised: [liq(1, 1.2e6, 'short'), { ...liq(1, 3e6, 'long'), venue: 'okx-swap' }] }))).toHaveLength(1);
    const e2 = new AlertEngine();
    const windowed = [rule('w', { kind: 'large-liquidation', minUsd: 2e6, windowMin: 3, cooldownMin: 10 })];
    expect(e2.evaluate(windowed, tick(0, 90_000, { realised: [liq(0, 1e6, 'long')] }))).toHaveLength(0);
    expect(e2.evaluate(windowed, tick(1, 90_000, { realised: [liq(1, 1.5e6, 'long')] }))).toHaveLength(1);
    expect(e2.evaluate(windowed, tick(2, 90_000, { realised: [liq(2, 5e6, 'long')] }))).toHaveLength(0); // cooldown
  });

  it('disabled rules never fire', () => {
    const e = new AlertEngine();
    const r = [rule('d', { kind: 'large-liquidation', minUsd: 1, enabled: false })];
    expect(e.evaluate(r, tick(0, 90_000, { realised: [liq(0, 5e6, 'long')] }))).toHaveLength(0);
  });
});
