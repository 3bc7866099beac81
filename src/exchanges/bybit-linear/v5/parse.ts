// Bybit v5 public-stream parser, shared by bybit-linear (BTCUSDT) and bybit-inverse (BTCUSD).
// Per-instance state: the merged tickers per symbol (snapshot + partial deltas).
import type { LiquidationEvent, MarketEvent, TradeEvent, VenueId } from '../../../core/events.js';
import { arr, epochMs, FrameError, obj, optStr, parseJson, positive, str, type JsonObject } from '../../../core/fields.js';
import { Scan } from '../../../core/scan.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../../core/venue.js';
import { liquidationEvent, tradeEvent } from './events.js';
import { fastFrame, type Channel, type FastTarget, type Route } from './fast.js';
import { parseRest } from './rest-parse.js';
import { MARK_CHANGED, OI_CHANGED, tickerFields, TickerState, type TickerFields } from './ticker-state.js';
import { sizeToBtc, sizeToUsd } from './units.js';

/** Re-label a FrameError raised inside `data[i]` so the reason names the full path. */
function within(prefix: string, e: unknown): unknown {
  if (!(e instanceof FrameError)) return e;
  return new FrameError(e.field ? `${prefix}.${e.field}` : prefix, e.message.slice(e.field.length + 2));
}

function takerSide(v: string): 'buy' | 'sell' {
  if (v === 'Buy') return 'buy';
  if (v === 'Sell') return 'sell';
  throw new FrameError('S', `expected Buy or Sell, got ${JSON.stringify(v)}`);
}

/**
 * Liquidation side rule. Bybit's `S` (allLiquidation) and `side` (deprecated liquidation topic)
 * are the POSITION side: "When you receive a `Buy` update, this means that a long position has
 * been liquidated" (docs/v5/websocket/public/all-liquidation.mdx, quoted in bybit.md §2.2; tardis
 * maps it the same way). So Buy → long, Sell → short — the opposite of Binance's order side.
 */
export function liquidatedSide(v: string, field: string): 'long' | 'short' {
  if (v === 'Buy') return 'long';
  if (v === 'Sell') return 'short';
  throw new FrameError(field, `expected Buy or Sell, got ${JSON.stringify(v)}`);
}

const CHANNELS: readonly Channel[] = ['publicTrade', 'allLiquidation', 'liquidation', 'tickers'];
const NOTHING: readonly MarketEvent[] = Object.freeze([]);

/** 13-digit integers from 1.23e12 to 4e12 − 1: within what isEpochMs (core/fields.ts) accepts. */
const EPOCH_MS = '(?:1(?:2[3-9]|[3-9]\\d)\\d{10}|[23]\\d{12})';

export class BybitV5Parser implements VenueParser, FastTarget {
  private readonly markets = new Map<string, MarketSpec>();
  /** Every topic we handle → its channel and market: one lookup per frame. */
  private readonly routes = new Map<string, Route>();
  private readonly tickers = new Map<string, TickerState>();
  /** Per symbol: the exact shape of a flat tickers delta (string values only), see quietDelta(). */
  private readonly deltaShapes: RegExp[] = [];

  /** The scanner path (fast.ts); none with `scan: false` (the reference it is tested against). */
  private readonly sc: Scan | undefined;

  constructor(
    readonly venue: VenueId,
    markets: readonly MarketSpec[],
    opts: { readonly scan?: boolean } = {},
  ) {
    this.sc = opts.scan === false ? undefined : new Scan();
    for (const m of markets) {
      this.markets.set(m.symbol, m);
      for (const channel of CHANNELS) this.routes.set(`${channel}.${m.symbol}`, { channel, m });
      const sym = m.symbol.replace(/[^A-Za-z0-9]/g, '\\$&');
      this.deltaShapes.push(new RegExp(`^\\{"topic":"tickers\\.${sym}","type":"delta","data":\\{"symbol":"${sym}"(?:,"[A-Za-z0-9]+":"[^"\\\\\\u0000-\\u001f]*")*\\},"cs":(?:0|[1-9]\\d{0,19}),"ts":${EPOCH_MS}\\}$`));
    }
  }

  /**
   * Most tickers traffic is deltas that only move bid/ask, volume and turnover: nothing for us. A frame
   * that matches its symbol's exact delta shape (so it is well-formed JSON of a known layout) and names
   * none of the fields we keep is answered without JSON.parse; anything else takes the full path.
   */
  private quietDelta(frame: string): boolean {
    if (frame.includes('markPrice"') || frame.includes('indexPrice"') || frame.includes('unding') || frame.includes('penInterest"')) return false;
    for (const re of this.deltaShapes) if (re.test(frame)) return true;
    return false;
  }

  ws(frame: string, recvTs: number): ParseOutcome {
    if (frame.startsWith('{"topic":"tickers.') && this.quietDelta(frame)) return { kind: 'events', events: NOTHING };
    const fast = this.sc && fastFrame(this.sc, this, frame, recvTs);
    if (fast) return fast;
    const msg = obj(parseJson(frame), 'frame');
    const topic = msg['topic'];
    if (typeof topic !== 'string') return control(msg);
    const route = this.routes.get(topic);
    if (!route) return unrouted(topic);
    const m = route.m;
    switch (route.channel) {
      case 'publicTrade':
        return { kind: 'events', events: this.trades(msg, m, recvTs) };
      case 'allLiquidation':
        return { kind: 'events', events: this.liquidations(msg, m, recvTs) };
      case 'liquidation':
        return { kind: 'events', events: [this.legacyLiquidation(msg, m, recvTs)] };
      default:
        return { kind: 'events', events: this.ticker(msg, m, recvTs) };
    }
  }

  rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    return parseRest(this, req, body, recvTs);
  }

  route(topic: string): Route | undefined {
    return this.routes.get(topic);
  }

  market(symbol: string): MarketSpec | undefined {
    return this.markets.get(symbol);
  }

  /** Merged ticker state of a symbol (REST open-interest rows are valued at its mark price). */
  tickerState(symbol: string): TickerState | undefined {
    return this.tickers.get(symbol);
  }

  /** publicTrade: data[] of {T fill ms, s, S taker side, v size, p price, i id} (bybit.md §2.1). */
  private trades(msg: JsonObject, m: MarketSpec, recvTs: number): TradeEvent[] {
    const data = arr(msg['data'], 'data');
    const out: TradeEvent[] = [];
    let i = 0;
    try {
      for (; i < data.length; i++) {
        const t = obj(data[i], '');
        if (t['s'] !== m.symbol) throw new FrameError('s', `expected ${m.symbol}, got ${String(t['s'])}`);
        const price = positive(t, 'p');
        out.push(tradeEvent(this.venue, m, epochMs(t, 'T'), recvTs, price, positive(t, 'v'), takerSide(str(t, 'S')), optStr(t, 'i')));
      }
    } catch (e) {
      throw within(`data[${i}]`, e);
    }
    return out;
  }

  /**
   * allLiquidation: data[] of {T ms, s, S position side, v size, p bankruptcy price}, batched every
   * 500 ms. `p` is the only price Bybit gives (no fill price), so it is the event price.
   */
  private liquidations(msg: JsonObject, m: MarketSpec, recvTs: number): LiquidationEvent[] {
    const data = arr(msg['data'], 'data');
    const out: LiquidationEvent[] = [];
    let i = 0;
    try {
      for (; i < data.length; i++) {
        const l = obj(data[i], '');
        if (l['s'] !== m.symbol) throw new FrameError('s', `expected ${m.symbol}, got ${String(l['s'])}`);
        out.push(liquidationEvent(this.venue, m, epochMs(l, 'T'), recvTs, positive(l, 'p'), positive(l, 'v'), liquidatedSide(str(l, 'S'), 'S')));
      }
    } catch (e) {
      throw within(`data[${i}]`, e);
    }
    return out;
  }

  /** Deprecated `liquidation.{symbol}` (one per second; kept for replaying old captures). */
  private legacyLiquidation(msg: JsonObject, m: MarketSpec, recvTs: number): LiquidationEvent {
    try {
      const d = obj(msg['data'], 'data');
      if (d['symbol'] !== m.symbol) throw new FrameError('symbol', `expected ${m.symbol}, got ${String(d['symbol'])}`);
      return liquidationEvent(this.venue, m, epochMs(d, 'updatedTime'), recvTs, positive(d, 'price'), positive(d, 'size'), liquidatedSide(str(d, 'side'), 'side'));
    } catch (e) {
      throw within('data', e);
    }
  }

  /** tickers: merge into the symbol's state, then emit what this message changed and is known. */
  private ticker(msg: JsonObject, m: MarketSpec, recvTs: number): readonly MarketEvent[] {
    const type = str(msg, 'type');
    if (type !== 'snapshot' && type !== 'delta') throw new FrameError('type', `expected snapshot or delta, got ${JSON.stringify(type)}`);
    const ts = epochMs(msg, 'ts');
    const d = obj(msg['data'], 'data');
    if (d['symbol'] !== m.symbol) throw new FrameError('data.symbol', `expected ${m.symbol}, got ${String(d['symbol'])}`);
    return this.applyTicker(m, tickerFields(d), type === 'snapshot', ts, recvTs);
  }

  /** Shared with REST /v5/market/tickers, whose list rows are full snapshots. */
  applyTicker(m: MarketSpec, d: TickerFields, snapshot: boolean, ts: number, recvTs: number): readonly MarketEvent[] {
    const prev = this.tickers.get(m.symbol);
    // A snapshot replaces the state (a fresh one follows every (re)subscribe); merge validates
    // every field before applying any, so a bad frame leaves the state as it was.
    const next = snapshot || !prev ? new TickerState() : prev;
    const change = next.merge(d);
    if (next !== prev) this.tickers.set(m.symbol, next);
    const mark = next.markPrice;
    if (mark === undefined) {
      if (change & OI_CHANGED) next.oiPending = true;
      return NOTHING;
    }
    const oiChanged = (change & OI_CHANGED) !== 0 || next.oiPending;
    if ((change & MARK_CHANGED) === 0 && !oiChanged) return NOTHING;
    const out: MarketEvent[] = [];
    if (change & MARK_CHANGED) {
      out.push({
        kind: 'mark',
        venue: this.venue,
        market: m.symbol,
        ts,
        recvTs,
        markPrice: mark,
        indexPrice: next.indexPrice,
        fundingRate: next.fundingRate,
        nextFundingTs: next.nextFundingTs,
      });
    }
    const oi = next.oneSidedOi();
    if (oiChanged && oi !== undefined) {
      next.oiPending = false;
      // Linear: OI in BTC, valued at mark. Inverse: OI in USD contracts, BTC at mark.
      out.push({ kind: 'openInterest', venue: this.venue, market: m.symbol, ts, recvTs, oiBtc: sizeToBtc(m, oi, mark), oiUsd: sizeToUsd(m, oi, mark) });
    }
    return out;
  }
}

/** Why a topic we have no route for is dropped: a channel we do not use, or a market not configured. */
function unrouted(topic: string): ParseOutcome {
  const dot = topic.lastIndexOf('.');
  const channel = topic.slice(0, dot);
  if (!(CHANNELS as readonly string[]).includes(channel)) return { kind: 'drop', reason: `unknown topic ${topic}` };
  return { kind: 'drop', reason: `unknown market ${topic.slice(dot + 1)} (topic ${topic})` };
}

/**
 * Frames without a topic: subscribe acks `{"success":true,"ret_msg":"","op":"subscribe",…}`, pongs
 * `{"success":true,"ret_msg":"pong","op":"ping",…}` (linear/inverse) or `{"op":"pong",…}` (spot,
 * private), and errors with `"success":false` and the reason in `ret_msg` (bybit.md §1.2–1.3).
 */
function control(msg: JsonObject): ParseOutcome {
  const op = msg['op'];
  if (typeof op !== 'string') return { kind: 'drop', reason: 'frame has neither topic nor op' };
  const retMsg = typeof msg['ret_msg'] === 'string' ? msg['ret_msg'] : '';
  if (msg['success'] === false) return { kind: 'drop', reason: `venue error on ${op}: ${retMsg || '(no ret_msg)'}` };
  if (op === 'pong' || retMsg === 'pong') return { kind: 'control', what: 'pong' };
  return { kind: 'control', what: `${op} ack` };
}

export function createV5Parser(venue: VenueId, markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): BybitV5Parser {
  return new BybitV5Parser(venue, markets, opts);
}
