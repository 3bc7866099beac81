// BitMEX frames → normalised events. Tables (bitmex.md §1.5): `trade`, `liquidation`, `instrument`,
// each {"table","action":"partial"|"insert"|"update"|"delete","data":[…]}. Keep-alive text "pong".
// Units (§2.1): XBTUSD contracts are USD → BTC = contracts × 1 / price (the trade's or order's price);
// XBTUSDT contracts are 1e-6 BTC. Per-instance state: merged instrument rows and open liquidation orders.
import type { MarketEvent, MarkEvent } from '../../core/events.js';
import { arr, FrameError, isObject, obj, parseJson, type JsonObject } from '../../core/fields.js';
import { optNum, optStr, positive, str } from '../../core/fields-fast.js';
import { Scan } from '../../core/scan.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { btcQty, liquidationEvent, tradeEvent, type LiqOrder } from './events.js';
import { fastFrame } from './fast.js';
import { isoTime } from './iso.js';
import { templateMessage } from './template.js';

export { btcQty } from './events.js';

/** ISO-8601 time → epoch ms, validated. */
export function isoMs(o: JsonObject, key: string, path: string): number {
  const s = str(o[key], o, key, path);
  const ms = isoTime(s);
  if (ms !== ms) throw new FrameError(path, `not an ISO time: ${JSON.stringify(s.slice(0, 30))}`);
  return ms;
}

/** A FrameError raised inside row `prefix` names the full path (paths are built only on error). */
function inRow(e: unknown, prefix: string): unknown {
  if (!(e instanceof FrameError)) return e;
  return new FrameError(e.field === 'row' ? prefix : `${prefix}.${e.field}`, e.message.slice(e.field.length + 2));
}

interface Instrument {
  openInterest?: number;
  markPrice?: number;
  fundingRate?: number;
  indexPrice?: number;
  nextFundingTs?: number;
}
/**
 * By default table pushes in BitMEX's own layout take the template path (template.ts); `scan: false`
 * parses every frame with JSON.parse (the reference both fast paths are tested against).
 * `scan: true` also puts the scanner path (fast.ts) first. Off by default: with core/scan.ts as
 * measured on 2026-11-26 it was slower than JSON.parse on this venue's number-heavy rows.
 */
export function createBitmexParser(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): VenueParser {
  const sc = opts.scan === true ? new Scan() : undefined;
  const templates = opts.scan !== false;
  const spec = new Map(markets.map((m) => [m.symbol, m]));
  /** Merged instrument rows, present once the partial arrived (updates before it are ignored, §1.5). */
  const instruments = new Map<string, Instrument>();
  /** Open liquidation orders by orderID (insert → update* → delete). */
  const orders = new Map<string, LiqOrder>();

  /** Trade rows (insert): side is the taker's, Buy/Sell; size in contracts. */
  function trades(rows: readonly unknown[], recvTs: number): MarketEvent[] {
    const out: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      try {
        const r = obj(rows[i], 'row');
        const m = spec.get(str(r['symbol'], r, 'symbol'));
        if (!m) continue;
        const price = positive(r['price'], r, 'price');
        const qty = btcQty(m, positive(r['size'], r, 'size'), price);
        const side = r['side'];
        if (side !== 'Buy' && side !== 'Sell') throw new FrameError('side', `expected Buy or Sell, got ${JSON.stringify(side)}`);
        const ts = isoMs(r, 'timestamp', 'timestamp');
        out.push(tradeEvent(m, ts, recvTs, price, qty, side, optStr(r['trdMatchID'], r, 'trdMatchID')));
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    return out;
  }

  /**
   * `liquidation` is a table of open liquidation ORDERS (§2.3), no timestamps. An insert is a new
   * liquidation: one event, qty = its leavesQty (the full order), price = the order price, at the
   * receive time — as tardis-dev does. `side` is the ORDER's side: Sell closes a LONG, Buy closes a
   * SHORT (bitmex.md §2.3: the real-capture author labels Sell inserts "Long Liquidation").
   * update (price/leavesQty as it fills) and delete (order done) only maintain the per-orderID state
   * and emit nothing, so a liquidation is counted once. A partial lists orders already open when we
   * subscribed: they are recorded, not emitted (they started before our window).
   */
  function liquidations(action: string, rows: readonly unknown[], recvTs: number): MarketEvent[] {
    const out: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      try {
        const e = liquidationRow(action, obj(rows[i], 'row'), recvTs);
        if (e) out.push(e);
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    return out;
  }

  function liquidationRow(action: string, r: JsonObject, recvTs: number): MarketEvent | null {
    const id = str(r['orderID'], r, 'orderID');
    if (action === 'delete') {
      orders.delete(id);
      return null;
    }
    if (action === 'update') {
      const o = orders.get(id);
      if (o) {
        o.price = optNum(r['price'], r, 'price') ?? o.price;
        o.leavesQty = optNum(r['leavesQty'], r, 'leavesQty') ?? o.leavesQty;
      }
      return null;
    }
    const m = spec.get(str(r['symbol'], r, 'symbol'));
    if (!m) return null;
    const side = r['side'];
    if (side !== 'Buy' && side !== 'Sell') throw new FrameError('side', `expected Buy or Sell, got ${JSON.stringify(side)}`);
    const price = positive(r['price'], r, 'price');
    const leavesQty = positive(r['leavesQty'], r, 'leavesQty');
    orders.set(id, { side, price, leavesQty });
    if (action !== 'insert') return null;
    return liquidationEvent(m, recvTs, price, leavesQty, side);
  }

  /**
   * Instrument rows: partial = full row, update = changed fields only (merged here). OI is the
   * one-sided count of open contracts: XBTUSD in USD (BTC = OI / markPrice), XBTUSDT in 1e-6 BTC.
   * fundingRate is per 8 h interval; indicativeSettlePrice is the index; fundingTimestamp the next funding.
   */
  function instrument(action: string, rows: readonly unknown[], recvTs: number): MarketEvent[] {
    const out: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      try {
        instrumentRow(action, obj(rows[i], 'row'), recvTs, out);
      } catch (e) {
        throw inRow(e, `data[${i}]`);
      }
    }
    return out;
  }

  function instrumentRow(action: string, r: JsonObject, recvTs: number, out: MarketEvent[]): void {
    const m = spec.get(str(r['symbol'], r, 'symbol'));
    if (!m) return;
    let st = instruments.get(m.symbol);
    if (action === 'partial') {
      st = {};
      instruments.set(m.symbol, st);
    } else if (!st || action !== 'update') return;
    const oi = optNum(r['openInterest'], r, 'openInterest');
    const mark = optNum(r['markPrice'], r, 'markPrice');
    const funding = optNum(r['fundingRate'], r, 'fundingRate');
    const index = optNum(r['indicativeSettlePrice'], r, 'indicativeSettlePrice');
    const nextFunding = r['fundingTimestamp'] === undefined || r['fundingTimestamp'] === null ? undefined : isoMs(r, 'fundingTimestamp', 'fundingTimestamp');
    if (oi !== undefined) {
      if (oi < 0) throw new FrameError('openInterest', `negative: ${oi}`);
      st.openInterest = oi;
    }
    if (mark !== undefined) {
      if (!(mark > 0)) throw new FrameError('markPrice', `expected > 0, got ${mark}`);
      st.markPrice = mark;
    }
    if (funding !== undefined) st.fundingRate = funding;
    if (index !== undefined && index > 0) st.indexPrice = index;
    if (nextFunding !== undefined) st.nextFundingTs = nextFunding;
    if (st.markPrice === undefined) return;
    const ts = r['timestamp'] === undefined ? recvTs : isoMs(r, 'timestamp', 'timestamp');
    if (st.openInterest !== undefined && (oi !== undefined || (mark !== undefined && m.kind === 'inverse'))) {
      const oiBtc = btcQty(m, st.openInterest, st.markPrice);
      const oiUsd = m.kind === 'inverse' ? st.openInterest * m.contractSize : oiBtc * st.markPrice;
      out.push({ kind: 'openInterest', venue: 'bitmex', market: m.symbol, ts, recvTs, oiBtc, oiUsd });
    }
    if (mark !== undefined || funding !== undefined || index !== undefined || nextFunding !== undefined) {
      const { indexPrice, fundingRate, nextFundingTs } = st;
      if (indexPrice !== undefined && fundingRate !== undefined && nextFundingTs !== undefined) {
        // The perpetual's usual merged row: one object shape.
        out.push({ kind: 'mark', venue: 'bitmex', market: m.symbol, ts, recvTs, markPrice: st.markPrice, indexPrice, fundingRate, nextFundingTs });
        return;
      }
      const e: MarkEvent = { kind: 'mark', venue: 'bitmex', market: m.symbol, ts, recvTs, markPrice: st.markPrice };
      if (indexPrice !== undefined) Object.assign(e, { indexPrice });
      if (fundingRate !== undefined) Object.assign(e, { fundingRate });
      if (nextFundingTs !== undefined) Object.assign(e, { nextFundingTs });
      out.push(e);
    }
  }

  function table(msg: JsonObject, recvTs: number): ParseOutcome {
    const name = str(msg['table'], msg, 'table');
    const action = str(msg['action'], msg, 'action');
    if (action !== 'partial' && action !== 'insert' && action !== 'update' && action !== 'delete') throw new FrameError('action', `unknown action ${JSON.stringify(action.slice(0, 20))}`);
    const rows = arr(msg['data'], 'data');
    let events: MarketEvent[];
    switch (name) {
      case 'trade':
        // The partial repeats trades from before our subscription: not emitted (tardis does the same).
        if (action === 'partial') return { kind: 'control', what: 'trade partial' };
        events = trades(rows, recvTs);
        break;
      case 'liquidation':
        events = liquidations(action, rows, recvTs);
        if (events.length === 0) return { kind: 'control', what: `liquidation ${action}` };
        return { kind: 'events', events };
      case 'instrument':
        events = instrument(action, rows, recvTs);
        if (events.length === 0) return { kind: 'control', what: `instrument ${action} without OI/mark change` };
        return { kind: 'events', events };
      default:
        return { kind: 'drop', reason: `unknown table ${name.slice(0, 40)}` };
    }
    return events.length > 0 ? { kind: 'events', events } : { kind: 'drop', reason: `${name}: no row for a subscribed symbol` };
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    if (frame === 'pong') return { kind: 'control', what: 'pong' };
    const fast = sc && fastFrame(sc, spec, orders, frame, recvTs);
    if (fast) return fast;
    const pushed = templates ? templateMessage(frame) : undefined;
    if (pushed) return table(pushed, recvTs);
    const msg = obj(parseJson(frame), 'frame');
    if (msg['table'] !== undefined) return table(msg, recvTs);
    if (msg['subscribe'] !== undefined) {
      if (msg['success'] === true) return { kind: 'control', what: 'subscribed' };
      return { kind: 'drop', reason: `venue error: subscribe ${JSON.stringify(msg['subscribe']).slice(0, 60)} failed` };
    }
    if (msg['error'] !== undefined) return { kind: 'drop', reason: `venue error: ${String(msg['status'] ?? '')} ${JSON.stringify(msg['error']).slice(0, 100)}` };
    if (msg['info'] !== undefined) return { kind: 'control', what: 'welcome' };
    return { kind: 'drop', reason: 'unknown frame shape' };
  }

  function rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    if (!req.path.startsWith('/instrument')) return { kind: 'drop', reason: `rest: no parser for ${req.path.split('?')[0]}` };
    // A REST instrument row is a full row: run it as a partial on a scratch parser state.
    const rows = arr(parseJson(body), 'body').filter((r) => isObject(r) && typeof r['symbol'] === 'string' && spec.has(r['symbol']));
    const events = instrument('partial', rows, recvTs);
    return events.length > 0 ? { kind: 'events', events } : { kind: 'drop', reason: 'instrument: no row for a subscribed symbol' };
  }

  return { ws, rest };
}

