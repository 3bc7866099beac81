// The events protocol: freeze the heatmap at t, score it only against liquidations in (t, t + H].
import type { Bar } from '../bars/bar.js';
import type { LiquidationEvent } from '../core/events.js';
import { capture, matchSweeps, precisionTopDecileEvents, CAPTURE_BAND, type Window } from './events-metrics.js';
import type { HeatColumn } from './heat-column.js';
import type { MetricResult } from './metric-result.js';
import type { ColumnRequest, ModelPort } from './model-port.js';
import { wilson } from './stats/wilson.js';
import { blockBootstrap } from './stats/bootstrap.js';
import { iso, type Gap } from './liquidations/time-grid.js';
import type { ScoreResult } from './totals-score.js';

export interface EventsScoreInput<P> {
  readonly port: ModelPort<P>;
  readonly params: P;
  readonly ablation: P;
  readonly bars: readonly Bar[];
  readonly barGaps: readonly Gap[];
  readonly events: readonly LiquidationEvent[];
  readonly horizons: readonly { readonly label: string; readonly ms: number }[];
  readonly rowUsd: number;
  readonly from?: number;
  readonly to?: number;
  readonly replicates: number;
  readonly seed: number;
  /** Windows with fewer liquidations are left out of precision@decile (DESIGN §4: 10). */
  readonly minEventsPerWindow?: number;
}

/** Close of the last bar closed by t, or null. */
function priceAt(bars: readonly Bar[], t: number): number | null {
  let p: number | null = null;
  for (const b of bars) {
    if (b.ts + b.durationMs > t) break;
    p = b.close;
  }
  return p;
}

/** Freeze instants every H from the first bar close (or --from) while t + H ≤ end. */
export function freezeTimes(bars: readonly Bar[], horizonMs: number, from?: number, to?: number): number[] {
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last) return [];
  const start = Math.max(from ?? -Infinity, first.ts + first.durationMs);
  const end = Math.min(to ?? Infinity, last.ts + last.durationMs);
  const out: number[] = [];
  for (let t = start; t + horizonMs <= end; t += horizonMs) out.push(t);
  return out;
}

/** Requests for columns at each freeze instant, ±(band + 1%) around the price then. */
export function columnRequests(bars: readonly Bar[], times: readonly number[], rowUsd: number): ColumnRequest[] {
  const out: ColumnRequest[] = [];
  for (const t of times) {
    const p = priceAt(bars, t);
    if (p === null) continue;
    const span = p * (CAPTURE_BAND + 0.01);
    const priceLo = Math.floor((p - span) / rowUsd) * rowUsd;
    out.push({ t, priceLo, priceHi: priceLo + Math.ceil((2 * span) / rowUsd) * rowUsd, rowUsd });
  }
  return out;
}

/** Liquidations in (t, t + H] for each column. */
export function windowsFor(columns: readonly HeatColumn[], events: readonly LiquidationEvent[], horizonMs: number): Window[] {
  return columns.map((column) => ({ column, events: events.filter((e) => e.ts > column.t && e.ts <= column.t + horizonMs) }));
}

export function uniformColumn(c: HeatColumn): HeatColumn {
  return { ...c, long: c.long.map(() => 1), short: c.short.map(() => 1) };
}

/** Hot next to the price, fading with distance: what "liquidations happen near price" alone predicts. */
export function proximityColumn(c: HeatColumn): HeatColumn {
  const d = c.long.map((_, r) => 1 / (1 + Math.abs(c.priceFrom + (r + 0.5) * c.rowUsd - c.refPrice) / c.refPrice / 0.005));
  return { ...c, long: d, short: d };
}

function noDiff(): Record<string, null> {
  return {};
}

export function scoreEvents<P>(input: EventsScoreInput<P>): ScoreResult {
  const events = input.events.filter((e) => (input.from === undefined || e.ts > input.from) && (input.to === undefined || e.ts <= input.to));
  const metrics: Record<string, MetricResult> = {};
  let maxScored = 0;
  for (const h of input.horizons) {
    const times = freezeTimes(input.bars, h.ms, input.from, input.to);
    const req = columnRequests(input.bars, times, input.rowUsd);
    const model = input.port.columns(input.bars, input.params, req);
    const ablation = input.port.columns(input.bars, input.ablation, req);
    const wins = windowsFor(model, events, h.ms);
    const variants: Record<string, Window[]> = {
      uniform: wins.map((w) => ({ ...w, column: uniformColumn(w.column) })),
      proximity: wins.map((w) => ({ ...w, column: proximityColumn(w.column) })),
      constantInflow: windowsFor(ablation, events, h.ms),
    };
    const cap = capture(wins);
    maxScored = Math.max(maxScored, cap.n);
    const capCi = blockBootstrap(
      cap.perWindow.length,
      (ix) => {
        let w = 0;
        let wp = 0;
        for (const i of ix) {
          w += (cap.perWindow[i] as { w: number }).w;
          wp += (cap.perWindow[i] as { wp: number }).wp;
        }
        return w > 0 ? wp / w : null;
      },
      { replicates: input.replicates, seed: input.seed },
    );
    metrics[`capture@${h.label}`] = {
      n: cap.n,
      model: cap.value,
      ci: capCi ? { lo: capCi.lo, hi: capCi.hi } : null,
      baselines: { ...Object.fromEntries(Object.entries(variants).map(([k, w]) => [k, capture(w).value])), move: null, moveOi: null },
      vs: noDiff(),
      about: `notional-weighted percentile of the frozen map's density at each realised liquidation in the next ${h.label} (0.5 = chance, 1 = always the hottest row)`,
    };
    const min = input.minEventsPerWindow ?? 10;
    const top = precisionTopDecileEvents(wins, min);
    metrics[`precisionTopDecile@${h.label}`] = {
      n: top.n,
      model: top.value,
      ci: wilson(top.hits, top.n),
      baselines: { ...Object.fromEntries(Object.entries(variants).map(([k, w]) => [k, precisionTopDecileEvents(w, min).value])), move: null, moveOi: null },
      vs: noDiff(),
      about: `share of the hottest 10% of rows (±10% of price) that a liquidation touched in the next ${h.label}; windows with < ${min} liquidations left out`,
    };
  }
  // Sweeps: the model run over every bar; predictions inside the scored period only.
  const inPeriod = (ts: number) => (input.from === undefined || ts >= input.from) && (input.to === undefined || ts < input.to);
  const run = input.port.run(input.bars, input.params).predicted.filter((p) => inPeriod(p.ts));
  const runAbl = input.port.run(input.bars, input.ablation).predicted.filter((p) => inPeriod(p.ts));
  const m = matchSweeps(run, events);
  const a = matchSweeps(runAbl, events);
  const share = (x: number, n: number) => (n > 0 ? x / n : null);
  metrics.sweepPrecision = {
    n: m.predicted,
    model: share(m.matchedPredicted, m.predicted),
    ci: wilson(m.matchedPredicted, m.predicted),
    baselines: { uniform: null, proximity: null, constantInflow: share(a.matchedPredicted, a.predicted), move: null, moveOi: null },
    vs: noDiff(),
    about: 'share of predicted liquidations with a realised one of the same side within ±0.25% and ±2 min',
  };
  metrics.sweepRecall = {
    n: m.realised,
    model: share(m.matchedRealised, m.realised),
    ci: wilson(m.matchedRealised, m.realised),
    baselines: { uniform: null, proximity: null, constantInflow: share(a.matchedRealised, a.realised), move: null, moveOi: null },
    vs: noDiff(),
    about: 'share of realised liquidations with a predicted one of the same side within ±0.25% and ±2 min',
  };
  const first = input.bars[0];
  const last = input.bars[input.bars.length - 1];
  return {
    protocol: 'events',
    period: {
      from: input.from !== undefined ? iso(input.from) : first ? iso(first.ts) : null,
      to: input.to !== undefined ? iso(input.to) : last ? iso(last.ts + last.durationMs) : null,
      barMs: first?.durationMs ?? 0,
      comparisonBarMs: first?.durationMs ?? 0,
      priceBars: input.bars.length,
      priceBarGaps: input.barGaps,
      liquidationGaps: [],
      uncoveredBars: 0,
    },
    n: Math.max(maxScored, events.length),
    metrics,
  };
}
