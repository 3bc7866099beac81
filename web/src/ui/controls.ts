// Range buttons, venue toggles (with OI share and health dot), leverage tiers and presets, side, colour scale.
import { RANGE_NAMES, type Meta, type RangeName, type Scale, type VenueStatus } from '../api/types.js';
import { venueName } from '../format.js';
import { PALETTES } from '../heatmap/palette.js';
import type { SideFilter, Store } from '../state.js';
import { $, arrowKeys, h } from './dom.js';

/** Leverage presets by tier: low ≤ 10×, medium ≤ 50×, high above. */
export const PRESETS: { id: string; label: string; test: (l: number) => boolean }[] = [
  { id: 'all', label: 'All', test: () => true },
  { id: 'low', label: 'Low ≤10×', test: (l) => l <= 10 },
  { id: 'medium', label: 'Med 11–50×', test: (l) => l > 10 && l <= 50 },
  { id: 'high', label: 'High >50×', test: (l) => l > 50 },
];

export function mountRanges(store: Store): void {
  const box = $('ranges');
  for (const [i, r] of RANGE_NAMES.entries()) {
    const b = h('button', { type: 'button', role: 'radio', 'data-range': r, title: `Last ${r} (key ${i + 1})`, text: r });
    b.addEventListener('click', () => store.set({ range: r }));
    box.append(b);
  }
  arrowKeys(box);
  const sync = (): void => {
    const cur = store.get().range;
    for (const b of box.querySelectorAll<HTMLButtonElement>('button')) {
      const on = b.dataset.range === cur;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on || (cur === null && b.dataset.range === '24h') ? 0 : -1;
    }
  };
  store.on((_s, ch) => ch.has('range') && sync());
  sync();
}

export function rangeForKey(key: string): RangeName | null {
  const i = Number(key) - 1;
  return Number.isInteger(i) && i >= 0 && i < RANGE_NAMES.length ? RANGE_NAMES[i]! : null;
}

export class VenueToggles {
  private readonly box = $('venues');
  private readonly rows = new Map<string, { input: HTMLInputElement; dot: HTMLElement; share: HTMLElement; label: HTMLElement }>();

  constructor(
    private readonly store: Store,
    meta: Meta,
  ) {
    for (const { venue, markets } of meta.venues) {
      const input = h('input', { type: 'checkbox', id: `v-${venue}`, value: venue });
      input.checked = true;
      const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
      const share = h('span', { class: 'share' });
      const label = h('label', { for: `v-${venue}`, title: markets.join(', ') }, input, dot, h('span', { class: 'name', text: venueName(venue) }), share);
      input.addEventListener('change', () => this.commit());
      this.box.append(label);
      this.rows.set(venue, { input, dot, share, label });
    }
    const all = h('button', { type: 'button', class: 'link', text: 'all' });
    const none = h('button', { type: 'button', class: 'link', text: 'none' });
    all.addEventListener('click', () => this.setAll(true));
    none.addEventListener('click', () => this.setAll(false));
    this.box.append(h('div', { class: 'bulk' }, all, ' · ', none));
  }

  private setAll(on: boolean): void {
    for (const r of this.rows.values()) r.input.checked = on;
    this.commit();
  }

  private commit(): void {
    this.store.set({ venues: [...this.rows].filter(([, r]) => r.input.checked).map(([v]) => v) });
  }

  /** Health dot and OI share per venue (summed over its markets). */
  health(list: readonly VenueStatus[]): void {
    const by = new Map<string, { oi: number; known: boolean; up: number; n: number; lag: number }>();
    for (const s of list) {
      const a = by.get(s.venue) ?? { oi: 0, known: false, up: 0, n: 0, lag: 0 };
      if (s.oiShare !== null) {
        a.oi += s.oiShare;
        a.known = true;
      }
      a.n++;
      if (s.connected) a.up++;
      a.lag = Math.max(a.lag, s.lagMs ?? 0);
      by.set(s.venue, a);
    }
    for (const [venue, r] of this.rows) {
      const a = by.get(venue);
      const state = !a || a.up === 0 ? 'down' : a.up < a.n || a.lag > 30_000 ? 'warn' : 'up';
      r.dot.className = `dot ${state}`;
      r.dot.title = state === 'up' ? 'connected' : state === 'warn' ? 'degraded' : 'disconnected';
      r.share.textContent = a?.known ? `${(a.oi * 100).toFixed(a.oi < 0.1 ? 1 : 0)}%` : '–';
      r.label.setAttribute('aria-label', `${venueName(venue)}, ${r.dot.title}, open interest share ${r.share.textContent}`);
    }
  }
}

export function mountLeverage(store: Store, meta: Meta): void {
  const tiers = meta.tiers.map((t) => t.leverage).sort((a, b) => a - b);
  const presets = $('presets');
  const box = $('tiers');
  const inputs: HTMLInputElement[] = [];
  for (const t of tiers) {
    const input = h('input', { type: 'checkbox', id: `lev-${t}`, value: String(t) });
    input.addEventListener('change', () => store.set({ leverage: inputs.filter((i) => i.checked).map((i) => Number(i.value)) }));
    inputs.push(input);
    box.append(h('label', { for: `lev-${t}`, class: 'tier' }, input, `${t}×`));
  }
  for (const p of PRESETS) {
    const b = h('button', { type: 'button', 'data-preset': p.id, text: p.label, 'aria-pressed': 'false' });
    b.addEventListener('click', () => store.set({ leverage: tiers.filter(p.test) }));
    presets.append(b);
  }
  const sync = (): void => {
    const on = new Set(store.get().leverage);
    for (const i of inputs) i.checked = on.has(Number(i.value));
    for (const b of presets.querySelectorAll<HTMLButtonElement>('button')) {
      const p = PRESETS.find((x) => x.id === b.dataset.preset)!;
      const want = tiers.filter(p.test);
      b.setAttribute('aria-pressed', String(want.length === on.size && want.every((t) => on.has(t))));
    }
  };
  store.on((_s, ch) => ch.has('leverage') && sync());
  sync();
}

export function mountSides(store: Store): void {
  const box = $('sides');
  const opts: [SideFilter, string][] = [
    ['both', 'Both'],
    ['long', 'Longs'],
    ['short', 'Shorts'],
  ];
  for (const [v, label] of opts) {
    const b = h('button', { type: 'button', role: 'radio', 'data-side': v, text: label });
    b.addEventListener('click', () => store.set({ side: v }));
    box.append(b);
  }
  arrowKeys(box);
  const sync = (): void => {
    for (const b of box.querySelectorAll<HTMLButtonElement>('button')) {
      const on = b.dataset.side === store.get().side;
      b.setAttribute('aria-checked', String(on));
      b.tabIndex = on ? 0 : -1;
    }
  };
  store.on((_s, ch) => ch.has('side') && sync());
  sync();
}

export function mountColour(store: Store): void {
  const scale = $('scale') as HTMLSelectElement;
  const pal = $('palette') as HTMLSelectElement;
  const contrast = $('contrast') as HTMLInputElement;
  for (const p of PALETTES) pal.append(h('option', { value: p.id, text: p.label, title: p.colourBlindSafe ? 'readable with colour-blindness' : 'not colour-blind safe' }));
  // Slider 0..100 ↔ saturating quantile 0.95..0.9999.
  const toQ = (v: number): number => 1 - 0.05 * Math.pow(10, (-v / 100) * Math.log10(500));
  const fromQ = (q: number): number => Math.round((-100 * Math.log10((1 - q) / 0.05)) / Math.log10(500));
  const sync = (): void => {
    const s = store.get();
    scale.value = s.scale;
    pal.value = s.palette;
    contrast.value = String(fromQ(s.contrast));
    contrast.setAttribute('aria-valuetext', `top ${((1 - s.contrast) * 100).toFixed(2)}% of cells at full heat`);
  };
  scale.addEventListener('change', () => store.set({ scale: scale.value as Scale }));
  pal.addEventListener('change', () => store.set({ palette: pal.value }));
  contrast.addEventListener('input', () => store.set({ contrast: toQ(Number(contrast.value)) }));
  store.on((_s, ch) => (ch.has('scale') || ch.has('palette') || ch.has('contrast')) && sync());
  sync();
}
