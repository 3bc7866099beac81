// Venue health: connected, lag, message rate, reconnects and gaps per venue-market.
import type { VenueStatus } from '../api/types.js';
import { duration, venueShort } from '../format.js';
import { $, h } from './dom.js';

export function renderHealth(list: readonly VenueStatus[]): void {
  const box = $('health');
  if (list.length === 0) {
    box.replaceChildren(h('p', { class: 'muted', text: 'No venue reported yet.' }));
    return;
  }
  const head = h('tr', {}, ...['venue', 'lag', 'msg/s', 'gaps'].map((t) => h('th', { scope: 'col', text: t })));
  const rows = list.map((s) => {
    const state = !s.connected ? 'down' : (s.lagMs ?? 0) > 30_000 ? 'warn' : 'up';
    return h(
      'tr',
      { class: state, title: `${s.venue} ${s.market}: ${s.connected ? 'connected' : 'disconnected'}, ${s.reconnects} reconnects` },
      h('td', {}, h('span', { class: `dot ${state}`, 'aria-label': state === 'up' ? 'connected' : state === 'warn' ? 'lagging' : 'disconnected' }), `${venueShort(s.venue)} `, h('small', { text: marketTag(s.market) })),
      h('td', { text: s.lagMs === null ? '–' : duration(s.lagMs) }),
      h('td', { text: s.msgsPerSec.toFixed(s.msgsPerSec < 10 ? 1 : 0) }),
      h('td', { class: s.gaps ? 'bad' : '', text: String(s.gaps) }),
    );
  });
  box.replaceChildren(h('table', { class: 'health' }, h('thead', {}, head), h('tbody', {}, ...rows)));
}

/** Quote currency of a market symbol, enough to tell a venue's markets apart. */
function marketTag(m: string): string {
  return /USDT/i.test(m) ? 'USDT' : /USDC/i.test(m) ? 'USDC' : /USD/i.test(m) ? 'USD' : m.slice(0, 6);
}
