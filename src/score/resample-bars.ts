// Coarser model steps from finer bars (the `step` parameter): k consecutive bars → one bar.
import type { Bar } from '../bars/bar.js';

/**
 * Merges bars into `stepMs` bars aligned on multiples of stepMs from the epoch. A step is only
 * built when every one of its bars is present; incomplete steps are dropped (gaps stay gaps).
 */
export function resampleBars(bars: readonly Bar[], stepMs: number): Bar[] {
  const first = bars[0];
  if (!first || stepMs === first.durationMs) return [...bars];
  if (stepMs % first.durationMs !== 0) throw new Error(`step ${stepMs} ms is not a multiple of the bar length ${first.durationMs} ms`);
  const per = stepMs / first.durationMs;
  const out: Bar[] = [];
  let group: Bar[] = [];
  const flush = () => {
    if (group.length === per) out.push(merge(group, stepMs));
    group = [];
  };
  for (const b of bars) {
    const start = b.ts - (b.ts % stepMs);
    if (group.length > 0 && (group[0] as Bar).ts - ((group[0] as Bar).ts % stepMs) !== start) flush();
    group.push(b);
  }
  flush();
  return out;
}

function merge(group: readonly Bar[], stepMs: number): Bar {
  const a = group[0] as Bar;
  const z = group[group.length - 1] as Bar;
  let high = -Infinity;
  let low = Infinity;
  let pv = 0;
  let vol = 0;
  let buy = 0;
  let sell = 0;
  let trades = 0;
  let markHigh: number | null = null;
  let markLow: number | null = null;
  let liqLongBtc = 0;
  let liqLongUsd = 0;
  let liqLongCount = 0;
  let liqShortBtc = 0;
  let liqShortUsd = 0;
  let liqShortCount = 0;
  for (const b of group) {
    high = Math.max(high, b.high);
    low = Math.min(low, b.low);
    const v = b.buyVolume + b.sellVolume;
    pv += b.vwap * v;
    vol += v;
    buy += b.buyVolume;
    sell += b.sellVolume;
    trades += b.trades;
    if (b.markHigh !== null) markHigh = markHigh === null ? b.markHigh : Math.max(markHigh, b.markHigh);
    if (b.markLow !== null) markLow = markLow === null ? b.markLow : Math.min(markLow, b.markLow);
    liqLongBtc += b.liqLongBtc;
    liqLongUsd += b.liqLongUsd;
    liqLongCount += b.liqLongCount;
    liqShortBtc += b.liqShortBtc;
    liqShortUsd += b.liqShortUsd;
    liqShortCount += b.liqShortCount;
  }
  return {
    ...a,
    ts: a.ts - (a.ts % stepMs),
    durationMs: stepMs,
    high,
    low,
    close: z.close,
    vwap: vol > 0 ? pv / vol : z.close,
    buyVolume: buy,
    sellVolume: sell,
    trades,
    oiBtc: z.oiBtc,
    oiUsd: z.oiUsd,
    markHigh,
    markLow,
    markClose: z.markClose,
    fundingRate: z.fundingRate,
    liqLongBtc,
    liqLongUsd,
    liqLongCount,
    liqShortBtc,
    liqShortUsd,
    liqShortCount,
    gap: group.some((b) => b.gap),
  };
}
