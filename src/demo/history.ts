// Pre-generates demo history: the simulator runs from its start to `untilTs` as fast as it can,
// its events go through the same bar builder as live data, and the bars go to `sink` in batches.
// Pass a bar boundary as `untilTs` so no bar is left half-built.
import type { Bar } from '../bars/bar.js';
import { BarBuilder } from '../bars/builder.js';
import type { LiquidationEvent } from '../core/events.js';
import type { Simulator } from '../sim/simulator.js';

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
  // Marks and OI every 10 s are plenty for 1-minute bars of history; live runs at venue cadence.
  const { markEveryMs, oiEveryMs } = sim.params;
  sim.setCadence(Math.max(markEveryMs, 10_000), Math.max(oiEveryMs, 10_000));
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
  sim.setCadence(markEveryMs, oiEveryMs);
  const last = builder.advance(untilTs);
  bars += last.length;
  await sink.bars(last);
  return { bars, liquidations };
}
