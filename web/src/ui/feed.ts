// Live feed of real liquidations reported by the venues; large ones highlighted.
import type { Liquidation } from '../api/types.js';
import { clock, price, usd, venueShort } from '../format.js';
import { $, h } from './dom.js';

const KEEP = 80;
/** Notional from which a liquidation is highlighted, and from which it is called huge, USD. */
export const LARGE_USD = 100_000;
export const HUGE_USD = 1_000_000;

export class Feed {
  private readonly list = $('feed');
  private readonly count = $('feed-count');
  private seen = 0;
  private readonly keys = new Set<string>();

  /** Oldest first; each newest goes on top. */
  add(items: readonly Liquidation[], fresh = true): void {
    for (const l of items) {
      const key = `${l.venue}|${l.ts}|${l.price}|${l.qty}|${l.side}`;
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      this.seen++;
      const size = l.notionalUsd >= HUGE_USD ? 'huge' : l.notionalUsd >= LARGE_USD ? 'large' : '';
      const li = h(
        'li',
        { class: `liq ${l.side} ${size}${fresh ? ' fresh' : ''}`, title: `${l.market} · ${l.qty.toFixed(4)} BTC` },
        h('span', { class: 't', text: clock(l.ts) }),
        h('span', { class: 'v', text: venueShort(l.venue) }),
        h('span', { class: 's', text: l.side === 'long' ? 'Long' : 'Short' }),
        h('span', { class: 'n', text: usd(l.notionalUsd) }),
        h('span', { class: 'p', text: price(l.price) }),
      );
      this.list.prepend(li);
    }
    while (this.list.children.length > KEEP) {
      this.list.lastElementChild?.remove();
    }
    if (this.keys.size > 4 * KEEP) this.keys.clear();
    this.count.textContent = this.seen ? `${this.seen}` : '';
    if (this.list.children.length === 0) this.empty('No liquidations reported yet.');
  }

  empty(text: string): void {
    this.list.replaceChildren(h('li', { class: 'muted empty', text }));
  }

  clearEmpty(): void {
    this.list.querySelector('.empty')?.remove();
  }
}
