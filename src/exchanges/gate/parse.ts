// Gate USDT futures (API v4) frames → normalised events (gate.md §1.2 envelope, §2 channels).
// WS push: {"time": s, "time_ms": ms, "channel", "event", "error", "result"}; `result` is an array of
// rows, a bare object (live public_liquidates and old tickers: gateio/WebSocket-API#132, tardis
// fixtures) or a nested array (tardis 2021 ticker fixture) — all three are accepted.
// Sizes are CONTRACTS (string with the X-Gate-Size-Decimal header, integer without):
// BTC = |size| × quanto_multiplier (0.0001 for BTC_USDT); notional USD = BTC × price.
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import {
  checkMs,
  FrameError,
  isObject,
  itemObj,
  itemPath,
  isEpochMs,
  num,
  obj,
  optNum,
  optStr,
  parseJson,
  positive,
  str,
  type Json,
  type JsonObject,
} from '../../core/fields.js';
import * as fast from '../../core/fields-fast.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { LiqTotals } from './liq-totals.js';
import { templateMessage, type TemplateMessage } from './template.js';

const VENUE = 'gate';
const R = 'result';

/** Rows of a `result`: array, bare object, or array of arrays. */
export function resultRows(result: Json | undefined): JsonObject[] {
  if (isObject(result)) return [result];
  if (!Array.isArray(result)) throw new FrameError('result', 'expected an array or an object');
  const rows: JsonObject[] = [];
  for (let i = 0; i < result.length; i++) {
    const r = (result as readonly Json[])[i];
    if (Array.isArray(r)) for (let j = 0; j < r.length; j++) rows.push(itemObj((r as readonly Json[])[j], `result[${i}]`, j));
    else rows.push(itemObj(r, R, i));
  }
  return rows;
}

/** contract_stats keys of each side's liquidation totals (written out: no key strings built per row). */
const LIQ_KEYS = {
  long: { size: 'long_liq_size', usd: 'long_liq_usd', amount: 'long_liq_amount' },
  short: { size: 'short_liq_size', usd: 'short_liq_usd', amount: 'short_liq_amount' },
} as const;

/** The rows of `msg`'s result: the template path's are flat already. */
function rowsOf(t: TemplateMessage | undefined, msg: JsonObject): readonly JsonObject[] {
  return t !== undefined ? t.result : resultRows(msg['result']);
}

/** Gate mixes seconds and ms in one field across versions (public_liquidates.time went s → ms). */
function secondsOrMs(n: number, path: string): number {
  return checkMs(n > 1e12 ? Math.round(n) : Math.round(n * 1000), path);
}

/** Row `i`'s `key` as epoch ms from seconds or ms; the path is built only on failure. */
function rowTime(v: Json | undefined, row: JsonObject, key: string, i: number): number {
  const n = fast.itemNum(v, row, key, R, i);
  const ms = n > 1e12 ? Math.round(n) : Math.round(n * 1000);
  return isEpochMs(ms) ? ms : checkMs(ms, itemPath(R, i, key));
}

/** Signed contracts, non-zero. */
function signedSize(row: JsonObject, i: number): number {
  const n = fast.itemNum(row['size'], row, 'size', R, i);
  if (n === 0) throw new FrameError(itemPath(R, i, 'size'), 'size is 0');
  return n;
}

/** A value computed from frame fields (qty × price, …) must stay finite and > 0 (or ≥ 0). */
function derived(n: number, path: string, allowZero = false): number {
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new FrameError(path, `computed value out of range: ${n}`);
  return n;
}

/** derived() for field `key` of row `i`, building the path only on failure. */
function rowDerived(n: number, i: number, key: string, allowZero = false): number {
  return Number.isFinite(n) && (n > 0 || (allowZero && n === 0)) ? n : derived(n, itemPath(R, i, key), allowZero);
}

/** `scan: false` parses every frame with JSON.parse (the reference the template path is tested against). */
export function createGateParser(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): VenueParser {
  const templates = opts.scan !== false;
  const specs = new Map(markets.map((m) => [m.symbol, m]));
  const liqTotals = new LiqTotals();

  /** The spec of row `i`'s contract, or null for a contract we did not subscribe. */
  function spec(row: JsonObject, i: number): MarketSpec | null {
    return specs.get(fast.itemStr(row['contract'], row, 'contract', R, i)) ?? null;
  }

  function pushMs(msg: JsonObject): number {
    const ms = optNum(msg, 'time_ms');
    return ms !== undefined ? checkMs(ms, 'time_ms') : secondsOrMs(num(msg, 'time'), 'time');
  }

  /** `size` > 0 = taker buy, < 0 = taker sell (gate.md §2.1; tardis `side = size < 0 ? sell : buy`). */
  function trades(rows: readonly JsonObject[], recvTs: number): ParseOutcome {
    const events: TradeEvent[] = [];
    let internal = 0;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as JsonObject;
      const m = spec(row, i);
      if (!m) continue;
      // Insurance-fund/ADL take-overs of liquidation orders, not book matches; Gate leaves them
      // out of its candles, so they stay out of our taker volume too (gate.md §2.1 is_internal).
      if (row['is_internal'] === true) {
        internal++;
        continue;
      }
      const size = signedSize(row, i);
      const ms = fast.itemOptNum(row['create_time_ms'], row, 'create_time_ms', R, i);
      const ts = ms === undefined ? rowTime(row['create_time'], row, 'create_time', i) : isEpochMs(ms) ? ms : checkMs(ms, itemPath(R, i, 'create_time_ms'));
      events.push({
        kind: 'trade',
        venue: VENUE,
        market: m.symbol,
        ts,
        recvTs,
        price: fast.itemPositive(row['price'], row, 'price', R, i),
        qty: rowDerived(Math.abs(size) * m.contractSize, i, 'size'),
        takerSide: size < 0 ? 'sell' : 'buy',
        id: String(fast.itemNum(row['id'], row, 'id', R, i)),
      });
    }
    if (events.length > 0) return { kind: 'events', events };
    if (internal > 0) return { kind: 'control', what: `futures.trades: ${internal} internal (insurance/ADL) trade(s) left out of taker volume` };
    return noRows('futures.trades', rows);
  }

  /**
   * Liquidation side. Gate does not document the sign of `size` here. Rule used: `size` is the
   * liquidated POSITION's signed size, as in REST liq_orders ("User position size", long > 0,
   * short < 0): size < 0 → a SHORT was liquidated (forced buy), size > 0 → a LONG (forced sell).
   * Evidence (gate.md §2.3): the WS example (price 215.1, size −124) is the private
   * futures.liquidates example of a short with entry 209, liq 213; and REST liq_orders rows with
   * size < 0 have order_price above fill_price (a buy order), e.g. size −165, order 28225, fill
   * 28070. [unverified against live prints; some third-party clients read it the other way]
   */
  function liquidations(rows: readonly JsonObject[], recvTs: number): ParseOutcome {
    const events: LiquidationEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as JsonObject;
      const m = spec(row, i);
      if (!m) continue;
      const size = signedSize(row, i);
      const price = fast.itemPositive(row['price'], row, 'price', R, i);
      const ts = rowTime(row['time'], row, 'time', i);
      const qty = rowDerived(Math.abs(size) * m.contractSize, i, 'size');
      const notionalUsd = rowDerived(qty * price, i, 'price');
      const side = size < 0 ? 'short' : 'long';
      liqTotals.add(m.symbol, ts, side, qty);
      events.push({ kind: 'liquidation', venue: VENUE, market: m.symbol, ts, recvTs, price, qty, notionalUsd, side });
    }
    return events.length > 0 ? { kind: 'events', events } : noRows('futures.public_liquidates', rows);
  }

  /** Ticker row `i` → mark (+ index, funding) and open interest from `total_size` (contracts). */
  function ticker(events: MarketEvent[], row: JsonObject, i: number, m: MarketSpec, fallbackTs: number, recvTs: number): void {
    const t = fast.itemOptNum(row['t'], row, 't', R, i);
    const ts = t !== undefined && t > 0 ? (isEpochMs(t) ? t : checkMs(t, itemPath(R, i, 't'))) : fallbackTs;
    const markPrice = fast.itemPositive(row['mark_price'], row, 'mark_price', R, i);
    const index = fast.itemOptNum(row['index_price'], row, 'index_price', R, i);
    const fundingRate = fast.itemOptNum(row['funding_rate'], row, 'funding_rate', R, i);
    // Absent optional fields stay undefined (no object spreads: this is the hot path).
    events.push({ kind: 'mark', venue: VENUE, market: m.symbol, ts, recvTs, markPrice, indexPrice: index !== undefined && index > 0 ? index : undefined, fundingRate });
    const total = fast.itemOptNum(row['total_size'], row, 'total_size', R, i);
    if (total !== undefined) {
      if (total < 0) throw new FrameError(itemPath(R, i, 'total_size'), `negative open interest ${total}`);
      const oiBtc = rowDerived(total * m.contractSize, i, 'total_size', true);
      events.push({ kind: 'openInterest', venue: VENUE, market: m.symbol, ts, recvTs, oiBtc, oiUsd: rowDerived(oiBtc * markPrice, i, 'mark_price', true) });
    }
  }

  function tickers(rows: readonly JsonObject[], pushTs: number, recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as JsonObject;
      const m = spec(row, i);
      if (m) ticker(events, row, i, m, pushTs, recvTs);
    }
    return events.length > 0 ? { kind: 'events', events } : noRows('futures.tickers', rows);
  }

  /**
   * 1m contract stats → open interest (`open_interest` contracts, `open_interest_usd` USDT) and the
   * part of the minute's liquidation totals that public_liquidates did not deliver (see LiqTotals).
   * `long_liq_size` = longs liquidated, `short_liq_size` = shorts (gate.md §2.4), in contracts.
   */
  function stats(rows: readonly JsonObject[], recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as JsonObject;
      const m = spec(row, i);
      if (!m) continue;
      const ts = rowTime(row['time'], row, 'time', i);
      const markPrice = fast.itemPositive(row['mark_price'], row, 'mark_price', R, i);
      const oi = fast.itemNum(row['open_interest'], row, 'open_interest', R, i);
      if (oi < 0) throw new FrameError(itemPath(R, i, 'open_interest'), `negative open interest ${oi}`);
      const oiBtc = rowDerived(oi * m.contractSize, i, 'open_interest', true);
      const usd = fast.itemOptNum(row['open_interest_usd'], row, 'open_interest_usd', R, i);
      const oiUsd = rowDerived(usd !== undefined && usd > 0 ? usd : oiBtc * markPrice, i, 'open_interest_usd', true);
      const oiEvent: OpenInterestEvent = { kind: 'openInterest', venue: VENUE, market: m.symbol, ts, recvTs, oiBtc, oiUsd };
      events.push(oiEvent);
      statsLiq(events, row, i, m, 'long', ts, markPrice, recvTs);
      statsLiq(events, row, i, m, 'short', ts, markPrice, recvTs);
    }
    return events.length > 0 ? { kind: 'events', events } : noRows('futures.contract_stats', rows);
  }

  /** One side's liquidation total of a contract_stats row, less what public_liquidates delivered. */
  function statsLiq(events: MarketEvent[], row: JsonObject, i: number, m: MarketSpec, side: 'long' | 'short', ts: number, markPrice: number, recvTs: number): void {
    const k = LIQ_KEYS[side];
    const size = fast.itemOptNum(row[k.size], row, k.size, R, i) ?? 0;
    if (size < 0) throw new FrameError(itemPath(R, i, k.size), `negative ${size}`);
    const totalBtc = rowDerived(size * m.contractSize, i, k.size, true);
    // Average price of the interval's liquidations when given, else the mark price.
    const usdTotal = fast.itemOptNum(row[k.usd], row, k.usd, R, i) ?? 0;
    const amount = fast.itemOptNum(row[k.amount], row, k.amount, R, i) ?? 0;
    const price = rowDerived(usdTotal > 0 && amount > 0 ? usdTotal / amount : markPrice, i, k.usd);
    const qty = liqTotals.remainder(m.symbol, ts, side, totalBtc);
    if (qty <= 0) return;
    events.push({ kind: 'liquidation', venue: VENUE, market: m.symbol, ts, recvTs, price, qty, notionalUsd: rowDerived(qty * price, i, k.usd), side });
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    const t = templates ? templateMessage(frame) : undefined;
    const msg = t ?? obj(parseJson(frame), 'frame');
    const channel = str(msg, 'channel');
    const event = optStr(msg, 'event') ?? '';
    const err = msg['error'];
    if (err !== undefined && err !== null) {
      const e = isObject(err) ? `${String(err['code'] ?? '?')} ${String(err['message'] ?? '')}`.trim() : JSON.stringify(err);
      return { kind: 'drop', reason: `${channel} ${event}: venue error ${e}` };
    }
    if (channel === 'futures.pong') return { kind: 'control', what: 'pong' };
    if (event === 'subscribe' || event === 'unsubscribe') return { kind: 'control', what: `${channel} ${event} ack` };
    if (channel === 'futures.system') return { kind: 'control', what: `system notice: ${JSON.stringify(msg['result'] ?? null).slice(0, 120)}` };
    if (event !== 'update') return { kind: 'drop', reason: `${channel}: unexpected event ${JSON.stringify(event)}` };
    switch (channel) {
      case 'futures.trades':
        return trades(rowsOf(t, msg), recvTs);
      case 'futures.public_liquidates':
        return liquidations(rowsOf(t, msg), recvTs);
      case 'futures.tickers':
        return tickers(rowsOf(t, msg), pushMs(msg), recvTs);
      case 'futures.contract_stats':
        return stats(rowsOf(t, msg), recvTs);
      default:
        return { kind: 'drop', reason: `unknown channel ${channel}` };
    }
  }

  /** REST bodies of polls/replays: the contract (mark, funding, OI) and tickers. */
  function rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    const path = req.path.split('?')[0] ?? '';
    const data = parseJson(body);
    if (path.startsWith('/futures/usdt/contracts/')) {
      const c = obj(data, 'body');
      const m = specs.get(str(c, 'name'));
      if (!m) return { kind: 'drop', reason: `contract ${str(c, 'name')} not subscribed` };
      const markPrice = positive(c, 'mark_price');
      const index = optNum(c, 'index_price');
      const next = optNum(c, 'funding_next_apply');
      const mark: MarkEvent = {
        kind: 'mark',
        venue: VENUE,
        market: m.symbol,
        ts: recvTs,
        recvTs,
        markPrice,
        ...(index !== undefined && index > 0 ? { indexPrice: index } : {}),
        fundingRate: num(c, 'funding_rate'),
        ...(next !== undefined && next > 0 ? { nextFundingTs: secondsOrMs(next, 'funding_next_apply') } : {}),
      };
      const events: MarketEvent[] = [mark];
      // position_size = "current total long position size" = one-sided OI in contracts (gate.md §3).
      const pos = optNum(c, 'position_size');
      if (pos !== undefined && pos >= 0) {
        const oiBtc = derived(pos * m.contractSize, 'position_size', true);
        events.push({ kind: 'openInterest', venue: VENUE, market: m.symbol, ts: recvTs, recvTs, oiBtc, oiUsd: derived(oiBtc * markPrice, 'mark_price', true) });
      }
      return { kind: 'events', events };
    }
    if (path === '/futures/usdt/tickers') {
      if (!Array.isArray(data)) throw new FrameError('body', 'expected an array of tickers');
      return tickers(resultRows(data), recvTs, recvTs);
    }
    return { kind: 'drop', reason: `unhandled REST path ${path}` };
  }

  return { ws, rest };
}

function noRows(channel: string, rows: readonly JsonObject[]): ParseOutcome {
  if (rows.length === 0) return { kind: 'drop', reason: `${channel}: empty result` };
  return { kind: 'drop', reason: `${channel}: unsubscribed contract ${String(rows[0]?.['contract'])}` };
}
