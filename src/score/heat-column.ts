// A heatmap column frozen at one instant, as the event metrics read it.

export interface HeatColumn {
  /** Instant the column was frozen at (ms): built only from bars that closed by then. */
  readonly t: number;
  /** Lower edge of row 0, USD. */
  readonly priceFrom: number;
  /** Row height, USD. */
  readonly rowUsd: number;
  /** Alive long / short cohort notional per row, USD. */
  readonly long: readonly number[];
  readonly short: readonly number[];
  /** Last traded price at t (close of the last bar), USD. */
  readonly refPrice: number;
}

export function rowOf(col: HeatColumn, price: number): number {
  return Math.floor((price - col.priceFrom) / col.rowUsd);
}

export function rowMid(col: HeatColumn, row: number): number {
  return col.priceFrom + (row + 0.5) * col.rowUsd;
}

/** Rows whose middle lies within ±`pct` of `price`, clipped to the column. */
export function rowsAround(col: HeatColumn, price: number, pct: number): { readonly from: number; readonly to: number } {
  const rows = col.long.length;
  const from = Math.max(0, Math.ceil((price * (1 - pct) - col.priceFrom) / col.rowUsd - 0.5));
  const to = Math.min(rows - 1, Math.floor((price * (1 + pct) - col.priceFrom) / col.rowUsd - 0.5));
  return { from, to };
}
