// Hover/tap tooltip: price band, time, estimated notional, distance from price, and the venue × tier breakdown.
import type { MouseEventParams, Time } from 'lightweight-charts';
import { getJson, isAbort } from '../api/http.js';
import type { Breakdown } from '../api/types.js';
import type { HeatmapView } from '../chart/heatmap-view.js';
import { dateTime, pct, price, usd, venueShort } from '../format.js';
import type { Store } from '../state.js';
import { $, h } from './dom.js';

export interface CellInfo {
  col: number;
  row: number;
  t0: number;
  t1: number;
  priceLo: number;
  priceHi: number;
  usd: number;
  /** (band centre − price) / price, or null without a price. */
  distance: number | null;
}

export type ClusterAction = (c: CellInfo) => void;

export class Tooltip {
  private readonly el = $('tooltip');
  private timer = 0;
  private abort: AbortController | null = null;
  private key = '';
  private readonly cache = new Map<string, Breakdown>();
  /** Extra action buttons (alerts plug in here). */
  action: { label: string; run: ClusterAction } | null = null;

  constructor(
    private readonly view: HeatmapView,
    private readonly store: Store,
  ) {
    view.parts.chart.subscribeCrosshairMove((p) => !this.pinned && this.move(p));
    // A click or tap pins the tooltip (its buttons become usable); another click or Escape releases it.
    view.parts.chart.subscribeClick((p) => {
      if (this.pinned) return this.unpin();
      this.move(p);
      if (!this.el.hidden) this.pin();
    });
    $('chart').addEventListener('mouseleave', () => !this.pinned && this.hide());
    document.addEventListener('keydown', (e) => e.key === 'Escape' && this.pinned && this.unpin());
  }

  private pinned = false;

  private pin(): void {
    this.pinned = true;
    this.el.classList.add('pinned');
    // Re-render so the pinned tooltip shows its action button at once.
    if (this.shown) this.render(this.shown.c, this.shown.b);
  }

  private unpin(): void {
    this.pinned = false;
    this.el.classList.remove('pinned');
    this.hide();
  }

  cell(x: number, y: number): CellInfo | null {
    const g = this.view.grid;
    const { chart, candles } = this.view.parts;
    if (!g) return null;
    const logical = chart.timeScale().coordinateToLogical(x);
    const p = candles.coordinateToPrice(y);
    if (logical === null || p === null) return null;
    const col = Math.round(logical);
    const row = g.row(p);
    if (col < 0 || col >= g.cols || row < 0 || row >= g.rows) return null;
    const lo = g.priceLo + row * g.rowUsd;
    const hi = lo + g.rowUsd;
    const ref = this.view.price;
    return { col, row, t0: g.from + col * g.colMs, t1: g.from + (col + 1) * g.colMs, priceLo: lo, priceHi: hi, usd: g.value(col, row), distance: ref ? ((lo + hi) / 2 - ref) / ref : null };
  }

  private move(p: MouseEventParams<Time>): void {
    const c = p.point ? this.cell(p.point.x, p.point.y) : null;
    if (!c || !p.point) return this.hide();
    this.render(c, null);
    this.place(p.point.x, p.point.y);
    const key = `${c.t1}|${c.priceLo}|${JSON.stringify(this.store.filterQuery())}`;
    if (key === this.key) {
      const hit = this.cache.get(key);
      if (hit) this.render(c, hit);
      return;
    }
    this.key = key;
    window.clearTimeout(this.timer);
    const hit = this.cache.get(key);
    if (hit) return this.render(c, hit);
    this.timer = window.setTimeout(() => void this.fetch(c, key), 90);
  }

  private async fetch(c: CellInfo, key: string): Promise<void> {
    this.abort?.abort();
    const ac = new AbortController();
    this.abort = ac;
    try {
      const b = await getJson<Breakdown>('breakdown', { at: Math.round(c.t1), priceLo: c.priceLo.toFixed(2), priceHi: c.priceHi.toFixed(2), ...this.store.filterQuery() }, ac.signal);
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(key, b);
      if (this.key === key && !this.el.hidden) this.render(c, b);
    } catch (e) {
      if (!isAbort(e) && this.key === key) this.el.querySelector('.bd')?.replaceChildren(h('span', { class: 'muted', text: 'breakdown unavailable' }));
    }
  }

  /** What the tooltip shows now (re-rendered when pinned). */
  private shown: { c: CellInfo; b: Breakdown | null } | null = null;

  private render(c: CellInfo, b: Breakdown | null): void {
    this.shown = { c, b };
    const dist = c.distance === null ? '' : ` · ${pct(c.distance)} from price`;
    const head = h(
      'div',
      { class: 'tt-head' },
      h('div', { class: 'tt-price', text: `$${price(c.priceLo)} – $${price(c.priceHi)}` }),
      h('div', { class: 'muted', text: `${dateTime(c.t0)} UTC${dist}` }),
      h('div', { class: 'tt-usd' }, h('span', { class: 'muted', text: 'Est. notional ' }), h('strong', { text: usd(c.usd) })),
    );
    const bd = h('div', { class: 'bd' });
    if (!b) bd.append(h('span', { class: 'muted', text: 'breakdown…' }));
    else if (b.totalUsd <= 0) bd.append(h('span', { class: 'muted', text: 'no estimated positions in this band' }));
    else {
      bd.append(h('div', { class: 'sides' }, h('span', { class: 'long', text: `Longs ${usd(b.bySide.long)}` }), h('span', { class: 'short', text: `Shorts ${usd(b.bySide.short)}` })));
      bd.append(bars('By venue', Object.entries(b.byVenue).map(([k, v]) => [venueShort(k), v]), b.totalUsd));
      const tiers = Object.entries(b.byLeverage).sort((x, y) => parseFloat(x[0]) - parseFloat(y[0]));
      bd.append(bars('By leverage', tiers, b.totalUsd));
    }
    const kids: Node[] = [head, bd];
    if (this.action && !this.pinned) kids.push(h('div', { class: 'muted tt-hint', text: 'Click to pin and set an alert' }));
    if (this.action && this.pinned) {
      const act = this.action;
      const btn = h('button', { type: 'button', class: 'tt-action', text: act.label });
      btn.addEventListener('click', () => {
        act.run(c);
        this.unpin();
      });
      kids.push(btn);
    }
    this.el.replaceChildren(...kids);
    this.el.hidden = false;
  }

  private place(x: number, y: number): void {
    const box = $('chart').getBoundingClientRect();
    const w = this.el.offsetWidth;
    const ht = this.el.offsetHeight;
    const left = x + 16 + w > box.width - 60 ? x - 16 - w : x + 16;
    const top = Math.min(Math.max(4, y - ht / 2), box.height - ht - 4);
    this.el.style.transform = `translate(${Math.max(4, left)}px, ${Math.max(4, top)}px)`;
  }

  hide(): void {
    this.el.hidden = true;
    this.key = '';
    window.clearTimeout(this.timer);
  }
}

function bars(title: string, rows: [string, number][], total: number): HTMLElement {
  const top = rows.filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  const list = h('div', { class: 'bars' });
  for (const [k, v] of title === 'By leverage' ? rows.filter(([, x]) => x > 0) : top.slice(0, 6)) {
    const fill = h('span', { class: 'fill' });
    fill.style.width = `${Math.max(2, (v / total) * 100)}%`;
    list.append(h('div', { class: 'bar' }, h('span', { class: 'k', text: k }), h('span', { class: 'track' }, fill), h('span', { class: 'v', text: usd(v) })));
  }
  return h('div', { class: 'bd-sec' }, h('div', { class: 'bd-title', text: title }), list);
}
