// Binance futures frames and REST bodies → normalised events (USDⓈ-M and COIN-M alike).
// Frames come wrapped `{"stream","data"}` on /stream and bare on /ws; both are accepted.
import type { LiquidationEvent, MarkEvent, MarketEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import {
  FrameError,
  checkMs,
  isObject,
  itemObj,
  obj,
  optStr,
  parseJson,
  str,
  type Json,
  type JsonObject,
} from '../../core/fields.js';
import * as fast from '../../core/fields-fast.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { fastEvent } from './fast.js';
import type { BinanceProfile } from './profile.js';
import { parseOpenInterest, parseOpenInterestHist, restError } from './parse-rest.js';

const NOTHING: ParseOutcome = { kind: 'events', events: [] };

/** Events are built field by field (optional fields assigned, not spread: this is the hot path). */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export class BinanceParser implements VenueParser {
  private readonly bySymbol = new Map<string, MarketSpec>();
  /** Last price per symbol: REST open interest carries no price, yet needs one for BTC↔USD. */
  private readonly lastPrice = new Map<string, number>();

  constructor(
    private readonly profile: BinanceProfile,
    markets: readonly MarketSpec[],
    /** `false`: every frame through JSON.parse (the reference the template path is tested against). */
    private readonly templates = true,
  ) {
    for (const m of markets) this.bySymbol.set(m.symbol, m);
  }

  ws(frame: string, recvTs: number): ParseOutcome {
    const event = this.templates ? fastEvent(frame) : undefined;
    if (event) return this.payload(event, recvTs);
    const msg = parseJson(frame);
    if (Array.isArray(msg)) return this.many(msg, recvTs);
    const o = obj(msg, 'frame');
    const data = o.data;
    if (data !== undefined && typeof o.stream === 'string') {
      return Array.isArray(data) ? this.many(data, recvTs) : this.payload(obj(data, 'data'), recvTs);
    }
    if (typeof o.e === 'string') return this.payload(o, recvTs);
    return control(o);
  }

  rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    const path = req.path.split('?')[0] ?? '';
    const json = parseJson(body);
    const err = restError(json);
    if (err) return { kind: 'drop', reason: err };
    if (path === `${this.profile.api}/openInterest`) {
      const o = obj(json, 'body');
      const spec = this.market(str(o, 'symbol'), 'symbol');
      const e = parseOpenInterest(this.profile, spec, o, this.lastPrice.get(spec.symbol), recvTs);
      return e ? { kind: 'events', events: [e] } : { kind: 'control', what: `open interest of ${spec.symbol} held: no price seen yet` };
    }
    if (path === '/futures/data/openInterestHist') {
      const events: OpenInterestEvent[] = [];
      const rows = json;
      if (!Array.isArray(rows)) throw new FrameError('body', 'expected an array of rows');
      for (let i = 0; i < rows.length; i++) {
        const row = obj(rows[i], `body[${i}]`);
        events.push(parseOpenInterestHist(this.profile, this.histMarket(row), row, recvTs, `body[${i}]`));
      }
      return { kind: 'events', events };
    }
    return { kind: 'drop', reason: `unknown REST path ${path}` };
  }

  private many(items: readonly Json[], recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    for (let i = 0; i < items.length; i++) {
      const d = itemObj(items[i], 'data', i);
      // Array streams (!markPrice@arr, COIN-M pair mark price) carry markets we did not ask for.
      if (typeof d.s === 'string' && !this.bySymbol.has(d.s)) continue;
      const out = this.payload(d, recvTs);
      if (out.kind === 'drop') return out;
      if (out.kind === 'events') for (const e of out.events) events.push(e);
    }
    return { kind: 'events', events };
  }

  private payload(d: JsonObject, recvTs: number): ParseOutcome {
    const e = d.e;
    if (e === 'aggTrade' || e === 'trade') return this.trade(d, recvTs);
    if (e === 'forceOrder') return this.liquidation(obj(d.o, 'o'), recvTs);
    if (e === 'markPriceUpdate') return this.mark(d, recvTs);
    return { kind: 'drop', reason: `unsupported event ${typeof e === 'string' ? e : JSON.stringify(e ?? null)}` };
  }

  private market(symbol: string, path = 's'): MarketSpec {
    const m = this.bySymbol.get(symbol);
    if (!m) throw new FrameError(path, `unknown market ${symbol}`);
    return m;
  }

  /** OI history rows name `symbol` (USDⓈ-M) or `pair` + `contractType` (COIN-M). */
  private histMarket(row: JsonObject): MarketSpec {
    const symbol = optStr(row, 'symbol');
    if (symbol) return this.market(symbol);
    const pair = str(row, 'pair');
    const suffix = str(row, 'contractType') === 'PERPETUAL' ? '_PERP' : '';
    return this.market(`${pair}${suffix}`);
  }

  /** Contracts (or base units) → BTC: linear × contract size; inverse × USD per contract ÷ price. */
  private btc(m: MarketSpec, size: number, price: number, path: string): number {
    const qty = m.kind === 'inverse' ? (size * m.contractSize) / price : size * m.contractSize;
    if (!(qty > 0 && Number.isFinite(qty))) throw new FrameError(path, `size ${size} out of range at price ${price}`);
    return qty;
  }

  // aggTrade / trade: `m` = buyer is maker, so m=true means the taker SOLD (tardis BinanceTradesMapper).
  private trade(d: JsonObject, recvTs: number): ParseOutcome {
    // Raw @trade marks off-book fills; insurance-fund, ADL and NA trades are not market trades
    // (binance.md §2.1, tardis). aggTrade never carries X.
    const x = d.X;
    if (x !== undefined && x !== 'MARKET') return NOTHING;
    const spec = this.market(fast.str(d.s, d, 's'));
    const price = fast.positive(d.p, d, 'p');
    const size = fast.positive(d.q, d, 'q');
    const m = d.m;
    if (typeof m !== 'boolean') throw new FrameError('m', 'expected a boolean');
    const id = d.e === 'aggTrade' ? d.a : d.t;
    const ev: Mutable<TradeEvent> = {
      kind: 'trade',
      venue: this.profile.venue,
      market: spec.symbol,
      ts: fast.epochMs(d.T, d, 'T'),
      recvTs,
      price,
      qty: this.btc(spec, size, price, 'q'),
      takerSide: m ? 'sell' : 'buy',
    };
    if (typeof id === 'number') ev.id = String(id);
    this.lastPrice.set(spec.symbol, price);
    return { kind: 'events', events: [ev] };
  }

  // forceOrder: `S` is the side of the liquidation ORDER. The engine closes a long by SELLING,
  // so SELL → a long position was liquidated, BUY → a short (binance.md §2.2; DESIGN §2).
  // Binance pushes at most the latest liquidation per symbol per second (doc Liquidation-Order-Streams).
  private liquidation(o: JsonObject, recvTs: number): ParseOutcome {
    // Only FILLED snapshots, as tardis does: a later snapshot of a partly filled order would count twice.
    if (fast.str(o.X, o, 'X', 'o.X') !== 'FILLED') return NOTHING;
    const spec = this.market(fast.str(o.s, o, 's', 'o.s'), 'o.s');
    const avg = fast.optNum(o.ap, o, 'ap', 'o.ap');
    const price = avg !== undefined && avg > 0 ? avg : fast.positive(o.p, o, 'p', 'o.p');
    const size = fast.positive(o.z, o, 'z', 'o.z');
    const side = fast.str(o.S, o, 'S', 'o.S');
    if (side !== 'SELL' && side !== 'BUY') throw new FrameError('o.S', `expected SELL or BUY, got ${side}`);
    const qty = this.btc(spec, size, price, 'o.z');
    const notionalUsd = spec.kind === 'inverse' ? size * spec.contractSize : qty * price;
    if (!(notionalUsd > 0 && Number.isFinite(notionalUsd))) throw new FrameError('o.z', `notional out of range: ${size} at ${price}`);
    const ev: LiquidationEvent = {
      kind: 'liquidation',
      venue: this.profile.venue,
      market: spec.symbol,
      ts: fast.epochMs(o.T, o, 'T', 'o.T'),
      recvTs,
      price,
      qty,
      // Inverse: the notional is exactly contracts × USD per contract.
      notionalUsd,
      side: side === 'SELL' ? 'long' : 'short',
    };
    return { kind: 'events', events: [ev] };
  }

  // markPriceUpdate: p mark, i index, r funding rate per interval, T next funding time.
  // Delivery contracts send r "" (or none) and T 0: no funding then (doc; tardis).
  private mark(d: JsonObject, recvTs: number): ParseOutcome {
    const spec = this.market(fast.str(d.s, d, 's'));
    const markPrice = fast.positive(d.p, d, 'p');
    const index = fast.optNum(d.i, d, 'i');
    const rate = fast.optNum(d.r, d, 'r');
    const next = fast.optNum(d.T, d, 'T');
    const ev: Mutable<MarkEvent> = { kind: 'mark', venue: this.profile.venue, market: spec.symbol, ts: fast.epochMs(d.E, d, 'E'), recvTs, markPrice };
    if (index !== undefined && index > 0) ev.indexPrice = index;
    if (rate !== undefined && next !== undefined && next > 0) {
      ev.fundingRate = rate;
      ev.nextFundingTs = checkMs(next, 'T');
    }
    this.lastPrice.set(spec.symbol, markPrice);
    return { kind: 'events', events: [ev] };
  }
}

/** Non-data frames: subscription acks/lists and the JSON-RPC error shape. */
function control(o: JsonObject): ParseOutcome {
  if ('result' in o && 'id' in o) {
    // JSON.stringify, not String(): a hostile {"toString":1} must not throw.
    const id = JSON.stringify(o.id ?? null);
    return { kind: 'control', what: o.result === null ? `ack id ${id}` : `result id ${id}` };
  }
  // Errors: {"code":2,"msg":"Invalid request: …","id":n} (doc Live-Subscribing… error table).
  const err = restError(o);
  if (err) return { kind: 'drop', reason: err };
  if (isObject(o.error)) {
    const err = o.error;
    return { kind: 'drop', reason: `venue error ${JSON.stringify(err.code ?? null)}: ${JSON.stringify(err.msg ?? null)}` };
  }
  throw new FrameError('frame', 'neither stream data, an event, an ack nor an error');
}

export function createBinanceParser(profile: BinanceProfile, markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): VenueParser {
  return new BinanceParser(profile, markets, opts.scan !== false);
}
