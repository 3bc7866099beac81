// Lays realised per-bar liquidation totals over the price bars: the comparison grid is the
// coarser of the two bar lengths, and a cell is scored only when both sides fully cover it.
import type { Bar } from '../bars/bar.js';
import { InputError } from './input-error.js';
import type { LiquidationTotals } from './liquidations/totals-load.js';
import { iso } from './liquidations/time-grid.js';

export interface Cell {
  /** Open of the comparison bar, ms. */
  readonly ts: number;
  readonly durationMs: number;
  /** Price bars [first, end) inside the cell. */
  readonly first: number;
  readonly end: number;
  readonly realisedLong: number;
  readonly realisedShort: number;
}

export interface Alignment {
  readonly cellMs: number;
  readonly cells: readonly Cell[];
  /** Comparison bars left out because a price bar or a totals bar inside them is missing. */
  readonly uncovered: number;
}

export function alignTotals(bars: readonly Bar[], totals: LiquidationTotals): Alignment {
  const first = bars[0];
  if (!first) throw new InputError(totals.file, null, null, 'no price bars to compare with');
  const barMs = first.durationMs;
  const totMs = totals.durationMs;
  const coarse = Math.max(barMs, totMs);
  const fine = Math.min(barMs, totMs);
  const t0 = totals.bars[0];
  if (coarse % fine !== 0) {
    throw new InputError(totals.file, t0?.line ?? null, 'ts', `${totMs / 60_000}-minute totals do not align with ${barMs / 60_000}-minute price bars`);
  }
  // Phase: both series must sit on the fine grid, and the coarse series must start on it.
  const phaseOf = (ts: number) => ((ts - first.ts) % fine + fine) % fine;
  for (const t of totals.bars) {
    if (phaseOf(t.ts) !== 0) {
      throw new InputError(totals.file, t.line, 'ts', `bar ${iso(t.ts)} does not align with the price bars (which open at ${iso(first.ts)} + k·${barMs / 60_000} min)`);
    }
  }
  const barIndex = new Map<number, number>();
  bars.forEach((b, i) => barIndex.set(b.ts, i));
  const cells: Cell[] = [];
  let uncovered = 0;
  if (totMs >= barMs) {
    const per = totMs / barMs;
    for (const t of totals.bars) {
      const i0 = barIndex.get(t.ts);
      const iLast = barIndex.get(t.ts + totMs - barMs);
      if (i0 === undefined || iLast === undefined) {
        // Outside the price data entirely: not a coverage problem worth counting.
        if (t.ts + totMs > first.ts && t.ts < (bars[bars.length - 1] as Bar).ts + barMs) uncovered++;
        continue;
      }
      if (iLast - i0 + 1 !== per) {
        uncovered++;
        continue;
      }
      cells.push({ ts: t.ts, durationMs: totMs, first: i0, end: iLast + 1, realisedLong: t.longUsd, realisedShort: t.shortUsd });
    }
  } else {
    const per = barMs / totMs;
    const byTs = new Map(totals.bars.map((t) => [t.ts, t] as const));
    const tFirst = totals.bars[0];
    if (tFirst && ((bars[0] as Bar).ts - tFirst.ts) % totMs !== 0) {
      throw new InputError(totals.file, tFirst.line, 'ts', `bar ${iso(tFirst.ts)} does not align with the price bars opening at ${iso(first.ts)}`);
    }
    bars.forEach((b, i) => {
      let long = 0;
      let short = 0;
      let found = 0;
      for (let k = 0; k < per; k++) {
        const t = byTs.get(b.ts + k * totMs);
        if (!t) continue;
        found++;
        long += t.longUsd;
        short += t.shortUsd;
      }
      if (found === per) cells.push({ ts: b.ts, durationMs: barMs, first: i, end: i + 1, realisedLong: long, realisedShort: short });
      else if (found > 0) uncovered++;
    });
  }
  return { cellMs: coarse, cells, uncovered };
}

/** Sums a per-price-bar series over each cell. */
export function sumOverCells(cells: readonly Cell[], perBar: ArrayLike<number>): number[] {
  return cells.map((c) => {
    let s = 0;
    for (let i = c.first; i < c.end; i++) s += perBar[i] as number;
    return s;
  });
}
