// The scanner path (core/scan.ts; on with parse.ts `scan: true`) for the hot notifications:
// trades and ticker of subscribed instruments. It answers only frames whose every row is valid;
// anything else (an unknown instrument, a bad, null or missing field, a number sent as text,
// escapes, duplicate keys, keys in another order than method → params, channel → data, …) returns
// undefined, and the JSON.parse path gives the outcome. Checks mirror parse.ts; events: events.ts.
import type { MarketEvent } from '../../core/events.js';
import { keys, type Scan } from '../../core/scan.js';
import type { MarketSpec, ParseOutcome } from '../../core/venue.js';
import { isEpochMs as isMs } from '../../core/fields.js';
import { btc, isLiquidationFlag, pushTrade, tickerEvents } from './events.js';

const TOP = keys(['method', 'params']);
const PARAMS = keys(['channel', 'data']);
const TRADE = keys(['instrument_name', 'price', 'amount', 'timestamp', 'direction', 'trade_id', 'liquidation']);
const TICKER = keys(['instrument_name', 'timestamp', 'mark_price', 'open_interest', 'index_price', 'funding_8h']);

/** A finite JSON number, else NaN (the scan is then failed or the value out of range). */
function finite(n: number): number {
  return n - n === 0 ? n : NaN;
}

export function fastFrame(sc: Scan, spec: ReadonlyMap<string, MarketSpec>, frame: string, recvTs: number): ParseOutcome | undefined {
  // Other frames (and other spellings) go straight to JSON.parse rather than be scanned twice.
  if (!frame.startsWith('{"jsonrpc":"2.0","method":"subscription","params":{"channel":"t')) return undefined;
  if (!sc.start(frame) || !sc.object() || sc.key(TOP) !== 0 || !sc.is('subscription') || sc.key(TOP) !== 1) return undefined;
  if (!sc.object() || sc.key(PARAMS) !== 0) return undefined;
  const channel = sc.str();
  if (channel === undefined || sc.key(PARAMS) !== 1) return undefined;
  let out: ParseOutcome | undefined;
  if (channel.startsWith('trades.')) out = trades(sc, spec, recvTs);
  else if (channel.startsWith('ticker.')) out = ticker(sc, spec, recvTs);
  if (out === undefined || sc.key(PARAMS) !== -1 || sc.key(TOP) !== -1 || !sc.done()) return undefined;
  return out;
}

function trades(sc: Scan, spec: ReadonlyMap<string, MarketSpec>, recvTs: number): ParseOutcome | undefined {
  if (!sc.array()) return undefined;
  const events: MarketEvent[] = [];
  while (sc.more()) {
    if (!sc.object()) return undefined;
    let name: string | undefined;
    let price = NaN;
    let amount = NaN;
    let ts = NaN;
    let side: string | undefined;
    let id: string | undefined;
    let flag: string | undefined;
    for (let k = sc.key(TRADE); k >= 0; k = sc.key(TRADE)) {
      if (k === 0) name = sc.str();
      else if (k === 1) price = finite(sc.num());
      else if (k === 2) amount = finite(sc.num());
      else if (k === 3) ts = sc.num();
      else if (k === 4) side = sc.str();
      else if (k === 5) id = sc.str();
      else flag = sc.str();
    }
    const m = name === undefined ? undefined : spec.get(name);
    if (sc.failed || !m || !(price > 0) || !(amount > 0) || !isMs(ts) || (side !== 'buy' && side !== 'sell')) return undefined;
    if (flag !== undefined && !isLiquidationFlag(flag)) return undefined;
    pushTrade(events, m, ts, recvTs, price, btc(m, amount, price), side, id, flag);
  }
  return events.length > 0 && !sc.failed ? { kind: 'events', events } : undefined;
}

function ticker(sc: Scan, spec: ReadonlyMap<string, MarketSpec>, recvTs: number): ParseOutcome | undefined {
  if (!sc.object()) return undefined;
  let name: string | undefined;
  let ts = NaN;
  let mark = NaN;
  let oi = NaN;
  let index: number | undefined;
  let funding: number | undefined;
  for (let k = sc.key(TICKER); k >= 0; k = sc.key(TICKER)) {
    if (k === 0) name = sc.str();
    else if (k === 1) ts = sc.num();
    else if (k === 2) mark = finite(sc.num());
    else if (k === 3) oi = finite(sc.num());
    else if (k === 4) index = finite(sc.num());
    else funding = finite(sc.num());
  }
  const m = name === undefined ? undefined : spec.get(name);
  if (sc.failed || !m || !isMs(ts) || !(mark > 0) || !(oi >= 0) || index !== index || funding !== funding) return undefined;
  return { kind: 'events', events: tickerEvents(m, ts, recvTs, mark, oi, index, funding) };
}
