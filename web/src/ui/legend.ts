// Colour legend: the ramp with USD ticks for the current scale.
import { usd } from '../format.js';
import { cssColour } from '../heatmap/palette.js';
import type { Normaliser } from '../heatmap/scale.js';
import { $, h } from './dom.js';

export function renderLegend(n: Normaliser, paletteId: string): void {
  const box = $('legend');
  const stops = Array.from({ length: 11 }, (_, i) => `${cssColour(paletteId, i / 10)} ${i * 10}%`).join(',');
  const bar = h('div', { class: 'ramp' });
  bar.style.background = `linear-gradient(to right, ${stops})`;
  const ticks = h('div', { class: 'ticks' });
  for (const u of [0, 0.25, 0.5, 0.75, 1]) {
    const t = h('span', { text: u === 1 ? `≥${usd(n.usdAt(u))}` : usd(Math.max(0, n.usdAt(u))) });
    t.style.left = `${u * 100}%`;
    ticks.append(t);
  }
  const name = n.scale === 'zscore' ? 'z-score' : n.scale;
  box.replaceChildren(h('span', { class: 'legend-title', text: `Est. liquidation notional (${name})` }), h('div', { class: 'ramp-wrap' }, bar, ticks));
  box.setAttribute('aria-label', `Colour legend, ${name} scale: darkest ${usd(Math.max(0, n.usdAt(0)))}, brightest ${usd(n.usdAt(1))} or more`);
}
