// Alerts: the panel shows alerts pushed on the stream's `alerts` topic, also as browser notifications
// once the user allowed them; when the server documents POST /api/v1/alerts, the tooltip offers
// "Alert me" to create an alert from the hovered cluster with one click.
import type { AlertMsg } from '../api/types.js';
import { clock, price, usd } from '../format.js';
import { $, h } from './dom.js';
import type { CellInfo, Tooltip } from './tooltip.js';

/** A one-click alert from a heatmap cluster: an `approach` rule (src/alerts/rule.ts) for that band's side and size. */
export interface ClusterAlertDraft {
  kind: 'approach';
  name: string;
  side: 'long' | 'short' | 'both';
  /** Fire when price comes within this % of a cluster at least minUsd big. */
  distancePct: number;
  minUsd: number;
}

export function draftFromCell(c: CellInfo): ClusterAlertDraft {
  const side = c.distance === null ? 'both' : c.distance > 0 ? 'short' : 'long';
  return { kind: 'approach', name: `Cluster $${price(c.priceLo)}–$${price(c.priceHi)}`, side, distancePct: 0.5, minUsd: Math.max(1, Math.round(c.usd * 0.8)) };
}

export class AlertsPanel {
  private readonly panel = $('alerts-panel');
  private readonly list = $('alerts');
  writable = false;

  /** Show pushed alerts; called for each `alert` stream message. */
  add(a: AlertMsg): void {
    notify(a);
    this.panel.hidden = false;
    this.list.querySelector('.hint')?.remove();
    this.list.prepend(h('li', {}, h('span', { class: 't', text: clock(a.ts) }), h('span', { text: a.message })));
    while (this.list.children.length > 30) this.list.lastElementChild?.remove();
  }

  /** Detect the alerts API in the OpenAPI document; enable one-click creation from the tooltip when present. */
  async detect(tooltip: Tooltip): Promise<void> {
    try {
      const doc = (await (await fetch('/api/v1/openapi.json')).json()) as { paths?: Record<string, Record<string, unknown>> };
      this.writable = Boolean(doc.paths?.['/api/v1/alerts']?.post);
    } catch {
      this.writable = false;
    }
    if (!this.writable) return;
    this.panel.hidden = false;
    if (this.list.children.length === 0) this.list.append(h('li', { class: 'muted hint', text: 'Click a hot band on the heatmap, then “Alert me at this level”.' }));
    tooltip.action = { label: 'Alert me at this level', run: (c) => void this.create(c) };
  }

  private async create(c: CellInfo): Promise<void> {
    // Asked on the click that creates an alert: browsers only prompt from a user gesture.
    if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
    const draft = draftFromCell(c);
    const res = await fetch('/api/v1/alerts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(draft) });
    const text = res.ok ? `Alert set: $${price(c.priceLo)}–$${price(c.priceHi)} (${usd(c.usd)})` : `Could not create the alert (HTTP ${res.status})`;
    this.list.querySelector('.hint')?.remove();
    this.list.prepend(h('li', { class: res.ok ? '' : 'bad', text }));
  }
}

/** A system notification for an alert, when the user allowed them (one per alert id). */
function notify(a: AlertMsg): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification('liqmap alert', { body: a.message, tag: a.id });
  } catch {
    // Some browsers only allow notifications from a service worker; the panel still shows it.
  }
}
