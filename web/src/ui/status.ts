// What the page says about its state: demo label, live/disconnected chip, and the chart overlay for
// loading, empty and unreachable states (each says what is happening and what to do).
import type { ApiError } from '../api/http.js';
import type { StreamStatus } from '../api/stream.js';
import type { Health } from '../api/types.js';
import { duration } from '../format.js';
import { $, h } from './dom.js';

export class Status {
  private readonly chip = $('status');
  private readonly overlay = $('overlay');
  simulated = false;
  private stream: StreamStatus = 'connecting';
  private health: Health | null = null;

  setSimulated(on: boolean): void {
    this.simulated = on;
    $('demo-mark').hidden = !on;
    document.body.classList.toggle('demo', on);
    this.render();
  }

  setStream(s: StreamStatus): void {
    this.stream = s;
    this.render();
  }

  setHealth(hl: Health): void {
    this.health = hl;
    this.render();
  }

  /** Venue counts from the stream's venue messages (fresher than the health poll). */
  setVenues(connected: number, total: number): void {
    if (this.health) this.health = { ...this.health, venuesConnected: connected, venuesTotal: total };
    this.render();
  }

  private render(): void {
    const hl = this.health;
    const base = this.simulated ? 'DEMO · simulated' : 'LIVE';
    let problem = '';
    let cls = this.simulated ? 'demo' : 'ok';
    if (this.stream === 'closed') {
      problem = 'stream disconnected, reconnecting…';
      cls = 'bad';
    } else if (this.stream === 'connecting') {
      problem = 'connecting…';
      cls = 'warn';
    } else if (hl && hl.venuesConnected === 0) {
      problem = 'no venue connected';
      cls = 'bad';
    } else if (hl && hl.status === 'degraded') {
      problem = `data ${hl.dataAgeMs === null ? 'missing' : `${duration(hl.dataAgeMs)} old`}`;
      cls = 'warn';
    }
    this.chip.textContent = problem ? `${base} · ${problem}` : base;
    this.chip.className = `chip ${cls}`;
    this.chip.title = `${this.simulated ? 'Simulated market (liqmap serve --demo): not real trading data. ' : ''}${hl?.venuesConnected ?? 0}/${hl?.venuesTotal ?? 0} venues connected`;
  }

  loading(on: boolean): void {
    document.body.classList.toggle('loading', on);
  }

  /** Overlay on the chart; null hides it. */
  message(title: string | null, detail = '', hint = ''): void {
    if (title === null) {
      this.overlay.hidden = true;
      return;
    }
    const kids: Node[] = [h('strong', { text: title })];
    if (detail) kids.push(h('p', { text: detail }));
    if (hint) kids.push(h('p', { class: 'hint' }, h('code', { text: hint })));
    this.overlay.replaceChildren(h('div', { class: 'card' }, ...kids));
    this.overlay.hidden = false;
  }

  /** Explain a failed heatmap load. */
  error(e: ApiError): void {
    const hl = this.health;
    if (e.code === 'unreachable') return this.message('Cannot reach the liqmap server', 'The page will retry. Is the server still running?', 'npm start   (or: npm start -- --demo)');
    if (e.code === 'no_data') {
      if (hl && hl.venuesConnected === 0 && !hl.simulated) return this.message('No venue reachable', 'liqmap cannot connect to any exchange, so there is no data to map yet. Check the network or firewall, or try the offline demo:', 'npm start -- --demo');
      return this.message('Waiting for data', `The model has not seen a closed bar yet (${hl?.venuesConnected ?? 0}/${hl?.venuesTotal ?? 0} venues connected). The heatmap appears within a minute or two.`);
    }
    this.message('The heatmap could not be loaded', e.message);
  }
}

export function mountSheet(): void {
  const panel = $('controls');
  const toggle = $('sheet-toggle');
  const backdrop = $('sheet-backdrop');
  const set = (open: boolean): void => {
    panel.classList.toggle('open', open);
    backdrop.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) panel.querySelector<HTMLElement>('input,button,select')?.focus();
  };
  toggle.addEventListener('click', () => set(!panel.classList.contains('open')));
  $('sheet-close').addEventListener('click', () => set(false));
  backdrop.addEventListener('click', () => set(false));
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && panel.classList.contains('open')) {
      set(false);
      toggle.focus();
    }
  });
}
