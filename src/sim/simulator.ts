// Agent-based BTC perpetuals market with known truth. Leveraged traders open isolated-margin
// positions on every venue (sized to each venue's OI share), close them on take-profit,
// stop-loss or time, and are force-closed by each venue's own liquidation rule when the mark
// price crosses their liquidation price. Forced closes are market orders that move the price,
// so cascades happen. Deterministic from the seed; no clock, no I/O.
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../core/events.js';
import { liquidationPrice, tierFor, type Side, type VenueRules } from '../core/margin.js';
import { rulesFor } from '../exchanges/rules.js';
import { Heap } from './heap.js';
import { SIM_MARKETS, type SimMarket } from './markets.js';
import { DEFAULT_PRICE, PriceProcess, type PriceParams } from './price.js';
import { Rng } from './rng.js';

export interface SimParams {
  readonly seed: number;
  /** Simulated start time, ms epoch. */
  readonly startTs: number;
  readonly stepMs: number;
  /** Total one-sided open interest across venues at the start, USD. */
  readonly totalOiUsd: number;
  /** Share of open interest held by the simulated leveraged traders (the rest never liquidates). */
  readonly traderShare: number;
  readonly meanPositionUsd: number;
  readonly meanHoldMs: number;
  /** Leverage distribution; tiers above a venue's max are dropped and the rest renormalised. */
  readonly leverage: readonly { readonly lev: number; readonly weight: number }[];
  /** Share of traders who set a stop-loss (between entry and liquidation). */
  readonly stopLossShare: number;
  /** Background taker trades per second across all venues (no OI change). */
  readonly noiseTradesPerSec: number;
  /** Median size of a background trade, BTC (lognormal). */
  readonly noiseLotBtc: number;
  /** Give trades venue-style ids (history generation leaves them out: nobody deduplicates it). */
  readonly tradeIds: boolean;
  readonly markEveryMs: number;
  readonly oiEveryMs: number;
  readonly price: PriceParams;
  readonly markets: readonly SimMarket[];
}

/** What may change between history generation and live running. */
export type Cadence = Pick<SimParams, 'stepMs' | 'markEveryMs' | 'oiEveryMs' | 'noiseTradesPerSec' | 'noiseLotBtc' | 'tradeIds'>;

export const DEFAULT_SIM: SimParams = {
  seed: 42,
  startTs: Date.UTC(2026, 0, 5),
  stepMs: 1000,
  totalOiUsd: 25e9,
  traderShare: 0.22,
  meanPositionUsd: 250_000,
  meanHoldMs: 10 * 3_600_000,
  leverage: [
    { lev: 2, weight: 0.04 },
    { lev: 3, weight: 0.06 },
    { lev: 5, weight: 0.14 },
    { lev: 10, weight: 0.22 },
    { lev: 20, weight: 0.18 },
    { lev: 25, weight: 0.1 },
    { lev: 50, weight: 0.13 },
    { lev: 75, weight: 0.05 },
    { lev: 100, weight: 0.05 },
    { lev: 125, weight: 0.03 },
  ],
  stopLossShare: 0.45,
  noiseTradesPerSec: 6,
  noiseLotBtc: 0.05,
  tradeIds: true,
  markEveryMs: 1000,
  oiEveryMs: 3000,
  price: DEFAULT_PRICE,
  markets: SIM_MARKETS,
};

/** One trader position: the ground truth the model tries to estimate. */
export interface TruePosition {
  readonly id: number;
  readonly venue: SimMarket['venue'];
  readonly market: string;
  readonly side: Side;
  readonly leverage: number;
  readonly entry: number;
  readonly liqPrice: number;
  readonly notionalUsd: number;
  readonly sizeBtc: number;
  readonly openedTs: number;
}

interface Position extends TruePosition {
  readonly m: number;
  readonly tp: number;
  readonly sl: number | null;
  readonly closeAt: number;
  open: boolean;
}

type Trigger = { readonly pos: Position; readonly kind: 'liq' | 'tp' | 'sl' };

interface MarketState {
  readonly spec: SimMarket;
  readonly rules: VenueRules;
  readonly levs: readonly number[];
  readonly levWeights: readonly number[];
  readonly levTotal: number;
  /** Triggers at or below the mark (long liq/SL, short TP): max-heap via negated keys. */
  readonly below: Heap<Trigger>;
  /** Triggers at or above the mark (short liq/SL, long TP). */
  readonly above: Heap<Trigger>;
  baselineOiBtc: number;
  traderOiBtc: number;
  noise: number;
  mark: number;
  last: number;
  tradeId: number;
  openRatePerMs: number;
  /** Open positions now and the steady-state count the open rate steers toward. */
  count: number;
  target: number;
}

export interface SimStats {
  opened: number;
  closed: number;
  liquidated: number;
  liquidatedUsd: number;
}

export class Simulator {
  params: SimParams;
  private readonly rng: Rng;
  private readonly price: PriceProcess;
  private readonly markets: MarketState[];
  private readonly shares: readonly number[];
  private readonly shareSum: number;
  private readonly expiries = new Heap<Position>();
  private readonly positions = new Map<number, Position>();
  private t: number;
  private nextId = 1;
  private lastMark = -Infinity;
  private lastOi = -Infinity;
  private ema: number;
  private emaVar = 0;
  private netFlowUsd = 0;
  private out: MarketEvent[] = [];
  private seq = 0;
  readonly stats: SimStats = { opened: 0, closed: 0, liquidated: 0, liquidatedUsd: 0 };

  constructor(params: Partial<SimParams> = {}) {
    this.params = { ...DEFAULT_SIM, ...params };
    const p = this.params;
    this.rng = new Rng(p.seed);
    this.price = new PriceProcess(p.price, this.rng);
    this.t = p.startTs;
    this.ema = Math.log(p.price.start);
    const shareSum = p.markets.reduce((s, m) => s + m.oiShare, 0);
    this.shares = p.markets.map((m) => m.oiShare);
    this.shareSum = shareSum;
    this.markets = p.markets.map((spec) => {
      const rules = rulesFor(spec.venue, spec.market);
      const allowed = p.leverage.filter((l) => l.lev <= rules.maxLeverage);
      const oiUsd = (p.totalOiUsd * spec.oiShare) / shareSum;
      const traderUsd = oiUsd * p.traderShare;
      const mark = p.price.start * (1 + spec.basis);
      return {
        spec,
        rules,
        levs: allowed.map((l) => l.lev),
        levWeights: allowed.map((l) => l.weight),
        levTotal: allowed.reduce((s, l) => s + l.weight, 0),
        below: new Heap<Trigger>(),
        above: new Heap<Trigger>(),
        baselineOiBtc: (oiUsd - traderUsd) / p.price.start,
        traderOiBtc: 0,
        noise: 0,
        mark,
        last: mark,
        tradeId: 0,
        openRatePerMs: traderUsd / p.meanPositionUsd / p.meanHoldMs,
        count: 0,
        target: Math.round(traderUsd / p.meanPositionUsd),
      };
    });
    this.seedBook();
  }

  get now(): number {
    return this.t;
  }

  get globalPrice(): number {
    return this.price.price;
  }

  /** Advance one step; returns the events of that step in time order. */
  step(): MarketEvent[] {
    const p = this.params;
    this.out = [];
    this.seq = 0;
    this.t += p.stepMs;
    this.price.impact(this.netFlowUsd);
    this.netFlowUsd = 0;
    const g = this.price.step(p.stepMs);
    this.trackMomentum(g);
    for (let i = 0; i < this.markets.length; i++) {
      const ms = this.markets[i] as MarketState;
      ms.noise = ms.noise * 0.97 + 0.00004 * this.rng.normal();
      ms.mark = g * (1 + ms.spec.basis);
      ms.last = g * (1 + ms.spec.basis + ms.noise);
      this.fireTriggers(ms);
    }
    this.expire();
    for (let i = 0; i < this.markets.length; i++) {
      const ms = this.markets[i] as MarketState;
      // Exits by take-profit and stops are faster than meanHoldMs: steer the book to its size.
      const fill = ms.count > 0 ? ms.target / ms.count : 8;
      const n = this.rng.poisson(ms.openRatePerMs * p.stepMs * Math.min(8, Math.max(0.2, fill * fill)));
      for (let k = 0; k < n; k++) this.openPosition(i, ms, this.t, ms.last, true);
    }
    this.noiseTrades();
    if (this.t - this.lastMark >= p.markEveryMs) {
      this.lastMark = this.t;
      for (const ms of this.markets) this.emitMark(ms);
    }
    if (this.t - this.lastOi >= p.oiEveryMs) {
      this.lastOi = this.t;
      for (const ms of this.markets) {
        ms.baselineOiBtc *= 1 + 0.0003 * this.rng.normal();
        this.emitOi(ms);
      }
    }
    return this.out;
  }

  /** Change the step, the event cadence and detail (history is generated coarser). */
  setCadence(c: Partial<Cadence>): void {
    this.params = { ...this.params, ...c };
  }

  /** Run until `untilTs`, handing each step's events to `sink`. */
  runUntil(untilTs: number, sink: (events: MarketEvent[]) => void): void {
    while (this.t + this.params.stepMs <= untilTs) sink(this.step());
  }

  /** Every open trader position now: the true liquidation levels. */
  truth(): TruePosition[] {
    const out: TruePosition[] = [];
    for (const pos of this.positions.values()) {
      const { id, venue, market, side, leverage, entry, liqPrice, notionalUsd, sizeBtc, openedTs } = pos;
      out.push({ id, venue, market, side, leverage, entry, liqPrice, notionalUsd, sizeBtc, openedTs });
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** Open interest one-sided per market now, BTC. */
  openInterest(): { venue: string; market: string; oiBtc: number }[] {
    return this.markets.map((m) => ({ venue: m.spec.venue, market: m.spec.market, oiBtc: m.baselineOiBtc + m.traderOiBtc }));
  }

  private ts(): number {
    // Events of a step get distinct, increasing times inside the step.
    return this.t + Math.min(this.params.stepMs - 1, this.seq++);
  }

  private trackMomentum(g: number): void {
    const lp = Math.log(g);
    const a = this.params.stepMs / 3_600_000;
    const d = lp - this.ema;
    this.ema += a * d;
    this.emaVar = (1 - a) * this.emaVar + a * d * d;
  }

  /** Steady-state book at the start, as if opened over the previous hours. */
  private seedBook(): void {
    const p = this.params;
    for (let i = 0; i < this.markets.length; i++) {
      const ms = this.markets[i] as MarketState;
      for (let k = 0; k < ms.target; k++) {
        const entry = ms.mark * Math.exp(0.012 * this.rng.normal());
        const age = this.rng.uniform(0, p.meanHoldMs);
        this.openPosition(i, ms, p.startTs - Math.round(age), entry, false);
      }
    }
  }

  private openPosition(m: number, ms: MarketState, ts: number, entry: number, live: boolean): void {
    const p = this.params;
    const rng = this.rng;
    const z = this.emaVar > 0 ? (Math.log(entry) - this.ema) / Math.sqrt(this.emaVar) : 0;
    const side: Side = rng.next() < 0.5 + 0.2 * Math.tanh(z) ? 'long' : 'short';
    const lev = ms.levs[rng.pick(ms.levWeights, ms.levTotal)] ?? 10;
    // High-leverage positions are smaller (smaller accounts): size ∝ (10 / L)^0.5.
    const notionalUsd = p.meanPositionUsd * Math.sqrt(10 / lev) * Math.exp(rng.normal() * 0.9 - 0.405);
    const mmr = tierFor(ms.rules, notionalUsd).mmr;
    const liq = liquidationPrice(ms.rules.formula, side, entry, lev, mmr);
    const mark = ms.mark;
    // A seeded position whose level the price already crossed would have been liquidated.
    if (side === 'long' ? liq >= mark : liq <= mark) return;
    const dist = Math.abs(entry - liq);
    const dir = side === 'long' ? 1 : -1;
    const tp = entry + dir * entry * rng.uniform(0.004, 0.04);
    const sl = rng.next() < p.stopLossShare ? entry - dir * dist * rng.uniform(0.3, 0.85) : null;
    if (sl !== null && (side === 'long' ? sl >= mark : sl <= mark)) return;
    const pos: Position = {
      id: this.nextId++,
      m,
      venue: ms.spec.venue,
      market: ms.spec.market,
      side,
      leverage: lev,
      entry,
      liqPrice: liq,
      notionalUsd,
      sizeBtc: notionalUsd / entry,
      openedTs: ts,
      tp,
      sl,
      closeAt: ts + Math.round(rng.exponential(p.meanHoldMs)),
      open: true,
    };
    this.positions.set(pos.id, pos);
    ms.count++;
    ms.traderOiBtc += pos.sizeBtc;
    // Long liquidation and stop sit below the price, its take-profit above; mirrored for shorts.
    this.addTrigger(ms, pos, 'liq', liq, side === 'long');
    if (sl !== null) this.addTrigger(ms, pos, 'sl', sl, side === 'long');
    this.addTrigger(ms, pos, 'tp', tp, side === 'short');
    this.expiries.push(pos.closeAt, pos);
    this.stats.opened++;
    if (live) this.trade(ms, side === 'long' ? 'buy' : 'sell', pos.sizeBtc);
  }

  private addTrigger(ms: MarketState, pos: Position, kind: Trigger['kind'], price: number, below: boolean): void {
    if (below) ms.below.push(-price, { pos, kind });
    else ms.above.push(price, { pos, kind });
  }

  private fireTriggers(ms: MarketState): void {
    const mark = ms.mark;
    while (ms.below.size > 0 && -(ms.below.peekKey() as number) >= mark) this.fire(ms, ms.below.pop() as Trigger);
    while (ms.above.size > 0 && (ms.above.peekKey() as number) <= mark) this.fire(ms, ms.above.pop() as Trigger);
  }

  private fire(ms: MarketState, trig: Trigger): void {
    const pos = trig.pos;
    if (!pos.open) return;
    this.close(ms, pos, trig.kind === 'liq');
  }

  private expire(): void {
    while (this.expiries.size > 0 && (this.expiries.peekKey() as number) <= this.t) {
      const pos = this.expiries.pop() as Position;
      if (pos.open) this.close(this.markets[pos.m] as MarketState, pos, false);
    }
  }

  private close(ms: MarketState, pos: Position, liquidated: boolean): void {
    pos.open = false;
    this.positions.delete(pos.id);
    ms.count--;
    ms.traderOiBtc -= pos.sizeBtc;
    const takerSide = pos.side === 'long' ? 'sell' : 'buy';
    // Forced closes fill around the liquidation price, a little worse in a fast market.
    const px = liquidated ? pos.liqPrice * (pos.side === 'long' ? 0.9998 : 1.0002) : ms.last;
    const qty = pos.notionalUsd / px;
    this.trade(ms, takerSide, qty, px);
    if (liquidated) {
      this.stats.liquidated++;
      this.stats.liquidatedUsd += qty * px;
      const ts = this.ts();
      const e: LiquidationEvent = {
        kind: 'liquidation',
        venue: ms.spec.venue,
        market: ms.spec.market,
        ts,
        recvTs: ts,
        price: px,
        qty,
        notionalUsd: qty * px,
        side: pos.side,
      };
      this.out.push(e);
    } else {
      this.stats.closed++;
    }
  }

  private noiseTrades(): void {
    const p = this.params;
    const n = this.rng.poisson((p.noiseTradesPerSec * p.stepMs) / 1000);
    for (let k = 0; k < n; k++) {
      const ms = this.markets[this.rng.pick(this.shares, this.shareSum)] as MarketState;
      const qty = p.noiseLotBtc * Math.exp(this.rng.normal() * 1.2);
      this.trade(ms, this.rng.next() < 0.5 ? 'buy' : 'sell', qty);
    }
  }

  private trade(ms: MarketState, takerSide: 'buy' | 'sell', qty: number, price = ms.last): void {
    const ts = this.ts();
    const id = ++ms.tradeId;
    const base = { kind: 'trade', venue: ms.spec.venue, market: ms.spec.market, ts, recvTs: ts, price, qty, takerSide } as const;
    const e: TradeEvent = this.params.tradeIds ? { ...base, id: String(id) } : base;
    this.out.push(e);
    this.netFlowUsd += (takerSide === 'buy' ? 1 : -1) * qty * price;
  }

  private emitMark(ms: MarketState): void {
    const ts = this.ts();
    const index = this.price.price;
    const e: MarkEvent = {
      kind: 'mark',
      venue: ms.spec.venue,
      market: ms.spec.market,
      ts,
      recvTs: ts,
      markPrice: ms.mark,
      indexPrice: index,
      fundingRate: Math.max(-0.0075, Math.min(0.0075, 0.0001 + (ms.mark - index) / index / 3)),
      nextFundingTs: Math.ceil((this.t + 1) / 28_800_000) * 28_800_000,
    };
    this.out.push(e);
  }

  private emitOi(ms: MarketState): void {
    const ts = this.ts();
    const oiBtc = ms.baselineOiBtc + ms.traderOiBtc;
    const e: OpenInterestEvent = {
      kind: 'openInterest',
      venue: ms.spec.venue,
      market: ms.spec.market,
      ts,
      recvTs: ts,
      oiBtc,
      oiUsd: oiBtc * ms.mark,
    };
    this.out.push(e);
  }
}
