// Entry point: wires the API, the stream, the heatmap view and the panels together.
import { ApiError, getJson, type Query } from './api/http.js';
import { Stream, type Subscription } from './api/stream.js';
import type { Health, Liquidations, Meta, StreamMsg, VenueStatus } from './api/types.js';
import { HeatmapView, type Window } from './chart/heatmap-view.js';
import { duration, price } from './format.js';
import { Store } from './state.js';
import { AlertsPanel } from './ui/alerts.js';
import { mountColour, mountLeverage, mountRanges, mountSides, rangeForKey, VenueToggles } from './ui/controls.js';
import { $ } from './ui/dom.js';
import { Feed } from './ui/feed.js';
import { renderHealth } from './ui/health.js';
import { renderLegend } from './ui/legend.js';
import { LiqMapPanel } from './ui/liqmap-panel.js';
import { mountSheet, Status } from './ui/status.js';
import { Tooltip } from './ui/tooltip.js';

declare global {
  interface Window {
    /** Handle for the browser tests and the frame-time bench. */
    liqmap?: { view: HeatmapView; store: Store };
  }
}

const store = new Store();
const status = new Status();
const feed = new Feed();
const alerts = new AlertsPanel();
const liqmap = new LiqMapPanel(store);
let venueToggles: VenueToggles | null = null;
let retryTimer = 0;
/** Set once the metadata arrived and the controls exist: filter changes before that load nothing. */
let booted = false;

const view = new HeatmapView($('chart'), store, {
  loading: (on) => status.loading(on),
  loaded: (g) => {
    window.clearTimeout(retryTimer);
    status.message(null);
    subscribe();
    showPrice();
    const info = $('grid-info');
    info.textContent = `${g.cols}×${g.rows} cells · ${duration(g.colMs)}/col · $${g.rowUsd.toFixed(g.rowUsd < 10 ? 1 : 0)}/row`;
  },
  error: (e) => {
    status.error(e);
    if (e.code === 'unreachable' || e.code === 'no_data' || e.status >= 500) retryTimer = window.setTimeout(reload, 5000);
  },
  custom: () => store.set({ range: null }),
  recoloured: (n) => renderLegend(n, store.get().palette),
});
const tooltip = new Tooltip(view, store);
const stream = new Stream(onMessage, (s) => status.setStream(s));
window.liqmap = { view, store };

/** Load the current window again; after a pan/zoom the visible span is kept. */
function reload(): void {
  void view.load(currentWindow(), store.get().range === null ? (view.visibleSpan() ?? undefined) : undefined);
}

/** The named range, or after a pan/zoom the window loaded now (so a filter change keeps the view). */
function currentWindow(): Window {
  const r = store.get().range;
  const g = view.grid;
  if (r !== null || !g) return { range: r ?? '24h' };
  return { from: g.from, to: Math.min(view.edge, g.to) };
}

function filterArrays(): Pick<NonNullable<Subscription['heatmap']>, 'venues' | 'sides' | 'leverage'> {
  const q: Query = store.filterQuery();
  return {
    ...(q.venues ? { venues: String(q.venues).split(',') } : {}),
    ...(q.sides ? { sides: [String(q.sides)] } : {}),
    ...(q.leverage ? { leverage: String(q.leverage).split(',').map(Number) } : {}),
  };
}

function subscribe(): void {
  const g = view.grid;
  const f = filterArrays();
  const sub: Subscription = { topics: ['liquidations', 'venues', 'alerts'] };
  if (g) {
    sub.topics.push('heatmap');
    sub.heatmap = { priceLo: g.priceLo, priceHi: g.priceHi, rows: g.rows, ...f };
  }
  stream.subscribe(sub);
}

function showPrice(): void {
  const p = view.price;
  $('last-price').textContent = p === null ? '—' : `$${price(p)}`;
}

function venueOn(v: string): boolean {
  return store.get().venues.includes(v);
}

function onMessage(m: StreamMsg): void {
  switch (m.type) {
    case 'heatmap':
      if (view.applyColumn(m)) showPrice();
      if (m.kind === 'closed') liqmap.refresh();
      break;
    case 'liquidation':
      if (venueOn(m.data.venue)) {
        feed.clearEmpty();
        feed.add([m.data]);
      }
      break;
    case 'venues':
      venueToggles?.health(m.data);
      renderHealth(m.data);
      status.setVenues(new Set(m.data.filter((v) => v.connected).map((v) => v.venue)).size, new Set(m.data.map((v) => v.venue)).size);
      break;
    case 'alert':
      alerts.add(m.data);
      break;
    case 'error':
      console.warn(`stream: ${m.message}`);
      break;
    default:
      break;
  }
}

async function pollHealth(): Promise<void> {
  try {
    status.setHealth(await getJson<Health>('health'));
  } catch {
    // the stream status tells the user
  }
}

async function loadFeed(): Promise<void> {
  try {
    const r = await getJson<Liquidations>('liquidations', { range: '24h', limit: 60 });
    const list = r.liquidations.filter((l) => venueOn(l.venue));
    if (list.length === 0) feed.empty(status.simulated ? 'No simulated liquidations yet.' : 'No liquidations reported in the last 24 h.');
    else feed.add(list, false);
  } catch {
    feed.empty('Liquidations unavailable.');
  }
}

function onKey(e: KeyboardEvent): void {
  const t = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey || e.altKey || t.matches('input, select, textarea')) return;
  const r = rangeForKey(e.key);
  if (r) {
    store.set({ range: r });
    return;
  }
  if (t.id !== 'chart') return;
  const act: Record<string, () => void> = {
    ArrowLeft: () => view.pan(-0.1),
    ArrowRight: () => view.pan(0.1),
    '+': () => view.zoom(0.8),
    '=': () => view.zoom(0.8),
    '-': () => view.zoom(1.25),
  };
  const f = act[e.key];
  if (f) {
    e.preventDefault();
    f();
  }
}

store.on((s, ch) => {
  if (!booted) return;
  if (ch.has('scale') || ch.has('palette') || ch.has('contrast')) view.recolour();
  const filters = ch.has('venues') || ch.has('leverage') || ch.has('side');
  if (filters && store.empty()) {
    status.message('Nothing selected', 'Turn on at least one venue and one leverage tier.');
    return;
  }
  if ((ch.has('range') && s.range !== null) || filters) {
    // After a pan/zoom, a filter change keeps the visible span.
    reload();
    liqmap.refresh(true);
  }
});

async function boot(first: boolean): Promise<void> {
  if (first) {
    // Every venue and tier is on until the metadata says which exist: the first grid needs no filter.
    status.message('Loading heatmap…');
    void view.load(currentWindow());
    liqmap.refresh(true);
  }
  let meta: Meta;
  try {
    meta = await getJson<Meta>('meta');
  } catch (e) {
    status.error(e instanceof ApiError ? e : new ApiError(0, 'unreachable', String(e)));
    window.setTimeout(() => void boot(false), 4000);
    return;
  }
  status.setSimulated(meta.simulated);
  store.allVenues = meta.venues.map((v) => v.venue);
  store.allTiers = meta.tiers.map((t) => t.leverage);
  venueToggles = new VenueToggles(store, meta);
  mountLeverage(store, meta);
  store.set({ venues: store.allVenues, leverage: store.allTiers });
  booted = true;
  stream.start();
  void pollHealth();
  window.setInterval(() => void pollHealth(), 10_000);
  void loadFeed();
  void getJson<VenueStatus[]>('venues').then((v) => {
    venueToggles?.health(v);
    renderHealth(v);
  });
  window.setTimeout(() => void alerts.detect(tooltip), 1500);
}

mountSheet();
mountRanges(store);
mountSides(store);
mountColour(store);
document.addEventListener('keydown', onKey);
void boot(true);
