// The scanner path (core/scan.ts) for Bitget's hot pushes (trade, ticker): it reads, in place, only
// the keys parse.ts reads and hands parse.ts the message JSON.parse would give minus the other keys
// (Bitget sends each of these values as a string). The same parser code then checks the rows and
// builds the events, so both paths give one outcome. Anything else (an `event` key, a value that
// is not a string, escapes, duplicate keys, `data` before `arg`, …) returns undefined: JSON.parse.
// Pushes as Bitget writes them (no whitespace, its key orders) are read by regex templates
// (core/scan-template.ts) before the scanner.
import type { JsonObject } from '../../core/fields.js';
import { keys, type Scan } from '../../core/scan.js';
import { object, open, rows, SCALAR, TEXT } from '../../core/scan-template.js';

const TOP = keys(['action', 'arg', 'data', 'event']);
const ARG = keys(['channel', 'instId']);
const TRADE = keys(['ts', 'price', 'size', 'side', 'tradeId']);
const TICKER = keys(['instId', 'ts', 'markPrice', 'indexPrice', 'nextFundingTime', 'fundingRate', 'holdingAmount']);

// Rows as parse.ts reads them: an absent key reads as undefined, as on JSON.parse's object.
type S = string | undefined;
type TradeRow = { readonly ts?: string; readonly price?: string; readonly size?: string; readonly side?: string; readonly tradeId?: string };
type TickerRow = {
  readonly instId?: string;
  readonly ts?: string;
  readonly markPrice?: string;
  readonly indexPrice?: string;
  readonly nextFundingTime?: string;
  readonly fundingRate?: string;
  readonly holdingAmount?: string;
};
type Message = { readonly action?: string; readonly arg: { readonly channel?: string; readonly instId?: string }; readonly data: readonly (TradeRow | TickerRow)[] };

/** `{action, arg:{channel, instId}, data:[rows]}` with the read keys only, or undefined (JSON.parse path). */
export function fastMessage(sc: Scan, frame: string): JsonObject | undefined {
  if (!frame.startsWith('{"action":"')) return undefined;
  const t = templateMessage(frame);
  if (t !== undefined) return t;
  if (!sc.start(frame) || !sc.object()) return undefined;
  let action: S;
  let channel: S;
  let instId: S;
  let arg = false;
  let data: (TradeRow | TickerRow)[] | undefined;
  for (let k = sc.key(TOP); k >= 0; k = sc.key(TOP)) {
    if (k === 0) action = sc.str();
    else if (k === 1) {
      arg = true;
      if (!sc.object()) return undefined;
      for (let j = sc.key(ARG); j >= 0; j = sc.key(ARG)) {
        if (j === 0) channel = sc.str();
        else instId = sc.str();
      }
    } else if (k === 2) {
      const trade = channel === 'trade';
      if ((!trade && channel !== 'ticker') || !sc.array()) return undefined;
      data = [];
      while (sc.more()) {
        const row = trade ? readTrade(sc) : readTicker(sc);
        if (row === undefined) return undefined;
        data.push(row);
      }
    } else return undefined; // an `event` frame
  }
  if (!sc.done() || !arg || data === undefined) return undefined;
  const msg: Message = { action, arg: { channel, instId }, data };
  return msg;
}

function readTrade(sc: Scan): TradeRow | undefined {
  if (!sc.object()) return undefined;
  let ts: S, price: S, size: S, side: S, tradeId: S;
  for (let k = sc.key(TRADE); k >= 0; k = sc.key(TRADE)) {
    const v = sc.str();
    if (k === 0) ts = v;
    else if (k === 1) price = v;
    else if (k === 2) size = v;
    else if (k === 3) side = v;
    else tradeId = v;
  }
  return sc.failed ? undefined : { ts, price, size, side, tradeId };
}

function readTicker(sc: Scan): TickerRow | undefined {
  if (!sc.object()) return undefined;
  let instId: S, ts: S, markPrice: S, indexPrice: S, nextFundingTime: S, fundingRate: S, holdingAmount: S;
  for (let k = sc.key(TICKER); k >= 0; k = sc.key(TICKER)) {
    const v = sc.str();
    if (k === 0) instId = v;
    else if (k === 1) ts = v;
    else if (k === 2) markPrice = v;
    else if (k === 3) indexPrice = v;
    else if (k === 4) nextFundingTime = v;
    else if (k === 5) fundingRate = v;
    else holdingAmount = v;
  }
  return sc.failed ? undefined : { instId, ts, markPrice, indexPrice, nextFundingTime, fundingRate, holdingAmount };
}

const strings = (ks: readonly string[]): RegExp => new RegExp(object(Object.fromEntries(ks.map((k) => [k, 'string' as const]))), 'y');
const TRADE_ROW = strings(['ts', 'price', 'size', 'side', 'tradeId']);
const TICKER_ROW = strings(['instId', 'fundingRate', 'nextFundingTime', 'markPrice', 'indexPrice', 'holdingAmount', 'ts']);
/** `{"action":…,"arg":{"instType":…,"channel":…,"instId":…},"data":`; groups action, channel, instId. */
const HEAD = new RegExp(`^\\{"action":"(${TEXT})","arg":${open({ instType: 'scalar', channel: 'string', instId: 'string' })}\\},"data":`);
/** After `data`: other top-level scalars (Bitget's `ts`), then the end. */
const TAIL = new RegExp(`(?:,"(?!(?:action|arg|data|event)")${TEXT}":${SCALAR})*\\}`, 'y');

/** A trade or ticker push as Bitget writes it, or undefined. */
export function templateMessage(frame: string): JsonObject | undefined {
  const head = HEAD.exec(frame);
  const channel = head?.[3];
  if (!head || (channel !== 'trade' && channel !== 'ticker')) return undefined;
  const data: (TradeRow | TickerRow)[] = [];
  const end =
    channel === 'trade'
      ? rows(frame, head[0].length, TRADE_ROW, (g): TradeRow => ({ ts: g[1], price: g[2], size: g[3], side: g[4], tradeId: g[5] }), data)
      : rows(frame, head[0].length, TICKER_ROW, (g): TickerRow => ({ instId: g[1], ts: g[7], markPrice: g[4], indexPrice: g[5], nextFundingTime: g[3], fundingRate: g[2], holdingAmount: g[6] }), data);
  if (end < 0) return undefined;
  TAIL.lastIndex = end;
  if (!TAIL.test(frame) || TAIL.lastIndex !== frame.length) return undefined;
  const msg: Message = { action: head[1], arg: { channel, instId: head[4] }, data };
  return msg;
}
