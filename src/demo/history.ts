// Pre-generates demo history: the simulator runs from its start to `untilTs` as fast as it can,
// its events go through the same bar builder as live data, and the bars go to `sink` in batches.
// Pass a bar boundary as `untilTs` so no bar is left half-built.
import type { Bar } from '../bars/bar.js';
import { BarBuilder } from '../bars/builder.js';
import type { LiquidationEvent } from '../core/events.js';
import type { Cadence, Simulator } from '../sim/simulator.js';

export interface PregenResult {
  readonly bars: number;
  readonly liquidations: number;
}

export async function pregenerate(
  sim: Simulator,
  untilTs: number,
  barMs: number,
  sink: { bars(b: readonly Bar[]): Promise<void>; liquidations(l: readonly LiquidationEvent[]): Promise<void> },
  onProgress?: (fraction: number) => void,
): Promise<PregenResult> {
  const builder = new BarBuilder({ barMs, graceMs: 0 });
  // History runs in 5 s steps with marks and OI every 10 s (twelve price points a minute are
  // plenty for 1-minute bars), background flow as one trade a second of six times the size (the
  // same volume), and no trade ids; live data continues at the venues' own cadence and detail.
  const p = sim.params;
  const live: Cadence = { stepMs: p.stepMs, markEveryMs: p.markEveryMs, oiEveryMs: p.oiEveryMs, noiseTradesPerSec: p.noiseTradesPerSec, noiseLotBtc: p.noiseLotBtc, tradeIds: p.tradeIds };
  const thin = Math.max(1, p.noiseTradesPerSec);
  sim.setCadence({ stepMs: 5000, markEveryMs: 10_000, oiEveryMs: 10_000, noiseTradesPerSec: p.noiseTradesPerSec / thin, noiseLotBtc: p.noiseLotBtc * thin, tradeIds: false });
  const start = sim.now;
  let batch: Bar[] = [];
  let liqs: LiquidationEvent[] = [];
  let bars = 0;
  let liquidations = 0;
  const hour = 3_600_000;
  for (let t = start; t < untilTs; t += hour) {
    sim.runUntil(Math.min(untilTs, t + hour), (events) => {
      for (const e of events) {
        if (e.kind === 'liquidation') liqs.push(e);
        const closed = builder.push(e);
        if (closed.length) for (const b of closed) batch.push(b);
      }
    });
    bars += batch.length;
    liquidations += liqs.length;
    await sink.bars(batch);
    await sink.liquidations(liqs);
    batch = [];
    liqs = [];
    onProgress?.((Math.min(untilTs, t + hour) - start) / (untilTs - start));
  }
  // Close the last bar when `untilTs` is a bar boundary; live data starts the next one.
  sim.setCadence(live);
  const last = builder.advance(untilTs);
  bars += last.length;
  await sink.bars(last);
  return { bars, liquidations };
}
