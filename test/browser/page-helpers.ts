// In-page probes of the UI state through the `window.liqmap` handle (the same one the bench uses).
import type { Page } from 'playwright-core';

export interface GridProbe {
  cols: number;
  rows: number;
  from: number;
  to: number;
  total: number;
  priceLo: number;
  priceHi: number;
  edge: number;
}

export async function gridProbe(page: Page): Promise<GridProbe | null> {
  return page.evaluate(() => {
    const v = window.liqmap?.view;
    const g = v?.grid;
    if (!v || !g) return null;
    let total = 0;
    for (const x of g.values()) total += x;
    return { cols: g.cols, rows: g.rows, from: g.from, to: g.to, total, priceLo: g.priceLo, priceHi: g.priceHi, edge: v.edge };
  });
}

/** Wait until the heatmap shows a grid for which `pred` holds. */
export async function waitGrid(page: Page, pred: (g: GridProbe) => boolean, timeoutMs = 15_000): Promise<GridProbe> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const g = await gridProbe(page);
    if (g && pred(g)) return g;
    if (Date.now() > until) throw new Error(`heatmap grid condition not met in ${timeoutMs} ms (last: ${JSON.stringify(g)})`);
    await page.waitForTimeout(100);
  }
}

/** Page coordinates of the hottest cell of the visible grid. */
export async function hottestCell(page: Page): Promise<{ x: number; y: number; usd: number } | null> {
  return page.evaluate(() => {
    const v = window.liqmap?.view;
    const g = v?.grid;
    if (!v || !g) return null;
    const r = v.parts.chart.timeScale().getVisibleLogicalRange();
    const c0 = Math.max(0, Math.ceil(r?.from ?? 0));
    const c1 = Math.min(g.cols - 1, Math.floor(r?.to ?? g.cols - 1));
    let best = { c: -1, r: -1, usd: 0 };
    for (let c = c0; c <= c1; c++) for (let row = 0; row < g.rows; row++) if (g.value(c, row) > best.usd) best = { c, r: row, usd: g.value(c, row) };
    if (best.c < 0) return null;
    const x = v.parts.chart.timeScale().logicalToCoordinate(best.c as never);
    const y = v.parts.candles.priceToCoordinate(g.priceLo + (best.r + 0.5) * g.rowUsd);
    const box = document.getElementById('chart')!.getBoundingClientRect();
    return x === null || y === null ? null : { x: box.left + x, y: box.top + y, usd: best.usd };
  });
}

/** The chart's visible time span, ms. */
export async function visibleRange(page: Page): Promise<{ from: number; to: number }> {
  return page.evaluate(() => window.liqmap!.view.visibleSpan() ?? { from: NaN, to: NaN });
}
