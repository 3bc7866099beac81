// Gate USDT futures (API v4) frames → normalised events (gate.md §1.2 envelope, §2 channels).
// WS push: {"time": s, "time_ms": ms, "channel", "event", "error", "result"}; `result` is an array of
// rows, a bare object (live public_liquidates and old tickers: gateio/WebSocket-API#132, tardis
// fixtures) or a nested array (tardis 2021 ticker fixture) — all three are accepted.
// Sizes are CONTRACTS (string with the X-Gate-Size-Decimal header, integer without):
// BTC = |size| × quanto_multiplier (0.0001 for BTC_USDT); notional USD = BTC × price.
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import { checkMs, FrameError, isObject, num, obj, optNum, optStr, parseJson, positive, str, type Json, type JsonObject } from '../../core/fields.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { LiqTotals } from './liq-totals.js';

const VENUE = 'gate';

/** Rows of a `result`: array, bare object, or array of arrays. */
export function resultRows(result: Json | undefined): JsonObject[] {
  if (isObject(result)) return [result];
  if (!Array.isArray(result)) throw new FrameError('result', 'expected an array or an object');
  const rows: JsonObject[] = [];
  (result as readonly Json[]).forEach((r, i) => {
    if (Array.isArray(r)) (r as readonly Json[]).forEach((x, j) => rows.push(obj(x, `result[${i}][${j}]`)));
    else rows.push(obj(r, `result[${i}]`));
  });
  return rows;
}

/** Gate mixes seconds and ms in one field across versions (public_liquidates.time went s → ms). */
function secondsOrMs(n: number, path: string): number {
  return checkMs(n > 1e12 ? Math.round(n) : Math.round(n * 1000), path);
}

/** Signed contracts, non-zero. */
function signedSize(row: JsonObject, path: string): number {
  const n = num(row, 'size', path);
  if (n === 0) throw new FrameError(path, 'size is 0');
  return n;
}

/** A value computed from frame fields (qty × price, …) must stay finite and > 0 (or ≥ 0). */
function derived(n: number, path: string, allowZero = false): number {
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new FrameError(path, `computed value out of range: ${n}`);
  return n;
}

export function createGateParser(markets: readonly MarketSpec[]): VenueParser {
  const specs = new Map(markets.map((m) => [m.symbol, m]));
  const liqTotals = new LiqTotals();

  /** The spec of a row's contract, or null for a contract we did not subscribe. */
  function spec(row: JsonObject, path: string): MarketSpec | null {
    return specs.get(str(row, 'contract', `${path}.contract`)) ?? null;
  }

  function pushMs(msg: JsonObject): number {
    const ms = optNum(msg, 'time_ms');
    return ms !== undefined ? checkMs(ms, 'time_ms') : secondsOrMs(num(msg, 'time'), 'time');
  }

  /** `size` > 0 = taker buy, < 0 = taker sell (gate.md §2.1; tardis `side = size < 0 ? sell : buy`). */
  function trades(rows: JsonObject[], recvTs: number): ParseOutcome {
    const events: TradeEvent[] = [];
    let internal = 0;
    rows.forEach((row, i) => {
      const p = `result[${i}]`;
      const m = spec(row, p);
      if (!m) return;
      // Insurance-fund/ADL take-overs of liquidation orders, not book matches; Gate leaves them
      // out of its candles, so they stay out of our taker volume too (gate.md §2.1 is_internal).
      if (row['is_internal'] === true) {
        internal++;
        return;
      }
      const size = signedSize(row, `${p}.size`);
      const ms = optNum(row, 'create_time_ms', `${p}.create_time_ms`);
      const ts = ms !== undefined ? checkMs(ms, `${p}.create_time_ms`) : secondsOrMs(num(row, 'create_time', `${p}.create_time`), `${p}.create_time`);
      events.push({
        kind: 'trade',
        venue: VENUE,
        market: m.symbol,
        ts,
        recvTs,
        price: positive(row, 'price', `${p}.price`),
        qty: derived(Math.abs(size) * m.contractSize, `${p}.size`),
        takerSide: size < 0 ? 'sell' : 'buy',
        id: String(num(row, 'id', `${p}.id`)),
      });
    });
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
  function liquidations(rows: JsonObject[], recvTs: number): ParseOutcome {
    const events: LiquidationEvent[] = [];
    rows.forEach((row, i) => {
      const p = `result[${i}]`;
      const m = spec(row, p);
      if (!m) return;
      const size = signedSize(row, `${p}.size`);
      const price = positive(row, 'price', `${p}.price`);
      const ts = secondsOrMs(num(row, 'time', `${p}.time`), `${p}.time`);
      const qty = derived(Math.abs(size) * m.contractSize, `${p}.size`);
      const notionalUsd = derived(qty * price, `${p}.price`);
      const side = size < 0 ? 'short' : 'long';
      liqTotals.add(m.symbol, ts, side, qty);
      events.push({ kind: 'liquidation', venue: VENUE, market: m.symbol, ts, recvTs, price, qty, notionalUsd, side });
    });
    return events.length > 0 ? { kind: 'events', events } : noRows('futures.public_liquidates', rows);
  }

  /** Ticker → mark (+ index, funding) and open interest from `total_size` (contracts). */
  function ticker(row: JsonObject, p: string, m: MarketSpec, fallbackTs: number, recvTs: number): MarketEvent[] {
    const t = optNum(row, 't', `${p}.t`);
    const ts = t !== undefined && t > 0 ? checkMs(t, `${p}.t`) : fallbackTs;
    const markPrice = positive(row, 'mark_price', `${p}.mark_price`);
    const index = optNum(row, 'index_price', `${p}.index_price`);
    const fundingRate = optNum(row, 'funding_rate', `${p}.funding_rate`);
    // Absent optional fields stay undefined (no object spreads: this is the hot path).
    const mark: MarkEvent = { kind: 'mark', venue: VENUE, market: m.symbol, ts, recvTs, markPrice, indexPrice: index !== undefined && index > 0 ? index : undefined, fundingRate };
    const events: MarketEvent[] = [mark];
    const total = optNum(row, 'total_size', `${p}.total_size`);
    if (total !== undefined) {
      if (total < 0) throw new FrameError(`${p}.total_size`, `negative open interest ${total}`);
      const oiBtc = derived(total * m.contractSize, `${p}.total_size`, true);
      events.push({ kind: 'openInterest', venue: VENUE, market: m.symbol, ts, recvTs, oiBtc, oiUsd: derived(oiBtc * markPrice, `${p}.mark_price`, true) });
    }
    return events;
  }

  function tickers(rows: JsonObject[], pushTs: number, recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    rows.forEach((row, i) => {
      const m = spec(row, `result[${i}]`);
      if (m) events.push(...ticker(row, `result[${i}]`, m, pushTs, recvTs));
    });
    return events.length > 0 ? { kind: 'events', events } : noRows('futures.tickers', rows);
  }

  /**
   * 1m contract stats → open interest (`open_interest` contracts, `open_interest_usd` USDT) and the
   * part of the minute's liquidation totals that public_liquidates did not deliver (see LiqTotals).
   * `long_liq_size` = longs liquidated, `short_liq_size` = shorts (gate.md §2.4), in contracts.
   */
  function stats(rows: JsonObject[], recvTs: number): ParseOutcome {
    const events: MarketEvent[] = [];
    rows.forEach((row, i) => {
      const p = `result[${i}]`;
      const m = spec(row, p);
      if (!m) return;
      const ts = secondsOrMs(num(row, 'time', `${p}.time`), `${p}.time`);
      const markPrice = positive(row, 'mark_price', `${p}.mark_price`);
      const oi = num(row, 'open_interest', `${p}.open_interest`);
      if (oi < 0) throw new FrameError(`${p}.open_interest`, `negative open interest ${oi}`);
      const oiBtc = derived(oi * m.contractSize, `${p}.open_interest`, true);
      const usd = optNum(row, 'open_interest_usd', `${p}.open_interest_usd`);
      const oiUsd = derived(usd !== undefined && usd > 0 ? usd : oiBtc * markPrice, `${p}.open_interest_usd`, true);
      const oiEvent: OpenInterestEvent = { kind: 'openInterest', venue: VENUE, market: m.symbol, ts, recvTs, oiBtc, oiUsd };
      events.push(oiEvent);
      for (const side of ['long', 'short'] as const) {
        const size = optNum(row, `${side}_liq_size`, `${p}.${side}_liq_size`) ?? 0;
        if (size < 0) throw new FrameError(`${p}.${side}_liq_size`, `negative ${size}`);
        const totalBtc = derived(size * m.contractSize, `${p}.${side}_liq_size`, true);
        // Average price of the interval's liquidations when given, else the mark price.
        const usdTotal = optNum(row, `${side}_liq_usd`, `${p}.${side}_liq_usd`) ?? 0;
        const amount = optNum(row, `${side}_liq_amount`, `${p}.${side}_liq_amount`) ?? 0;
        const price = derived(usdTotal > 0 && amount > 0 ? usdTotal / amount : markPrice, `${p}.${side}_liq_usd`);
        const qty = liqTotals.remainder(m.symbol, ts, side, totalBtc);
        if (qty <= 0) continue;
        events.push({ kind: 'liquidation', venue: VENUE, market: m.symbol, ts, recvTs, price, qty, notionalUsd: derived(qty * price, `${p}.${side}_liq_usd`), side });
      }
    });
    return events.length > 0 ? { kind: 'events', events } : noRows('futures.contract_stats', rows);
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    const msg = obj(parseJson(frame), 'frame');
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
        return trades(resultRows(msg['result']), recvTs);
      case 'futures.public_liquidates':
        return liquidations(resultRows(msg['result']), recvTs);
      case 'futures.tickers':
        return tickers(resultRows(msg['result']), pushMs(msg), recvTs);
      case 'futures.contract_stats':
        return stats(resultRows(msg['result']), recvTs);
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
