// Bitget v2 public frames → normalised events for USDT-M BTCUSDT. Channels: trade (taker
// trades), ticker (mark, index, funding, holdingAmount = open interest). Bitget publishes no
// public liquidations (bitget.md §1.4), so this parser never emits any. Sizes are BTC.
import type { MarkEvent, MarketEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import { FrameError, type Json, type JsonObject } from '../../core/fields.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { arr, finite, ms, num, obj, optNum, parse, pos, side, text } from '../okx-swap/values.js';
import { Scan } from '../../core/scan.js';
import { fastMessage } from './fast.js';
import { bitgetData } from './markets.js';

const VENUE = 'bitget';
const control = (what: string): ParseOutcome => ({ kind: 'control', what });
const drop = (reason: string): ParseOutcome => ({ kind: 'drop', reason });

export class BitgetParser implements VenueParser {
  private readonly bySymbol = new Map<string, MarketSpec>();
  /** Latest mark price per market, to value REST open interest (given in BTC only). */
  private readonly lastMark = new Map<string, number>();

  /** The scanner path (fast.ts); `scan: false` parses every frame with JSON.parse (the reference it is tested against). */
  private readonly sc: Scan | undefined;

  constructor(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}) {
    for (const m of markets) this.bySymbol.set(m.symbol, m);
    this.sc = opts.scan === false ? undefined : new Scan();
  }

  ws(frame: string, recvTs: number): ParseOutcome {
    if (frame === 'pong') return control('pong');
    const msg = (this.sc && fastMessage(this.sc, frame)) || parse(frame);
    if (msg.event !== undefined) return event(msg);
    const arg = obj(msg.arg, 'arg');
    const channel = text(arg.channel, 'arg.channel');
    if (channel === 'trade') return this.trades(msg, arg, recvTs);
    if (channel === 'ticker') return this.ticker(arr(msg.data, 'data'), recvTs);
    return drop(`unknown channel ${channel}`);
  }

  rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    if (req.path.startsWith('/api/v2/mix/market/open-interest')) return this.restOpenInterest(bitgetData(body), recvTs);
    return drop(`unhandled REST path ${req.path.split('?')[0] ?? ''}`);
  }

  private market(instId: Json | undefined, path: string): MarketSpec {
    const id = text(instId, path);
    const m = this.bySymbol.get(id);
    if (!m) throw new FrameError(path, `not a configured market: ${id}`);
    return m;
  }

  /**
   * The first push after subscribing is `action:"snapshot"` with recent (already past) trades;
   * only `update` pushes are live (tardis BitgetTradesMapper does the same). Rows come
   * newest first: emitted oldest first. `size` is BTC, `side` the taker side (bitget.md §2.1).
   */
  private trades(msg: JsonObject, arg: JsonObject, recvTs: number): ParseOutcome {
    const action = msg.action;
    if (action === 'snapshot') return control('trade snapshot (recent history, not live)');
    if (action !== 'update') throw new FrameError('action', `expected snapshot or update, got ${JSON.stringify(action)}`);
    const m = this.market(arg.instId, 'arg.instId');
    const data = arr(msg.data, 'data');
    const out: TradeEvent[] = [];
    for (let i = data.length - 1; i >= 0; i--) {
      const row = obj(data[i], 'data[]');
      out.push({
        kind: 'trade',
        venue: VENUE,
        market: m.symbol,
        ts: ms(row.ts, 'data[].ts'),
        recvTs,
        price: pos(row.price, 'data[].price'),
        qty: finite(pos(row.size, 'data[].size') * m.contractSize, 'data[].size'),
        takerSide: side(row.side, 'data[].side'),
        id: text(row.tradeId, 'data[].tradeId'),
      });
    }
    return out.length > 0 ? { kind: 'events', events: out } : control('trade: empty data');
  }

  /**
   * One ticker row → a mark event (markPrice, indexPrice, fundingRate for the settlement at
   * nextFundingTime; "0" = none, as on delivery contracts) and an open-interest event
   * (holdingAmount BTC, valued at the mark price — Bitget gives no USD figure).
   */
  private ticker(data: readonly Json[], recvTs: number): ParseOutcome {
    const out: MarketEvent[] = [];
    for (const v of data) {
      const row = obj(v, 'data[]');
      const m = this.market(row.instId, 'data[].instId');
      const ts = ms(row.ts, 'data[].ts');
      const markPrice = pos(row.markPrice, 'data[].markPrice');
      this.lastMark.set(m.symbol, markPrice);
      const mark: { -readonly [K in keyof MarkEvent]: MarkEvent[K] } = { kind: 'mark', venue: VENUE, market: m.symbol, ts, recvTs, markPrice };
      if (row.indexPrice !== undefined && row.indexPrice !== '') mark.indexPrice = pos(row.indexPrice, 'data[].indexPrice');
      if (row.nextFundingTime !== undefined && row.nextFundingTime !== '0' && row.nextFundingTime !== '') {
        mark.nextFundingTs = ms(row.nextFundingTime, 'data[].nextFundingTime');
        const rate = optNum(row.fundingRate, 'data[].fundingRate');
        if (rate !== undefined) mark.fundingRate = rate;
      }
      out.push(mark);
      if (row.holdingAmount !== undefined) {
        const oiBtc = num(row.holdingAmount, 'data[].holdingAmount') * m.contractSize;
        if (oiBtc < 0) throw new FrameError('data[].holdingAmount', `negative: ${oiBtc}`);
        const oi: OpenInterestEvent = { kind: 'openInterest', venue: VENUE, market: m.symbol, ts, recvTs, oiBtc, oiUsd: finite(oiBtc * markPrice, 'data[].holdingAmount', false) };
        out.push(oi);
      }
    }
    return out.length > 0 ? { kind: 'events', events: out } : control('ticker: empty data');
  }

  /** REST `{openInterestList:[{symbol,size (BTC)}], ts}` (bitget.md §3.1), valued at the latest mark price. */
  private restOpenInterest(data: Json | undefined, recvTs: number): ParseOutcome {
    const d = obj(data, 'data');
    const ts = ms(d.ts, 'data.ts');
    const out: OpenInterestEvent[] = [];
    for (const v of arr(d.openInterestList, 'data.openInterestList')) {
      const row = obj(v, 'openInterestList[]');
      const m = this.market(row.symbol, 'openInterestList[].symbol');
      const oiBtc = num(row.size, 'openInterestList[].size') * m.contractSize;
      if (oiBtc < 0) throw new FrameError('openInterestList[].size', `negative: ${oiBtc}`);
      const mark = this.lastMark.get(m.symbol);
      if (mark === undefined) return control('open-interest: no mark price yet to value it in USD');
      out.push({ kind: 'openInterest', venue: VENUE, market: m.symbol, ts, recvTs, oiBtc, oiUsd: finite(oiBtc * mark, 'openInterestList[].size', false) });
    }
    return out.length > 0 ? { kind: 'events', events: out } : control('open-interest: empty list');
  }
}

/** `{"event":"subscribe"|"unsubscribe"|"error", …}`: acks are control, errors drops with Bitget's code. */
function event(msg: JsonObject): ParseOutcome {
  const ev = msg.event;
  if (ev === 'subscribe' || ev === 'unsubscribe') {
    const a = msg.arg;
    const what = typeof a === 'object' && a !== null && !Array.isArray(a) ? Object.values(a).join(' ') : '';
    return control(`${ev} ${what}`.trim());
  }
  if (ev === 'error') return drop(`venue error ${String(msg.code)}${typeof msg.msg === 'string' ? `: ${msg.msg}` : ''}`);
  return drop(`unknown event ${JSON.stringify(ev)}`);
}
