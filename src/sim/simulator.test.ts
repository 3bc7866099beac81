import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { MarketEventSchema, type MarketEvent } from '../core/events.js';
import { liquidationPrice, tierFor } from '../core/margin.js';
import { rulesFor } from '../exchanges/rules.js';
import { pregenerate } from '../demo/history.js';
import { Simulator } from './simulator.js';
import { Heap } from './heap.js';
import { Rng } from './rng.js';

function runFor(seed: number, ms: number): { events: MarketEvent[]; sim: Simulator } {
  const sim = new Simulator({ seed });
  const events: MarketEvent[] = [];
  sim.runUntil(sim.now + ms, (ev) => events.push(...ev));
  return { events, sim };
}

const digest = (ev: readonly MarketEvent[]) => createHash('sha256').update(JSON.stringify(ev)).digest('hex');

describe('Simulator', () => {
  it('is reproducible byte for byte from its seed, and seeds differ', () => {
    const a = runFor(3, 20 * 60_000).events;
    const b = runFor(3, 20 * 60_000).events;
    const c = runFor(4, 20 * 60_000).events;
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
  });

  it('emits valid events, in time order, for every venue-market', () => {
    const { events, sim } = runFor(5, 10 * 60_000);
    let last = 0;
    for (const e of events) {
      expect(MarketEventSchema.safeParse(e).success).toBe(true);
      expect(e.ts).toBeGreaterThanOrEqual(last);
      last = e.ts;
    }
    const markets = new Set(events.map((e) => `${e.venue}|${e.market}`));
    expect(markets.size).toBe(sim.params.markets.length);
    for (const kind of ['trade', 'mark', 'openInterest'] as const) expect(events.some((e) => e.kind === kind)).toBe(true);
  });

  it('keeps the truth consistent with the venue rules and the open interest', () => {
    const { sim } = runFor(9, 30 * 60_000);
    const truth = sim.truth();
    expect(truth.length).toBeGreaterThan(1000);
    for (const p of truth.slice(0, 500)) {
      const rules = rulesFor(p.venue, p.market);
      expect(p.leverage).toBeLessThanOrEqual(rules.maxLeverage);
      const want = liquidationPrice(rules.formula, p.side, p.entry, p.leverage, tierFor(rules, p.notionalUsd).mmr);
      expect(p.liqPrice).toBeCloseTo(want, 6);
      expect(p.side === 'long' ? p.liqPrice < p.entry : p.liqPrice > p.entry).toBe(true);
    }
  });

  it('liquidates positions whose level the mark crossed, and cascades add up', () => {
    const { events, sim } = runFor(11, 6 * 3_600_000);
    const liqs = events.filter((e) => e.kind === 'liquidation');
    expect(liqs.length).toBeGreaterThan(0);
    expect(sim.stats.liquidated).toBe(liqs.length);
    const usd = liqs.reduce((s, e) => s + (e.kind === 'liquidation' ? e.notionalUsd : 0), 0);
    expect(usd).toBeCloseTo(sim.stats.liquidatedUsd, 0);
    // No open position sits on the wrong side of its venue's current mark.
    const marks = new Map<string, number>();
    for (const e of events) if (e.kind === 'mark') marks.set(`${e.venue}|${e.market}`, e.markPrice);
    for (const p of sim.truth()) {
      const m = marks.get(`${p.venue}|${p.market}`) as number;
      if (p.side === 'long') expect(p.liqPrice).toBeLessThan(m * 1.001);
      else expect(p.liqPrice).toBeGreaterThan(m * 0.999);
    }
  });
});

describe('Heap and Rng', () => {
  it('pops in key order', () => {
    const rng = new Rng(1);
    const h = new Heap<number>();
    const keys = Array.from({ length: 500 }, () => rng.next());
    for (const k of keys) h.push(k, k);
    const out: number[] = [];
    while (h.size) out.push(h.pop() as number);
    expect(out).toEqual([...keys].sort((a, b) => a - b));
  });

  it('draws uniform and normal numbers with the right moments', () => {
    const rng = new Rng(2);
    let s = 0;
    let s2 = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.03);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.05);
    let p = 0;
    for (let i = 0; i < n; i++) p += rng.poisson(3);
    expect(p / n).toBeCloseTo(3, 1);
  });
});

describe('demo history cadence', () => {
  it('is reproducible, thins background trades while keeping their volume, and drops trade ids', async () => {
    const run = async () => {
      const sim = new Simulator({ seed: 9, noiseTradesPerSec: 60 });
      const bars: unknown[] = [];
      await pregenerate(sim, sim.now + 6 * 3_600_000, 60_000, { bars: async (b) => void bars.push(...b), liquidations: async () => undefined });
      return { sim, bars };
    };
    const a = await run();
    const b = await run();
    expect(JSON.stringify(a.bars)).toBe(JSON.stringify(b.bars));
    // Live detail is back after the history.
    expect(a.sim.params).toMatchObject({ stepMs: 1000, noiseTradesPerSec: 60, noiseLotBtc: 0.05, tradeIds: true });
    const history = new Simulator({ seed: 9, noiseTradesPerSec: 60 });
    history.setCadence({ noiseTradesPerSec: 1, noiseLotBtc: 3, tradeIds: false });
    const live = new Simulator({ seed: 9, noiseTradesPerSec: 60 });
    const volume = (s: Simulator) => {
      let v = 0;
      let n = 0;
      s.runUntil(s.now + 3_600_000, (ev) => {
        for (const e of ev)
          if (e.kind === 'trade') {
            v += e.qty;
            n++;
            expect(e.id === undefined).toBe(!s.params.tradeIds);
          }
      });
      return { v, n };
    };
    const h = volume(history);
    const l = volume(live);
    expect(h.n).toBeLessThan(l.n / 5);
    // Same expected background volume, and position flow alike: equal within sampling noise.
    expect(h.v / l.v).toBeGreaterThan(0.8);
    expect(h.v / l.v).toBeLessThan(1.25);
  });
});
