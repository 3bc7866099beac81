// The scanner paths for Bybit v5's hot pushes (publicTrade, allLiquidation, tickers of configured
// symbols, `topic` first). Trade and liquidation rows become events in place (core/scan.ts), only
// when every row is valid. A tickers push hands applyTicker the fields TickerState reads: taken by
// one regex match when written as Bybit writes it (no whitespace, the keys in Bybit's order;
// several times faster than the cursor there), else by the cursor. Anything else (a bad or
// missing field, another route, escapes, duplicate keys, …) returns undefined, and the JSON.parse
// path gives the outcome.
import type { MarketEvent, VenueId } from '../../../core/events.js';
import { isEpochMs, type Json } from '../../../core/fields.js';
import { keys, type Scan } from '../../../core/scan.js';
import { object, TEXT } from '../../../core/scan-template.js';
import type { MarketSpec, ParseOutcome } from '../../../core/venue.js';
import { liquidationEvent, tradeEvent } from './events.js';
import type { TickerFields } from './ticker-state.js';

export type Channel = 'publicTrade' | 'allLiquidation' | 'liquidation' | 'tickers';
export interface Route {
  readonly channel: Channel;
  readonly m: MarketSpec;
}

/** What the scanner paths need of the parser. */
export interface FastTarget {
  readonly venue: VenueId;
  route(topic: string): Route | undefined;
  applyTicker(m: MarketSpec, d: TickerFields, snapshot: boolean, ts: number, recvTs: number): readonly MarketEvent[];
}

const TOP = keys(['topic', 'type', 'ts', 'data']);
const ROW = keys(['T', 's', 'S', 'v', 'p', 'i']);
const TICKER = keys(['symbol', 'markPrice', 'indexPrice', 'fundingRate', 'nextFundingTime', 'openInterest', 'singleOpenInterest']);
const TOPIC_AT = '{"topic":"'.length;

export function fastFrame(sc: Scan, p: FastTarget, frame: string, recvTs: number): ParseOutcome | undefined {
  if (!frame.startsWith('{"topic":"')) return undefined;
  if (frame.startsWith('tickers.', TOPIC_AT)) {
    const flat = flatTicker(p, frame, recvTs);
    if (flat) return flat;
  }
  if (!sc.start(frame) || !sc.object() || sc.key(TOP) !== 0) return undefined;
  const route = p.route(sc.str() ?? '');
  if (route === undefined || route.channel === 'liquidation') return undefined;
  const ticker = route.channel === 'tickers';
  let type: string | undefined;
  let ts = NaN;
  let events: MarketEvent[] | undefined;
  let data: (Json | undefined)[] | undefined;
  for (let k = sc.key(TOP); k >= 0; k = sc.key(TOP)) {
    if (!ticker && k !== 3) sc.skip();
    else if (k === 1) type = sc.str();
    else if (k === 2) ts = sc.numeric();
    else if (ticker) data = tickerData(sc);
    else events = rows(sc, p.venue, route, recvTs);
    if (sc.failed) return undefined;
  }
  if (!sc.done()) return undefined;
  if (!ticker) return events && { kind: 'events', events };
  if (data === undefined) return undefined;
  const fields: TickerFields = { markPrice: data[1], indexPrice: data[2], fundingRate: data[3], nextFundingTime: data[4], openInterest: data[5], singleOpenInterest: data[6] };
  return tickerOutcome(p, route, type, ts, data[0], fields, recvTs);
}

/** A tickers push once read: the parser's checks on type, ts and data.symbol, then applyTicker. */
function tickerOutcome(p: FastTarget, route: Route, type: string | undefined, ts: number, symbol: Json | undefined, d: TickerFields, recvTs: number): ParseOutcome | undefined {
  if ((type !== 'snapshot' && type !== 'delta') || !isEpochMs(ts) || symbol !== route.m.symbol) return undefined;
  return { kind: 'events', events: p.applyTicker(route.m, d, type === 'snapshot', ts, recvTs) };
}

/**
 * A whole tickers push as Bybit writes it (core/scan-template.ts): no whitespace, the `data` keys
 * TickerState reads in Bybit's order. Groups: topic symbol, type, data.symbol, markPrice,
 * indexPrice, openInterest, singleOpenInterest, nextFundingTime, fundingRate (undefined when
 * absent), ts.
 */
const TICKER_FRAME = new RegExp(
  `^\\{"topic":"tickers\\.(${TEXT})","type":"(snapshot|delta)","data":` +
    object({ symbol: 'string', markPrice: 'string', indexPrice: 'string', openInterest: 'string', singleOpenInterest: 'string', nextFundingTime: 'string', fundingRate: 'string' }) +
    `,"cs":(?:0|[1-9]\\d*),"ts":([1-9]\\d{12})\\}$`,
);

/** A tickers push TICKER_FRAME matches, else undefined. */
export function flatTicker(p: FastTarget, s: string, recvTs: number): ParseOutcome | undefined {
  const f = TICKER_FRAME.exec(s);
  const route = f && p.route(`tickers.${f[1]}`);
  if (!route) return undefined;
  const fields: TickerFields = { markPrice: f[4], indexPrice: f[5], fundingRate: f[9], nextFundingTime: f[8], openInterest: f[6], singleOpenInterest: f[7] };
  return tickerOutcome(p, route, f[2], Number(f[10]), f[3], fields, recvTs);
}

/** publicTrade or allLiquidation rows as events, or undefined (failed) at the first one not valid. */
function rows(sc: Scan, venue: VenueId, route: Route, recvTs: number): MarketEvent[] | undefined {
  if (!sc.array()) return undefined;
  const m = route.m;
  const trade = route.channel === 'publicTrade';
  const out: MarketEvent[] = [];
  while (sc.more()) {
    if (!sc.object()) return undefined;
    let T = NaN;
    let s = false;
    let S: string | undefined;
    let v = NaN;
    let price = NaN;
    let id: string | undefined;
    for (let k = sc.key(ROW); k >= 0; k = sc.key(ROW)) {
      if (k === 0) T = sc.numeric();
      else if (k === 1) s = sc.is(m.symbol);
      else if (k === 2) S = sc.str();
      else if (k === 3) v = sc.numeric();
      else if (k === 4) price = sc.numeric();
      else if (!trade) sc.skip();
      else if (!sc.nul()) id = sc.str();
    }
    if (sc.failed || !s || !isEpochMs(T) || !(v > 0) || !(price > 0) || (S !== 'Buy' && S !== 'Sell')) return failed(sc);
    if (trade) out.push(tradeEvent(venue, m, T, recvTs, price, v, S === 'Buy' ? 'buy' : 'sell', id));
    else out.push(liquidationEvent(venue, m, T, recvTs, price, v, S === 'Buy' ? 'long' : 'short'));
  }
  return sc.failed ? undefined : out;
}

const cursorValues: (Json | undefined)[] = new Array<undefined>(TICKER.names.length).fill(undefined);

/** The tickers `data` values of TICKER's keys (strings, numbers or null; undefined when absent), or undefined. */
function tickerData(sc: Scan): (Json | undefined)[] | undefined {
  if (!sc.object()) return undefined;
  cursorValues.fill(undefined);
  for (let k = sc.key(TICKER); k >= 0; k = sc.key(TICKER)) {
    const c = sc.peek();
    cursorValues[k] = c === 34 ? (sc.str() as string) : sc.nul() ? null : sc.num();
  }
  return sc.failed ? undefined : cursorValues;
}

function failed(sc: Scan): undefined {
  sc.failed = true;
  return undefined;
}
