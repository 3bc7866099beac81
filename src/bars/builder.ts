// Normalised events → closed bars per venue-market. Bars close when their venue's watermark (the
// newest time that venue sent, or the wall clock via advance()) passes bar end + grace; events for a bar
// that already closed are counted as late, never silently lost. Markets seen once get a bar for
// every step (a quiet minute carries the previous close), flagged `gap` while disconnected.
import type { MarketEvent, VenueId } from '../core/events.js';
import type { Bar } from './bar.js';

export interface BarBuilderOptions {
  /** Bar length, ms. */
  readonly barMs: number;
  /** Events up to this long after a bar's end are still folded into it, ms. */
  readonly graceMs: number;
}

export interface BarBuilderStats {
  late: number;
  duplicates: number;
  /** Liquidations that arrived before the market's first trade (no price to build a bar on). */
  beforeStart: number;
}

interface Open {
  ts: number;
  open: number;
  openTs: number;
  high: number;
  low: number;
  close: number;
  closeTs: number;
  pv: number;
  buy: number;
  sell: number;
  trades: number;
  markHigh: number | null;
  markLow: number | null;
  markClose: number | null;
  liqLongBtc: number;
  liqLongUsd: number;
  liqLongCount: number;
  liqShortBtc: number;
  liqShortUsd: number;
  liqShortCount: number;
  gap: boolean;
}

interface MarketState {
  readonly venue: VenueId;
  readonly market: string;
  /** Open bars by start time. */
  readonly open: Map<number, Open>;
  /** Start of the next bar to close. */
  nextClose: number;
  lastClose: number | null;
  oi: { ts: number; btc: number; usd: number } | null;
  /** OI points not yet applied, by ts (out-of-order tolerant). */
  oiPending: { ts: number; btc: number; usd: number }[];
  funding: number | null;
  disconnected: boolean;
  /** After a resume from a stored bar, empty minutes before this bar start were not observed (the
   * process was down) and close flagged as gaps: +Infinity until the first live event, then its bar. */
  unobservedUntil: number;
  recentIds: Set<string>;
  /** Ring of the last ID_WINDOW trade ids (oldest evicted from the set). */
  idRing: (string | undefined)[];
  idPos: number;
}

const ID_WINDOW = 5000;

function byTimeVenueMarket(a: Bar, b: Bar): number {
  return a.ts - b.ts || (a.venue < b.venue ? -1 : a.venue > b.venue ? 1 : a.market < b.market ? -1 : a.market > b.market ? 1 : 0);
}

/** Each venue runs on its own clock, so one slow or polled venue never makes another's events late. */
interface VenueClock {
  /** Newest venue time seen. */
  mark: number;
  /** Earliest watermark at which one of its markets has a bar to close. */
  nextDue: number;
  readonly markets: MarketState[];
}

export class BarBuilder {
  private readonly markets = new Map<string, MarketState>();
  private readonly clocks = new Map<VenueId, VenueClock>();
  /** Newest wall-clock time passed to advance(). */
  private wall = 0;
  readonly stats: BarBuilderStats = { late: 0, duplicates: 0, beforeStart: 0 };

  constructor(private readonly opts: BarBuilderOptions) {}

  /** Fold one event in; returns the bars that closed because of it. */
  push(e: MarketEvent): Bar[] {
    const m = this.state(e.venue, e.market, e.ts);
    const start = this.floor(e.ts);
    const clock = this.clock(e.venue);
    if (e.kind === 'status') {
      // Bars that ended before the status change close with the old state.
      if (e.ts > clock.mark) clock.mark = e.ts;
      const closed = this.closeVenue(clock, clock.mark);
      m.disconnected = !e.connected;
      // The bar in which the link went down or came back is partial either way.
      this.bar(m, Math.max(start, m.nextClose)).gap = true;
      return closed;
    } else if (start < m.nextClose) {
      if (e.kind === 'openInterest' || e.kind === 'mark') this.applyLateState(m, e);
      else this.stats.late++;
    } else if (e.kind === 'trade') {
      if (e.id !== undefined && this.seen(m, e.id)) this.stats.duplicates++;
      else this.addTrade(this.bar(m, start), e.price, e.qty, e.takerSide, e.ts);
    } else if (e.kind === 'liquidation') {
      const b = this.bar(m, start);
      if (e.side === 'long') {
        b.liqLongBtc += e.qty;
        b.liqLongUsd += e.notionalUsd;
        b.liqLongCount++;
      } else {
        b.liqShortBtc += e.qty;
        b.liqShortUsd += e.notionalUsd;
        b.liqShortCount++;
      }
    } else if (e.kind === 'openInterest') {
      m.oiPending.push({ ts: e.ts, btc: e.oiBtc, usd: e.oiUsd });
      this.bar(m, start);
    } else {
      const b = this.bar(m, start);
      b.markHigh = b.markHigh === null ? e.markPrice : Math.max(b.markHigh, e.markPrice);
      b.markLow = b.markLow === null ? e.markPrice : Math.min(b.markLow, e.markPrice);
      b.markClose = e.markPrice;
      if (e.fundingRate !== undefined) m.funding = e.fundingRate;
    }
    if (start >= m.nextClose && m.unobservedUntil === Infinity) m.unobservedUntil = start;
    if (e.ts > clock.mark) clock.mark = e.ts;
    return clock.mark >= clock.nextDue ? this.closeVenue(clock, clock.mark) : [];
  }

  /** Close every bar whose end + grace ≤ now (call on a timer with the wall clock when live). */
  advance(now: number): Bar[] {
    if (now > this.wall) this.wall = now;
    const out: Bar[] = [];
    for (const c of this.clocks.values()) out.push(...this.closeVenue(c, Math.max(c.mark, this.wall)));
    return out.sort(byTimeVenueMarket);
  }

  private clock(venue: VenueId): VenueClock {
    let c = this.clocks.get(venue);
    if (!c) {
      c = { mark: 0, nextDue: -Infinity, markets: [] };
      this.clocks.set(venue, c);
    }
    return c;
  }

  private closeVenue(c: VenueClock, limit: number): Bar[] {
    const out: Bar[] = [];
    const lag = this.opts.barMs + this.opts.graceMs;
    let due = Infinity;
    for (const m of c.markets) {
      while (m.nextClose + lag <= limit) {
        const bar = this.close(m, m.nextClose);
        if (bar) out.push(bar);
        m.nextClose += this.opts.barMs;
      }
      due = Math.min(due, m.nextClose + lag);
    }
    c.nextDue = due;
    return out.sort(byTimeVenueMarket);
  }

  /** Continue a market after a restart from its last stored bar: the next bar opens after it,
   * quiet minutes carry its close, and its OI and funding carry forward until new ones arrive. */
  seed(bar: Bar): void {
    const m = this.state(bar.venue, bar.market, bar.ts);
    const next = bar.ts + this.opts.barMs;
    if (m.lastClose !== null && m.nextClose > next) return;
    m.nextClose = next;
    const c = this.clock(bar.venue);
    c.nextDue = Math.min(c.nextDue, next + this.opts.barMs + this.opts.graceMs);
    m.lastClose = bar.close;
    for (const ts of m.open.keys()) if (ts < next) m.open.delete(ts);
    if (bar.oiBtc !== null && bar.oiUsd !== null) m.oi = { ts: next - 1, btc: bar.oiBtc, usd: bar.oiUsd };
    if (bar.fundingRate !== null) m.funding = bar.fundingRate;
    m.unobservedUntil = Infinity;
  }

  /** Close every open bar (end of a replay). */
  flush(): Bar[] {
    const out: Bar[] = [];
    for (const m of this.markets.values()) {
      const last = Math.max(m.nextClose - this.opts.barMs, ...m.open.keys());
      while (m.nextClose <= last) {
        const bar = this.close(m, m.nextClose);
        if (bar) out.push(bar);
        m.nextClose += this.opts.barMs;
      }
    }
    return out.sort(byTimeVenueMarket);
  }

  private floor(ts: number): number {
    return ts - (ts % this.opts.barMs);
  }

  private state(venue: VenueId, market: string, ts: number): MarketState {
    const key = `${venue}|${market}`;
    let m = this.markets.get(key);
    if (!m) {
      m = {
        venue,
        market,
        open: new Map(),
        nextClose: this.floor(ts),
        lastClose: null,
        oi: null,
        oiPending: [],
        funding: null,
        disconnected: false,
        unobservedUntil: -Infinity,
        recentIds: new Set(),
        idRing: new Array<string | undefined>(ID_WINDOW),
        idPos: 0,
      };
      this.markets.set(key, m);
      const c = this.clock(venue);
      c.markets.push(m);
      c.nextDue = Math.min(c.nextDue, m.nextClose + this.opts.barMs + this.opts.graceMs);
    }
    return m;
  }

  private seen(m: MarketState, id: string): boolean {
    if (m.recentIds.has(id)) return true;
    const old = m.idRing[m.idPos];
    if (old !== undefined) m.recentIds.delete(old);
    m.idRing[m.idPos] = id;
    m.idPos = (m.idPos + 1) % ID_WINDOW;
    m.recentIds.add(id);
    return false;
  }

  private bar(m: MarketState, start: number): Open {
    let b = m.open.get(start);
    if (!b) {
      b = {
        ts: start,
        open: 0,
        openTs: Infinity,
        high: -Infinity,
        low: Infinity,
        close: 0,
        closeTs: -Infinity,
        pv: 0,
        buy: 0,
        sell: 0,
        trades: 0,
        markHigh: null,
        markLow: null,
        markClose: null,
        liqLongBtc: 0,
        liqLongUsd: 0,
        liqLongCount: 0,
        liqShortBtc: 0,
        liqShortUsd: 0,
        liqShortCount: 0,
        gap: m.disconnected,
      };
      m.open.set(start, b);
    }
    return b;
  }

  private addTrade(b: Open, price: number, qty: number, side: 'buy' | 'sell', ts: number): void {
    if (ts < b.openTs) {
      b.openTs = ts;
      b.open = price;
    }
    if (ts >= b.closeTs) {
      b.closeTs = ts;
      b.close = price;
    }
    b.high = Math.max(b.high, price);
    b.low = Math.min(b.low, price);
    b.pv += price * qty;
    if (side === 'buy') b.buy += qty;
    else b.sell += qty;
    b.trades++;
  }

  /** OI or mark arriving after its bar closed still updates the state carried forward. */
  private applyLateState(m: MarketState, e: MarketEvent): void {
    if (e.kind === 'openInterest' && (!m.oi || e.ts > m.oi.ts)) m.oi = { ts: e.ts, btc: e.oiBtc, usd: e.oiUsd };
    else if (e.kind === 'mark' && e.fundingRate !== undefined) m.funding = e.fundingRate;
    else this.stats.late++;
  }

  private close(m: MarketState, start: number): Bar | null {
    const b = m.open.get(start);
    m.open.delete(start);
    const end = start + this.opts.barMs;
    if (m.oiPending.length) {
      const keep: typeof m.oiPending = [];
      for (const p of m.oiPending) {
        if (p.ts < end) {
          if (!m.oi || p.ts >= m.oi.ts) m.oi = p;
        } else keep.push(p);
      }
      m.oiPending = keep;
    }
    const prev = m.lastClose;
    const traded = b !== undefined && b.trades > 0;
    if (!traded && prev === null) {
      // No price yet for this market: liquidations here cannot form a bar; count them.
      if (b) this.stats.beforeStart += b.liqLongCount + b.liqShortCount;
      return null;
    }
    const close = traded ? b.close : (prev as number);
    const gap = b ? b.gap : m.disconnected || start < m.unobservedUntil;
    const bar: Bar = {
      venue: m.venue,
      market: m.market,
      ts: start,
      durationMs: this.opts.barMs,
      open: traded ? b.open : close,
      high: traded ? b.high : close,
      low: traded ? b.low : close,
      close,
      vwap: traded ? b.pv / (b.buy + b.sell) : close,
      buyVolume: b?.buy ?? 0,
      sellVolume: b?.sell ?? 0,
      trades: b?.trades ?? 0,
      oiBtc: m.oi?.btc ?? null,
      oiUsd: m.oi?.usd ?? null,
      markHigh: b?.markHigh ?? null,
      markLow: b?.markLow ?? null,
      markClose: b?.markClose ?? null,
      fundingRate: m.funding,
      liqLongBtc: b?.liqLongBtc ?? 0,
      liqLongUsd: b?.liqLongUsd ?? 0,
      liqLongCount: b?.liqLongCount ?? 0,
      liqShortBtc: b?.liqShortBtc ?? 0,
      liqShortUsd: b?.liqShortUsd ?? 0,
      liqShortCount: b?.liqShortCount ?? 0,
      gap,
    };
    m.lastClose = close;
    return bar;
  }
}
