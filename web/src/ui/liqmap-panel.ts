// Liquidation map: notional per price bucket (longs below the price, shorts above) with cumulative curves
// from the current price, and the bigger side within ±2% called out.
import { getJson, isAbort } from '../api/http.js';
import type { LiqMap, RangeName } from '../api/types.js';
import { price as fmtPrice, usd } from '../format.js';
import type { Store } from '../state.js';
import { $ } from './dom.js';

const LONG = '#ff4d7d';
const SHORT = '#2ee6a6';

export interface Callout {
  side: 'above' | 'below' | 'even';
  aboveUsd: number;
  belowUsd: number;
  within: number;
}

/** Shorts above within `within` of price vs longs below: which side holds more liquidation notional. */
export function callout(m: LiqMap, within = 0.02): Callout | null {
  if (m.price === null) return null;
  let above = 0;
  let below = 0;
  for (const b of m.buckets) {
    if (b.price > m.price && b.price <= m.price * (1 + within)) above += b.shortUsd;
    if (b.price < m.price && b.price >= m.price * (1 - within)) below += b.longUsd;
  }
  const side = above > below * 1.05 ? 'above' : below > above * 1.05 ? 'below' : 'even';
  return { side, aboveUsd: above, belowUsd: below, within };
}

export class LiqMapPanel {
  private readonly canvas = $('liqmap') as HTMLCanvasElement;
  private readonly note = $('liqmap-callout');
  private data: LiqMap | null = null;
  private abort: AbortController | null = null;
  private timer = 0;
  private last = 0;

  constructor(private readonly store: Store) {
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  /** Refetch, at most every 3 s unless forced. */
  refresh(force = false): void {
    const wait = force ? 0 : Math.max(0, 3000 - (Date.now() - this.last));
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.fetch(), wait);
  }

  private async fetch(): Promise<void> {
    this.last = Date.now();
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    const range: RangeName = this.store.get().range ?? '24h';
    try {
      const m = await getJson<LiqMap>('liqmap', { range: range === '12h' ? '12h' : '24h', buckets: 120, ...this.store.filterQuery() }, ac.signal);
      this.data = m;
      this.draw();
    } catch (e) {
      if (isAbort(e)) return;
      this.note.textContent = 'Liquidation map unavailable: waiting for data.';
    }
  }

  private draw(): void {
    const m = this.data;
    const cv = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const w = cv.clientWidth;
    const ht = cv.clientHeight;
    if (w === 0 || ht === 0) return;
    cv.width = Math.round(w * dpr);
    cv.height = Math.round(ht * dpr);
    const ctx = cv.getContext('2d');
    if (!ctx || !m) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, ht);
    const c = callout(m);
    if (c) {
      const more = c.side === 'above' ? `More liquidity above: ${usd(c.aboveUsd)} of shorts within 2%` : c.side === 'below' ? `More liquidity below: ${usd(c.belowUsd)} of longs within 2%` : `Balanced within 2%: ${usd(c.aboveUsd)} above, ${usd(c.belowUsd)} below`;
      this.note.textContent = more;
      this.note.className = `callout ${c.side}`;
    }
    const n = m.buckets.length;
    if (n === 0 || m.price === null) return;
    const axisW = 64;
    const plotW = w - axisW - 6;
    const y = (p: number): number => ht - ((p - m.priceLo) / (m.priceHi - m.priceLo)) * ht;
    let maxB = 1;
    let maxCum = 1;
    for (const b of m.buckets) {
      maxB = Math.max(maxB, b.longUsd, b.shortUsd);
      maxCum = Math.max(maxCum, b.cumLongUsd, b.cumShortUsd);
    }
    const rowH = Math.max(1, ht / n - 0.5);
    for (const b of m.buckets) {
      const v = b.price < m.price ? b.longUsd : b.shortUsd;
      if (v <= 0) continue;
      ctx.fillStyle = b.price < m.price ? LONG : SHORT;
      ctx.globalAlpha = 0.85;
      ctx.fillRect(0, y(b.price) - rowH / 2, (v / maxB) * plotW, rowH);
    }
    ctx.globalAlpha = 1;
    // Cumulative curves from the price outwards.
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = '#ffd166';
    ctx.beginPath();
    let started = false;
    for (const b of m.buckets) {
      const v = b.price < m.price ? b.cumLongUsd : b.cumShortUsd;
      const px = (v / maxCum) * plotW;
      if (!started) ctx.moveTo(px, y(b.price));
      else ctx.lineTo(px, y(b.price));
      started = true;
    }
    ctx.stroke();
    // Price line and axis labels.
    const py = y(m.price);
    ctx.strokeStyle = '#ffffff';
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(0, py);
    ctx.lineTo(plotW, py);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = '11px ui-sans-serif, system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#8f90a8';
    for (const f of [-0.08, -0.04, 0.04, 0.08]) {
      const p = m.price * (1 + f);
      if (p < m.priceLo || p > m.priceHi) continue;
      ctx.fillText(`${f > 0 ? '+' : ''}${f * 100}%`, plotW + 6, y(p));
    }
    ctx.fillStyle = '#ffffff';
    ctx.fillText(fmtPrice(m.price), plotW + 6, Math.min(ht - 8, Math.max(8, py)));
    cv.setAttribute('aria-label', `Liquidation map around ${fmtPrice(m.price)}: ${usd(m.totals.longUsd)} of longs below, ${usd(m.totals.shortUsd)} of shorts above. ${this.note.textContent ?? ''}`);
  }
}
