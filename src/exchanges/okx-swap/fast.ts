// The scanner path (core/scan.ts) for OKX's hot pushes (trades, liquidation-orders, open-interest,
// mark-price): it reads, in place, only the keys parse.ts reads and hands parse.ts the message
// JSON.parse would give minus the other keys (OKX sends each of these values as a string). The
// same parser code then checks the rows and builds the events, so both paths give one outcome.
// Anything else (another channel, an `event` key, a value that is not a string, escapes,
// duplicate keys, `data` before `arg`, …) returns undefined and takes JSON.parse. Trades,
// open-interest and mark-price pushes as OKX writes them (no whitespace, its key orders) are read
// by regex templates (core/scan-template.ts) before the scanner.
import type { JsonObject } from '../../core/fields.js';
import { keys, type Scan } from '../../core/scan.js';
import { object, open, rows } from '../../core/scan-template.js';

const TOP = keys(['arg', 'data', 'event']);
const ARG = keys(['channel']);
const TRADE = keys(['instId', 'tradeId', 'px', 'sz', 'side', 'ts']);
const LIQ = keys(['instId', 'details']);
const DETAIL = keys(['bkPx', 'sz', 'ts', 'posSide', 'side']);
const OI = keys(['instId', 'oi', 'oiCcy', 'oiUsd', 'ts']);
const MARK = keys(['instId', 'markPx', 'ts']);
const CHANNELS = ['trades', 'trades-all', 'liquidation-orders', 'open-interest', 'mark-price'];

// Rows as parse.ts reads them: an absent key reads as undefined, as on JSON.parse's object.
type S = string | undefined;
type TradeRow = { readonly instId?: string; readonly tradeId?: string; readonly px?: string; readonly sz?: string; readonly side?: string; readonly ts?: string };
type OiRow = { readonly instId?: string; readonly oi?: string; readonly oiCcy?: string; readonly oiUsd?: string; readonly ts?: string };
type MarkRow = { readonly instId?: string; readonly markPx?: string; readonly ts?: string };
type DetailRow = { readonly bkPx?: string; readonly sz?: string; readonly ts?: string; readonly posSide?: string; readonly side?: string };
type LiqRow = { readonly instId?: string; readonly details?: readonly DetailRow[] };
type Row = TradeRow | OiRow | MarkRow | LiqRow;

/** The hot channel a frame's text starts with, else undefined (not worth a scan). */
function channelOf(frame: string): string | undefined {
  if (!frame.startsWith('{"arg":{"channel":"')) return undefined;
  for (const c of CHANNELS) if (frame.startsWith(c, 19) && frame.charCodeAt(19 + c.length) === 34) return c;
  return undefined;
}

/** `{arg:{channel}, data:[rows]}` with the rows' read keys, or undefined (JSON.parse path). */
export function fastMessage(sc: Scan, frame: string): JsonObject | undefined {
  const channel = channelOf(frame);
  if (channel === undefined) return undefined;
  const t = templateMessage(frame, channel);
  if (t !== undefined) return t;
  if (!sc.start(frame) || !sc.object() || sc.key(TOP) !== 0) return undefined;
  if (!sc.object() || sc.key(ARG) !== 0 || !sc.is(channel) || sc.key(ARG) !== -1 || sc.key(TOP) !== 1 || !sc.array()) return undefined;
  const data: Row[] = [];
  while (sc.more()) {
    const row = channel === 'liquidation-orders' ? readLiquidation(sc) : channel === 'open-interest' ? readOi(sc) : channel === 'mark-price' ? readMark(sc) : readTrade(sc);
    if (row === undefined) return undefined;
    data.push(row);
  }
  if (sc.key(TOP) !== -1 || !sc.done()) return undefined;
  return { arg: { channel }, data };
}

function readTrade(sc: Scan): TradeRow | undefined {
  if (!sc.object()) return undefined;
  let instId: S, tradeId: S, px: S, sz: S, side: S, ts: S;
  for (let k = sc.key(TRADE); k >= 0; k = sc.key(TRADE)) {
    const v = sc.str();
    if (k === 0) instId = v;
    else if (k === 1) tradeId = v;
    else if (k === 2) px = v;
    else if (k === 3) sz = v;
    else if (k === 4) side = v;
    else ts = v;
  }
  return sc.failed ? undefined : { instId, tradeId, px, sz, side, ts };
}

function readOi(sc: Scan): OiRow | undefined {
  if (!sc.object()) return undefined;
  let instId: S, oi: S, oiCcy: S, oiUsd: S, ts: S;
  for (let k = sc.key(OI); k >= 0; k = sc.key(OI)) {
    const v = sc.str();
    if (k === 0) instId = v;
    else if (k === 1) oi = v;
    else if (k === 2) oiCcy = v;
    else if (k === 3) oiUsd = v;
    else ts = v;
  }
  return sc.failed ? undefined : { instId, oi, oiCcy, oiUsd, ts };
}

function readMark(sc: Scan): MarkRow | undefined {
  if (!sc.object()) return undefined;
  let instId: S, markPx: S, ts: S;
  for (let k = sc.key(MARK); k >= 0; k = sc.key(MARK)) {
    const v = sc.str();
    if (k === 0) instId = v;
    else if (k === 1) markPx = v;
    else ts = v;
  }
  return sc.failed ? undefined : { instId, markPx, ts };
}

function readLiquidation(sc: Scan): LiqRow | undefined {
  if (!sc.object()) return undefined;
  let instId: string | undefined;
  let details: DetailRow[] | undefined;
  for (let k = sc.key(LIQ); k >= 0; k = sc.key(LIQ)) {
    if (k === 0) {
      instId = sc.str();
      continue;
    }
    if (!sc.array()) return undefined;
    details = [];
    while (sc.more()) {
      const d = readDetail(sc);
      if (d === undefined) return undefined;
      details.push(d);
    }
  }
  return sc.failed ? undefined : { instId, details };
}

function readDetail(sc: Scan): DetailRow | undefined {
  if (!sc.object()) return undefined;
  let bkPx: S, sz: S, ts: S, posSide: S, side: S;
  for (let k = sc.key(DETAIL); k >= 0; k = sc.key(DETAIL)) {
    const v = sc.str();
    if (k === 0) bkPx = v;
    else if (k === 1) sz = v;
    else if (k === 2) ts = v;
    else if (k === 3) posSide = v;
    else side = v;
  }
  return sc.failed ? undefined : { bkPx, sz, ts, posSide, side };
}

type Build = (g: RegExpExecArray) => Row;
const strings = (ks: readonly string[]): string => object(Object.fromEntries(ks.map((k) => [k, 'string' as const])));
/** Per channel: the row template (sticky) and its build, rows as the readers above give them. */
const TEMPLATES: Readonly<Record<string, readonly [RegExp, Build]>> = {
  trades: [new RegExp(strings(['instId', 'tradeId', 'px', 'sz', 'side', 'ts']), 'y'), (g) => ({ instId: g[1], tradeId: g[2], px: g[3], sz: g[4], side: g[5], ts: g[6] })],
  'open-interest': [new RegExp(strings(['instId', 'oi', 'oiCcy', 'oiUsd', 'ts']), 'y'), (g) => ({ instId: g[1], oi: g[2], oiCcy: g[3], oiUsd: g[4], ts: g[5] })],
  'mark-price': [new RegExp(strings(['instId', 'markPx', 'ts']), 'y'), (g) => ({ instId: g[1], markPx: g[2], ts: g[3] })],
};
/** `{"arg":{"channel":…,…},"data":` with `channel` first in `arg` (flat). */
const HEAD = new RegExp(`^\\{"arg":${open({ channel: 'string' })}\\},"data":`);

/** A push of a TEMPLATES channel as OKX writes it, `data` last, or undefined. */
export function templateMessage(frame: string, channel: string): JsonObject | undefined {
  const t = TEMPLATES[channel];
  const head = t && HEAD.exec(frame);
  if (!t || !head || head[1] !== channel) return undefined;
  const data: Row[] = [];
  const end = rows(frame, head[0].length, t[0], t[1], data);
  return end === frame.length - 1 && frame.charCodeAt(end) === 125 ? { arg: { channel }, data } : undefined;
}
