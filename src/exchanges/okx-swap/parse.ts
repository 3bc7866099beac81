// OKX v5 frames → normalised events for BTC-USDT-SWAP (linear) and BTC-USD-SWAP (inverse).
// Channels: trades / trades-all, liquidation-orders, open-interest, mark-price, funding-rate,
// index-tickers; REST: /api/v5/public/open-interest. Every size is in contracts (markets.ts).
import type { LiquidationEvent, MarkEvent, MarketEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import { FrameError, type Json, type JsonObject } from '../../core/fields.js';
import { arr, finite, ms, num, obj, optNum, parse, pos, side, text } from './values.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { contractsToBtc, contractsToUsd, okxData } from './markets.js';
import { Scan } from '../../core/scan.js';
import { fastMessage } from './fast.js';

const VENUE = 'okx-swap';
/** Liquidation keys remembered to skip the replay OKX pushes after (re)subscribing. */
const LIQ_MEMORY = 4096;

const control = (what: string): ParseOutcome => ({ kind: 'control', what });
const drop = (reason: string): ParseOutcome => ({ kind: 'drop', reason });
const events = (list: MarketEvent[], empty: string): ParseOutcome => (list.length > 0 ? { kind: 'events', events: list } : control(empty));

/**
 * The liquidated POSITION. OKX gives `posSide` = the position side that was liquidated
 * (okx.md §2.2: ccxt's captured frame `posSide:"short", side:"buy"`; tardis fixtures the same);
 * `side` is the liquidation order's side. In one-way mode posSide is "net" [unverified], then the
 * order side decides: a SELL closes a long, a BUY closes a short.
 */
export function liquidatedSide(d: JsonObject): 'long' | 'short' {
  const pos = d.posSide;
  if (pos === 'long' || pos === 'short') return pos;
  return side(d.side, 'details[].side') === 'sell' ? 'long' : 'short';
}

export class OkxParser implements VenueParser {
  private readonly bySymbol = new Map<string, MarketSpec>();
  /** Latest funding and index per market: OKX pushes them on their own channels, mark events carry them. */
  private readonly funding = new Map<string, { rate?: number; next?: number }>();
  private readonly index = new Map<string, number>();
  /** Latest mark/trade price per market, to value open interest when OKX omits oiUsd. */
  private readonly lastPrice = new Map<string, number>();
  private readonly seenLiq = new Set<string>();
  private readonly liqOrder: string[] = [];

  /** The scanner path (fast.ts); `scan: false` parses every frame with JSON.parse (the reference it is tested against). */
  private readonly sc: Scan | undefined;

  constructor(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}) {
    for (const m of markets) this.bySymbol.set(m.symbol, m);
    this.sc = opts.scan === false ? undefined : new Scan();
  }

  ws(frame: string, recvTs: number): ParseOutcome {
    if (frame === 'pong') return control('pong');
    const msg = (this.sc && fastMessage(this.sc, frame)) || parse(frame);
    if (msg.event !== undefined) return this.event(msg);
    const channel = text(obj(msg.arg, 'arg').channel, 'arg.channel');
    const data = arr(msg.data, 'data');
    switch (channel) {
      case 'trades':
      case 'trades-all':
        return this.trades(data, recvTs);
      case 'liquidation-orders':
        return this.liquidations(data, recvTs);
      case 'open-interest':
        return this.openInterest(data, recvTs);
      case 'mark-price':
        return this.mark(data, recvTs);
      case 'funding-rate':
        return this.fundingRate(data);
      case 'index-tickers':
        return this.indexTickers(data);
      default:
        return drop(`unknown channel ${channel}`);
    }
  }

  rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    if (req.path.startsWith('/api/v5/public/open-interest')) return this.openInterest(okxData(body), recvTs);
    if (req.path.startsWith('/api/v5/public/mark-price')) return this.mark(okxData(body), recvTs);
    return drop(`unhandled REST path ${req.path.split('?')[0] ?? ''}`);
  }

  private market(instId: Json | undefined, path: string): MarketSpec {
    const id = text(instId, path);
    const m = this.bySymbol.get(id);
    if (!m) throw new FrameError(path, `not a configured market: ${id}`);
    return m;
  }

  /** Acks, notices and errors: `{"event":"subscribe"|"error"|"notice", …}`. */
  private event(msg: JsonObject): ParseOutcome {
    const ev = msg.event;
    const code = msg.code === undefined ? '' : ` ${String(msg.code)}`;
    const text = typeof msg.msg === 'string' ? `: ${msg.msg}` : '';
    switch (ev) {
      case 'subscribe':
      case 'unsubscribe': {
        const arg = msg.arg;
        const what = arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? Object.values(arg).join(' ') : '';
        return control(`${ev} ${what}`.trim());
      }
      case 'error':
        return drop(`venue error${code}${text}`);
      case 'notice':
      case 'channel-conn-count':
        return control(`${ev}${code}${text}`);
      default:
        return drop(`unknown event ${JSON.stringify(ev)}`);
    }
  }

  private trades(data: readonly Json[], recvTs: number): ParseOutcome {
    const out: TradeEvent[] = [];
    for (const v of data) {
      const row = obj(v, 'data[]');
      const m = this.market(row.instId, 'data[].instId');
      const price = pos(row.px, 'data[].px');
      out.push({
        kind: 'trade',
        venue: VENUE,
        market: m.symbol,
        ts: ms(row.ts, 'data[].ts'),
        recvTs,
        price,
        qty: finite(contractsToBtc(m, pos(row.sz, 'data[].sz'), price), 'data[].sz'),
        takerSide: side(row.side, 'data[].side'),
        id: text(row.tradeId, 'data[].tradeId'),
      });
      this.lastPrice.set(m.symbol, price);
    }
    return events(out, 'trades: empty data');
  }

  /** The channel carries every SWAP instrument (subscribed by instType): other instruments are skipped. */
  private liquidations(data: readonly Json[], recvTs: number): ParseOutcome {
    const out: LiquidationEvent[] = [];
    let others = 0;
    let replayed = 0;
    for (const v of data) {
      const row = obj(v, 'data[]');
      const m = this.bySymbol.get(text(row.instId, 'data[].instId'));
      if (!m) {
        others++;
        continue;
      }
      for (const dv of arr(row.details, 'data[].details')) {
        const d = obj(dv, 'details[]');
        const price = pos(d.bkPx, 'details[].bkPx');
        const sz = pos(d.sz, 'details[].sz');
        const ts = ms(d.ts, 'details[].ts');
        const liqSide = liquidatedSide(d);
        // Key from the venue's own text (cheaper than formatting numbers back).
        if (this.remember(`${m.symbol}|${String(d.ts)}|${liqSide}|${String(d.sz)}|${String(d.bkPx)}`)) {
          replayed++;
          continue;
        }
        out.push({
          kind: 'liquidation',
          venue: VENUE,
          market: m.symbol,
          ts,
          recvTs,
          price,
          qty: finite(contractsToBtc(m, sz, price), 'details[].sz'),
          notionalUsd: finite(contractsToUsd(m, sz, price), 'details[].sz'),
          side: liqSide,
        });
      }
    }
    return events(out, replayed > 0 ? 'liquidation-orders: already seen (replay after subscribe)' : `liquidation-orders: ${others} other instrument(s)`);
  }

  /** True when the key was seen before; remembers it otherwise (bounded). */
  private remember(key: string): boolean {
    if (this.seenLiq.has(key)) return true;
    this.seenLiq.add(key);
    this.liqOrder.push(key);
    if (this.liqOrder.length > LIQ_MEMORY) {
      for (const old of this.liqOrder.splice(0, LIQ_MEMORY / 4)) this.seenLiq.delete(old);
    }
    return false;
  }

  /**
   * `oi` contracts, `oiCcy` coin, `oiUsd` USD (REST always; WS frames before 2023 lack it).
   * BTC: linear oi × ctVal; inverse oiCcy (else oi × ctVal / price). USD: oiUsd, else inverse
   * oi × ctVal, linear BTC × latest mark/trade price.
   */
  private openInterest(data: readonly Json[], recvTs: number): ParseOutcome {
    const out: OpenInterestEvent[] = [];
    for (const v of data) {
      const row = obj(v, 'data[]');
      const m = this.market(row.instId, 'data[].instId');
      const oi = num(row.oi, 'data[].oi');
      if (oi < 0) throw new FrameError('data[].oi', `negative: ${oi}`);
      const oiCcy = optNum(row.oiCcy, 'data[].oiCcy');
      const oiUsd = optNum(row.oiUsd, 'data[].oiUsd');
      const price = this.lastPrice.get(m.symbol);
      let oiBtc: number;
      if (m.kind === 'linear') oiBtc = oi * m.contractSize;
      else if (oiCcy !== undefined) oiBtc = oiCcy;
      else if (price !== undefined) oiBtc = contractsToBtc(m, oi, price);
      else return control('open-interest: no price yet to convert inverse contracts');
      let usd = oiUsd;
      if (usd === undefined && m.kind === 'inverse') usd = oi * m.contractSize;
      if (usd === undefined && price !== undefined) usd = oiBtc * price;
      if (usd === undefined) return control('open-interest: no price yet to value it in USD');
      if (!(oiBtc >= 0) || !(usd >= 0)) throw new FrameError('data[].oiCcy', `negative open interest`);
      finite(oiBtc, 'data[].oi', false);
      finite(usd, 'data[].oiUsd', false);
      out.push({ kind: 'openInterest', venue: VENUE, market: m.symbol, ts: ms(row.ts, 'data[].ts'), recvTs, oiBtc, oiUsd: usd });
    }
    return events(out, 'open-interest: empty data');
  }

  private mark(data: readonly Json[], recvTs: number): ParseOutcome {
    const out: MarkEvent[] = [];
    for (const v of data) {
      const row = obj(v, 'data[]');
      const m = this.market(row.instId, 'data[].instId');
      const markPrice = pos(row.markPx, 'data[].markPx');
      this.lastPrice.set(m.symbol, markPrice);
      const e: { -readonly [K in keyof MarkEvent]: MarkEvent[K] } = { kind: 'mark', venue: VENUE, market: m.symbol, ts: ms(row.ts, 'data[].ts'), recvTs, markPrice };
      const indexPrice = this.index.get(m.symbol);
      if (indexPrice !== undefined) e.indexPrice = indexPrice;
      const f = this.funding.get(m.symbol);
      if (f?.rate !== undefined) e.fundingRate = f.rate;
      if (f?.next !== undefined) e.nextFundingTs = f.next;
      out.push(e);
    }
    return events(out, 'mark-price: empty data');
  }

  /**
   * `fundingRate` applies at `fundingTime` (the next settlement). Kept and carried by the next
   * mark event of the market, since a mark event needs a mark price.
   */
  private fundingRate(data: readonly Json[]): ParseOutcome {
    for (const v of data) {
      const row = obj(v, 'data[]');
      const m = this.market(row.instId, 'data[].instId');
      const rate = optNum(row.fundingRate, 'data[].fundingRate');
      const next = row.fundingTime === undefined ? undefined : ms(row.fundingTime, 'data[].fundingTime');
      const prev = this.funding.get(m.symbol);
      this.funding.set(m.symbol, { rate: rate ?? prev?.rate, next: next ?? prev?.next });
    }
    return control('funding-rate: kept for the next mark event');
  }

  /** index-tickers instId "BTC-USDT" is the index of "BTC-USDT-SWAP". */
  private indexTickers(data: readonly Json[]): ParseOutcome {
    for (const v of data) {
      const row = obj(v, 'data[]');
      const id = text(row.instId, 'data[].instId');
      const px = pos(row.idxPx, 'data[].idxPx');
      const m = this.bySymbol.get(`${id}-SWAP`);
      if (!m) throw new FrameError('data[].instId', `not the index of a configured market: ${id}`);
      this.index.set(m.symbol, px);
    }
    return control('index-tickers: kept for the next mark event');
  }
}
