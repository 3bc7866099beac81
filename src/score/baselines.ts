// Simple per-bar predictors the model must beat, computed on the same comparison cells.
import type { Bar } from '../bars/bar.js';
import type { Cell } from './align.js';

export interface SidePrediction {
  readonly long: readonly number[];
  readonly short: readonly number[];
}

/** Every bar alike: ranks are all tied, so it scores chance (and ρ is undefined). */
export function uniformBaseline(cells: readonly Cell[]): SidePrediction {
  return { long: cells.map(() => 1), short: cells.map(() => 1) };
}

/** The cell's own directional move: open − low for longs, high − open for shorts (USD per BTC). */
export function moveBaseline(bars: readonly Bar[], cells: readonly Cell[]): SidePrediction {
  const long: number[] = [];
  const short: number[] = [];
  for (const c of cells) {
    const open = (bars[c.first] as Bar).open;
    let hi = -Infinity;
    let lo = Infinity;
    for (let i = c.first; i < c.end; i++) {
      hi = Math.max(hi, (bars[i] as Bar).high);
      lo = Math.min(lo, (bars[i] as Bar).low);
    }
    long.push(Math.max(0, open - lo));
    short.push(Math.max(0, hi - open));
  }
  return { long, short };
}

/** Open interest in USD known when the cell opens: the previous bar's close (the cell's own bar for the first). */
export function oiBeforeCell(bars: readonly Bar[], c: Cell): number {
  for (let i = c.first - 1; i >= Math.max(0, c.first - 1); i--) {
    const v = oiUsd(bars[i] as Bar);
    if (v !== null) return v;
  }
  return oiUsd(bars[c.first] as Bar) ?? 0;
}

function oiUsd(b: Bar): number | null {
  if (b.oiUsd !== null) return b.oiUsd;
  if (b.oiBtc !== null) return b.oiBtc * b.close;
  return null;
}

/** Directional move × open interest: a move matters in proportion to the positions open. */
export function moveOiBaseline(bars: readonly Bar[], cells: readonly Cell[]): SidePrediction {
  const move = moveBaseline(bars, cells);
  const oi = cells.map((c) => oiBeforeCell(bars, c));
  return { long: move.long.map((m, i) => m * (oi[i] as number)), short: move.short.map((m, i) => m * (oi[i] as number)) };
}
