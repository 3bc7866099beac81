// Model bench: replay speed (fast model vs the naive one-object-per-cohort reference, same bars, same run) and
// heatmap query time for 24 h and 1 y windows at 1000×500. Synthetic but BTC-like: 11 venues sharing one
// random walk (σ ≈ 0.07 %/min) with per-venue basis, OI and taker flow noise. Deterministic (seeded).
import type { Bar } from '../src/bars/bar.js';
import { VENUE_IDS, type VenueId } from '../src/core/events.js';
import { rulesFor } from '../src/exchanges/rules.js';
import { createModel, DEFAULT_PARAMS, heatmap, resolveParams, type LiqModel, type ModelParams } from '../src/model/index.js';
import { DESIGN_PARAMS } from '../src/model/bars.fixture.js';
import { NaiveModel } from '../src/model/naive.js';
import { fmt, measure, report, type Timing } from './util.js';

const MIN = 60_000;
const DAY = 86_400_000;
const MARKETS: Record<VenueId, string> = {
  'binance-usdm': 'BTCUSDT',
  'binance-coinm': 'BTCUSD_PERP',
  'bybit-linear': 'BTCUSDT',
  'bybit-inverse': 'BTCUSD',
  'okx-swap': 'BTC-USDT-SWAP',
  bitget: 'BTCUSDT',
  gate: 'BTC_USDT',
  kucoin: 'XBTUSDTM',
  hyperliquid: 'BTC',
  bitmex: 'XBTUSD',
  deribit: 'BTC-PERPETUAL',
};

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Synthetic bars kept columnar (a replay streams Bar objects from it, as from a store, without a heap of 1.4 M objects). */
export class SyntheticBars {
  readonly length: number;
  private readonly f: Float64Array;
  private static readonly F = 9;

  constructor(
    days: number,
    readonly barMs = MIN,
    seed = 42,
  ) {
    const rnd = mulberry32(seed);
    const gauss = (): number => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
    const n = Math.round((days * DAY) / barMs);
    const V = VENUE_IDS.length;
    this.length = n * V;
    this.f = new Float64Array(this.length * SyntheticBars.F);
    const sigma = 0.0007 * Math.sqrt(barMs / MIN);
    const t0 = Date.UTC(2025, 0, 1);
    const oi = VENUE_IDS.map(() => 5_000 + rnd() * 50_000);
    let price = 60_000;
    for (let i = 0; i < n; i++) {
      const open = price;
      price *= Math.exp(sigma * gauss());
      const close = price;
      const hi = Math.max(open, close) * (1 + Math.abs(gauss()) * sigma * 0.5);
      const lo = Math.min(open, close) * (1 - Math.abs(gauss()) * sigma * 0.5);
      for (let v = 0; v < V; v++) {
        const basis = 1 + (v - 5) * 0.0001;
        oi[v]! *= 1 + 0.001 * gauss();
        const vol = 5 + rnd() * 50;
        const buy = vol * (0.3 + 0.4 * rnd());
        const row = [t0 + i * barMs, open * basis, hi * basis, lo * basis, close * basis, ((open + close + hi + lo) / 4) * basis, buy, vol - buy, oi[v]!];
        this.f.set(row, (i * V + v) * SyntheticBars.F);
      }
    }
  }

  /** Bar i (time-ordered, venues interleaved). */
  at(i: number): Bar {
    const o = i * SyntheticBars.F;
    const f = this.f;
    const venue = VENUE_IDS[i % VENUE_IDS.length]!;
    return {
      venue,
      market: MARKETS[venue],
      ts: f[o]!,
      durationMs: this.barMs,
      open: f[o + 1]!,
      high: f[o + 2]!,
      low: f[o + 3]!,
      close: f[o + 4]!,
      vwap: f[o + 5]!,
      buyVolume: f[o + 6]!,
      sellVolume: f[o + 7]!,
      trades: 100,
      oiBtc: f[o + 8]!,
      oiUsd: f[o + 8]! * f[o + 4]!,
      markHigh: null,
      markLow: null,
      markClose: null,
      fundingRate: null,
      liqLongBtc: 0,
      liqLongUsd: 0,
      liqLongCount: 0,
      liqShortBtc: 0,
      liqShortUsd: 0,
      liqShortCount: 0,
      gap: false,
    };
  }

  toArray(): Bar[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

export function syntheticBars(days: number, barMs = MIN, seed = 42): Bar[] {
  return new SyntheticBars(days, barMs, seed).toArray();
}

function replay(bars: readonly Bar[] | SyntheticBars, params: ModelParams = DEFAULT_PARAMS): LiqModel {
  const m = createModel(params, rulesFor);
  if (Array.isArray(bars)) for (const b of bars) m.step(b);
  else if (bars instanceof SyntheticBars) for (let i = 0; i < bars.length; i++) m.step(bars.at(i));
  return m;
}

/** One timed replay: wall and CPU time (on a shared machine wall time also counts other processes' turns). */
function timedReplay(label: string, bars: SyntheticBars, params: ModelParams, baseline: Timing): LiqModel {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const m = replay(bars, params);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  report({ label, opsPerSec: (bars.length / wall) * 1000, msPerRun: wall }, baseline, '1.43 M bars < 2 s');
  const cpu = (c.user + c.system) / 1000;
  console.log(`  CPU time ${cpu.toFixed(0)} ms = ${fmt((bars.length / cpu) * 1000)} bars per CPU-second; ${m.stats().cohorts} cohorts alive`);
  return m;
}

/** Replay speed on 90 days × 11 venues and queries on the result (a function so the model can be freed after). */
function ninetyDays(naive: Timing): void {
  const days = Number(process.env.LIQMAP_BENCH_DAYS ?? 90);
  const bars = new SyntheticBars(days);
  const design = resolveParams({ ...DESIGN_PARAMS, history: DEFAULT_PARAMS.history });
  const md = timedReplay(`model replay, DESIGN §3 params, ${days} d × 11 venues 1-min (${bars.length} bars)`, bars, design, naive);
  report(measure('  heatmap 24 h at 1000×500 (DESIGN params)', 1, query(md, DAY)), undefined, '< 50 ms');
  report(measure(`  heatmap ${days} d at 1000×500 (DESIGN params)`, 1, query(md, days * DAY)), undefined, '< 50 ms');
  const m90 = timedReplay(`model replay, DEFAULT_PARAMS, same bars`, bars, DEFAULT_PARAMS, naive);
  report(measure('  heatmap 24 h at 1000×500 (DEFAULT_PARAMS)', 1, query(m90, DAY)), undefined, '< 50 ms');
  report(measure(`  heatmap ${days} d at 1000×500 (DEFAULT_PARAMS)`, 1, query(m90, days * DAY)), undefined, '< 50 ms');
}

function query(m: LiqModel, spanMs: number): () => void {
  const end = m.latestTs()!;
  const price = m.vms[0]!.lastClose;
  return () => {
    heatmap(m, { from: end - spanMs, to: end, priceLo: price * 0.5, priceHi: price * 1.5, cols: 1000, rows: 500 });
  };
}

export default async function run(): Promise<void> {
  console.log(`params: DEFAULT_PARAMS (${DEFAULT_PARAMS.tiers.length} tiers, entry ${DEFAULT_PARAMS.entry}, inflow ${JSON.stringify(DEFAULT_PARAMS.inflow)})`);
  const small = syntheticBars(0.25);
  const naive = measure(`naive replay, 6 h × 11 venues (${small.length} bars)`, small.length, () => {
    const m = new NaiveModel(DEFAULT_PARAMS, rulesFor);
    for (const b of small) m.step(b);
  }, 1);
  report(naive);
  report(measure(`model replay, same ${small.length} bars`, small.length, () => void replay(small), 200), naive);
  report(measure(`model replay with DESIGN §3 params, same bars`, small.length, () => void replay(small, resolveParams({ ...DESIGN_PARAMS, history: DEFAULT_PARAMS.history })), 200));

  ninetyDays(naive);

  const yearBarMs = Number(process.env.LIQMAP_BENCH_YEAR_BAR_MS ?? 5 * MIN);
  const year = new SyntheticBars(365, yearBarMs, 7);
  for (const [name, params] of [
    ['DESIGN params', resolveParams({ ...DESIGN_PARAMS, history: DEFAULT_PARAMS.history })],
    ['DEFAULT_PARAMS', DEFAULT_PARAMS],
  ] as const) {
    const t0 = performance.now();
    const my = replay(year, params);
    console.log(`1 y history (${name}): ${year.length} bars of ${yearBarMs / MIN} min × 11 venues replayed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    report(measure(`  heatmap 1 y at 1000×500 (${name})`, 1, query(my, 365 * DAY)), undefined, '< 50 ms');
    report(measure(`  heatmap 24 h at 1000×500 after 1 y (${name})`, 1, query(my, DAY)), undefined, '< 50 ms');
  }
}
