// The report's picture: the model's heatmap (alive liquidation notional by price over time) with
// the realised liquidations over it — longs red (at the price for events, at the bar's low for
// totals), shorts green (event price, or the bar's high), dot size ~ √USD; the close in white.
import { PNG } from 'pngjs';
import type { Bar } from '../bars/bar.js';
import { cohortModelPort, type ModelSetup } from './model-adapter.js';

export interface Realised {
  readonly ts: number;
  readonly longUsd: number;
  readonly shortUsd: number;
  /** Event price; absent for per-bar totals. */
  readonly price?: number;
}

const W = 900;
const HGT = 420;

export function renderReportPng(bars: readonly Bar[], setup: ModelSetup, realised: readonly Realised[], from?: number, to?: number): { bytes: Buffer; caption: string } {
  const shown = bars.filter((b) => (from === undefined || b.ts >= from) && (to === undefined || b.ts + b.durationMs <= to));
  const png = new PNG({ width: W, height: HGT });
  png.data.fill(0);
  for (let i = 3; i < png.data.length; i += 4) png.data[i] = 255;
  if (shown.length === 0) return { bytes: PNG.sync.write(png), caption: 'no bars in the scored period' };
  const lo = Math.min(...shown.map((b) => b.low)) * 0.98;
  const hi = Math.max(...shown.map((b) => b.high)) * 1.02;
  const cols = Math.min(W, shown.length);
  const per = shown.length / cols;
  const rowUsd = (hi - lo) / HGT;
  const times = Array.from({ length: cols }, (_, c) => {
    const b = shown[Math.min(shown.length - 1, Math.floor((c + 1) * per) - 1)] as Bar;
    return b.ts + b.durationMs;
  });
  const columns = cohortModelPort.columns(bars, setup, times.map((t) => ({ t, priceLo: lo, priceHi: lo + rowUsd * HGT, rowUsd })));
  const colW = W / cols;
  let max = 0;
  for (const c of columns) for (let r = 0; r < HGT; r++) max = Math.max(max, (c.long[r] as number) + (c.short[r] as number));
  const y = (price: number) => HGT - 1 - Math.floor((price - lo) / rowUsd);
  const put = (x: number, yy: number, rgb: readonly [number, number, number]) => {
    if (x < 0 || x >= W || yy < 0 || yy >= HGT) return;
    const i = (yy * W + x) * 4;
    png.data[i] = rgb[0];
    png.data[i + 1] = rgb[1];
    png.data[i + 2] = rgb[2];
  };
  columns.forEach((c, ci) => {
    for (let r = 0; r < HGT; r++) {
      const v = (c.long[r] as number) + (c.short[r] as number);
      if (!(v > 0) || max <= 0) continue;
      const k = Math.sqrt(v / max);
      const rgb: [number, number, number] = [Math.round(255 * Math.min(1, 2 * k)), Math.round(255 * Math.max(0, 2 * k - 1)), Math.round(120 * (1 - k))];
      for (let x = Math.floor(ci * colW); x < Math.floor((ci + 1) * colW); x++) put(x, HGT - 1 - r, rgb);
    }
  });
  const t0 = (shown[0] as Bar).ts;
  const t1 = (shown[shown.length - 1] as Bar).ts + (shown[shown.length - 1] as Bar).durationMs;
  const xOf = (ts: number) => Math.floor(((ts - t0) / (t1 - t0)) * W);
  for (const b of shown) put(xOf(b.ts), y(b.close), [255, 255, 255]);
  const byTs = new Map(shown.map((b) => [b.ts, b] as const));
  const maxUsd = Math.max(1, ...realised.map((r) => Math.max(r.longUsd, r.shortUsd)));
  for (const r of realised) {
    if (r.ts < t0 || r.ts >= t1) continue;
    const bar = byTs.get(r.ts);
    for (const [usd, side] of [
      [r.longUsd, 'long'],
      [r.shortUsd, 'short'],
    ] as const) {
      if (!(usd > 0)) continue;
      const price = r.price ?? (bar ? (side === 'long' ? bar.low : bar.high) : undefined);
      if (price === undefined) continue;
      const rad = Math.max(1, Math.round(6 * Math.sqrt(usd / maxUsd)));
      const rgb: [number, number, number] = side === 'long' ? [255, 40, 40] : [40, 255, 90];
      const cx = xOf(r.ts);
      const cy = y(price);
      for (let dx = -rad; dx <= rad; dx++) for (let dy = -rad; dy <= rad; dy++) if (dx * dx + dy * dy <= rad * rad) put(cx + dx, cy + dy, rgb);
    }
  }
  const caption = `Model heatmap ${new Date(t0).toISOString()} → ${new Date(t1).toISOString()}, price ${lo.toFixed(0)}–${hi.toFixed(0)} USD; realised liquidations: longs red, shorts green (dot area ~ USD).`;
  return { bytes: PNG.sync.write(png), caption };
}
