// UI state (range, filters, colour scale, palette) with change notification; display choices persist locally.
import { RANGE_NAMES, type RangeName, type Scale, type Side } from './api/types.js';
import type { Query } from './api/http.js';

export type SideFilter = 'both' | Side;

export interface ViewState {
  /** Named range, or null after a pan/zoom away from it. */
  range: RangeName | null;
  /** Venues shown (all collected venues when every one is on). */
  venues: string[];
  /** Leverage tiers shown. */
  leverage: number[];
  side: SideFilter;
  scale: Scale;
  palette: string;
  /** Share of non-empty cells below full heat, 0.9..0.9999. */
  contrast: number;
}

type Listener = (s: ViewState, changed: ReadonlySet<keyof ViewState>) => void;

const STORE_KEY = 'liqmap.view';

export class Store {
  private s: ViewState;
  private readonly listeners: Listener[] = [];
  allVenues: string[] = [];
  allTiers: number[] = [];

  constructor() {
    this.s = { range: '24h', venues: [], leverage: [], side: 'both', scale: 'linear', palette: 'classic', contrast: 0.995 };
    try {
      const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}') as Partial<ViewState>;
      if (saved.scale === 'linear' || saved.scale === 'log' || saved.scale === 'zscore') this.s.scale = saved.scale;
      if (typeof saved.palette === 'string') this.s.palette = saved.palette;
      if (saved.range && (RANGE_NAMES as readonly string[]).includes(saved.range)) this.s.range = saved.range;
    } catch {
      // no storage (private mode): defaults
    }
  }

  get(): Readonly<ViewState> {
    return this.s;
  }

  set(patch: Partial<ViewState>): void {
    const changed = new Set<keyof ViewState>();
    for (const k of Object.keys(patch) as (keyof ViewState)[]) if (JSON.stringify(patch[k]) !== JSON.stringify(this.s[k])) changed.add(k);
    if (changed.size === 0) return;
    this.s = { ...this.s, ...patch };
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify({ scale: this.s.scale, palette: this.s.palette, range: this.s.range }));
    } catch {
      // storage full or denied: not fatal
    }
    for (const l of this.listeners) l(this.s, changed);
  }

  on(l: Listener): void {
    this.listeners.push(l);
  }

  /** Filter parameters for the API (omitted when everything is selected). */
  filterQuery(): Query {
    const s = this.s;
    const q: Query = {};
    if (s.venues.length && s.venues.length < this.allVenues.length) q.venues = s.venues.join(',');
    if (s.leverage.length && s.leverage.length < this.allTiers.length) q.leverage = s.leverage.join(',');
    if (s.side !== 'both') q.sides = s.side;
    return q;
  }

  /** True when a filter leaves nothing to show. */
  empty(): boolean {
    return this.s.venues.length === 0 || this.s.leverage.length === 0;
  }
}
