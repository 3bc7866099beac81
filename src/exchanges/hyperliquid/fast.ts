// The scanner path (core/scan.ts) for the hot pushes: trades and activeAssetCtx of subscribed coins.
// It answers only frames whose every row is valid; anything else (an unknown coin, a bad, null or
// missing field, a number in the other JSON type than Hyperliquid sends, escapes, duplicate keys,
// `data` before `channel`, …) returns undefined, and the JSON.parse path gives the outcome.
// Checks mirror parse.ts; the events come from events.ts. Frames written as Hyperliquid writes
// them (no whitespace, its key orders) are read by regex templates (core/scan-template.ts) first.
import type { MarketEvent } from '../../core/events.js';
import { keys, type Scan } from '../../core/scan.js';
import type { ParseOutcome } from '../../core/venue.js';
import { isEpochMs as isMs } from '../../core/fields.js';
import { textNum } from '../../core/numbers.js';
import { num, open, rows, TEXT } from '../../core/scan-template.js';
import { backstopEvent, ctxEvents, tradeEvent } from './events.js';

const TOP = keys(['channel', 'data']);
const TRADE = keys(['coin', 'side', 'px', 'sz', 'time', 'tid', 'users']);
const ASSET = keys(['coin', 'ctx']);
const CTX = keys(['markPx', 'openInterest', 'oraclePx', 'funding']);

export function fastFrame(sc: Scan, known: ReadonlySet<string>, frame: string, recvTs: number): ParseOutcome | undefined {
  // Other channels (and other spellings) go straight to JSON.parse rather than be scanned twice.
  const t = templateFrame(known, frame, recvTs);
  if (t) return t;
  if (!frame.startsWith('{"channel":"trades","') && !frame.startsWith('{"channel":"activeAssetCtx","')) return undefined;
  if (!sc.start(frame) || !sc.object() || sc.key(TOP) !== 0) return undefined;
  const channel = sc.str();
  if (sc.key(TOP) !== 1) return undefined;
  let out: ParseOutcome | undefined;
  if (channel === 'trades') out = trades(sc, known, recvTs);
  else if (channel === 'activeAssetCtx') out = assetCtx(sc, known, recvTs);
  if (out === undefined || sc.key(TOP) !== -1 || !sc.done()) return undefined;
  return out;
}

function trades(sc: Scan, known: ReadonlySet<string>, recvTs: number): ParseOutcome | undefined {
  if (!sc.array()) return undefined;
  const events: MarketEvent[] = [];
  while (sc.more()) {
    if (!sc.object()) return undefined;
    let coin: string | undefined;
    let side: string | undefined;
    let px = NaN;
    let sz = NaN;
    let time = NaN;
    let tid = NaN;
    let users = false;
    let buyer: string | undefined;
    let seller: string | undefined;
    for (let k = sc.key(TRADE); k >= 0; k = sc.key(TRADE)) {
      if (k === 0) coin = sc.str();
      else if (k === 1) side = sc.str();
      else if (k === 2) px = textNum(sc.str());
      else if (k === 3) sz = textNum(sc.str());
      else if (k === 4) time = sc.num();
      else if (k === 5) tid = sc.num();
      else {
        users = true;
        if (!sc.array() || !sc.more()) return undefined;
        buyer = sc.str();
        if (!sc.more()) return undefined;
        seller = sc.str();
        while (sc.more()) sc.skip();
      }
    }
    if (sc.failed || coin === undefined || !known.has(coin) || !(px > 0) || !(sz > 0) || !isMs(time) || tid - tid !== 0) return undefined;
    if (side !== 'B' && side !== 'A') return undefined;
    const trade = tradeEvent(coin, time, recvTs, px, sz, side, tid);
    events.push(trade);
    if (users && buyer !== undefined && seller !== undefined) {
      const liq = backstopEvent(trade, buyer, seller);
      if (liq) events.push(liq);
    }
  }
  return events.length > 0 && !sc.failed ? { kind: 'events', events } : undefined;
}

function assetCtx(sc: Scan, known: ReadonlySet<string>, recvTs: number): ParseOutcome | undefined {
  if (!sc.object()) return undefined;
  let coin: string | undefined;
  let ctx = false;
  let mark = NaN;
  let oi = NaN;
  let index: number | undefined;
  let funding: number | undefined;
  for (let k = sc.key(ASSET); k >= 0; k = sc.key(ASSET)) {
    if (k === 0) {
      coin = sc.str();
      continue;
    }
    ctx = true;
    if (!sc.object()) return undefined;
    for (let j = sc.key(CTX); j >= 0; j = sc.key(CTX)) {
      // Hyperliquid sends these as text; a JSON number here takes the JSON.parse path.
      const v = textNum(sc.str());
      if (v !== v) return undefined;
      if (j === 0) mark = v;
      else if (j === 1) oi = v;
      else if (j === 2) index = v;
      else funding = v;
    }
  }
  if (sc.failed || !ctx || coin === undefined || !known.has(coin) || !(mark > 0) || !(oi >= 0)) return undefined;
  return { kind: 'events', events: ctxEvents(coin, recvTs, mark, oi, index, funding) };
}

/** The template path alone (a trades or activeAssetCtx push as Hyperliquid writes it), else undefined. */
export function templateFrame(known: ReadonlySet<string>, frame: string, recvTs: number): ParseOutcome | undefined {
  if (frame.startsWith(TRADES_HEAD)) return templateTrades(known, frame, recvTs);
  return frame.startsWith(CTX_HEAD) ? templateCtx(known, frame, recvTs) : undefined;
}

const TRADES_HEAD = '{"channel":"trades","data":';
const CTX_HEAD = '{"channel":"activeAssetCtx","data":{"coin":"';
/** A trade row; groups coin, side, px, sz, time, tid, then buyer and seller when `users` (last) has two. */
const TRADE_ROW = new RegExp(
  `${open({ coin: 'string', side: 'string', px: 'string', sz: 'string', time: 'number', tid: 'number' }, ['users'])}(?:,"users":\\["(${TEXT})","(${TEXT})"\\])?\\}`,
  'y',
);
const groups: RegExpExecArray[] = [];

/** A trades push TRADE_ROW reads, every row valid (the checks of trades() above), else undefined. */
function templateTrades(known: ReadonlySet<string>, frame: string, recvTs: number): ParseOutcome | undefined {
  groups.length = 0;
  const end = rows(frame, TRADES_HEAD.length, TRADE_ROW, (g) => g, groups);
  if (end !== frame.length - 1 || frame.charCodeAt(end) !== 125 || groups.length === 0) return undefined;
  const events: MarketEvent[] = [];
  for (const g of groups) {
    const [, coin = '', side, pxText, szText, timeText, tidText, buyer, seller] = g;
    const px = textNum(pxText);
    const sz = textNum(szText);
    const time = num(timeText) ?? NaN;
    const tid = num(tidText) ?? NaN;
    if (!known.has(coin) || !(px > 0) || !(sz > 0) || !isMs(time) || tid - tid !== 0 || (side !== 'B' && side !== 'A')) return undefined;
    const trade = tradeEvent(coin, time, recvTs, px, sz, side, tid);
    events.push(trade);
    const liq = buyer !== undefined && seller !== undefined ? backstopEvent(trade, buyer, seller) : null;
    if (liq) events.push(liq);
  }
  return { kind: 'events', events };
}

/**
 * The ctx object in Hyperliquid's two key orders (a template's first key must come first: the
 * second order starts at dayNtlVlm, read as any scalar and ignored). The read values must be text
 * (a JSON number takes the paths above).
 */
const CTX_ORDER = [
  ['funding', 'openInterest', 'oraclePx', 'markPx'],
  ['dayNtlVlm', 'markPx', 'oraclePx', 'funding', 'openInterest'],
] as const;
const CTX_READ = new Set<string>(CTX_ORDER[0]);
const CTX_FRAMES = CTX_ORDER.map(
  (o) => new RegExp(`^\\{"channel":"activeAssetCtx","data":\\{"coin":"(${TEXT})","ctx":${open(Object.fromEntries(o.map((k) => [k, CTX_READ.has(k) ? 'string' : 'scalar'])))}\\}\\}\\}$`),
);

/** An activeAssetCtx push a CTX_FRAMES template reads, valid (the checks of assetCtx() above), else undefined. */
function templateCtx(known: ReadonlySet<string>, frame: string, recvTs: number): ParseOutcome | undefined {
  for (let i = 0; i < CTX_FRAMES.length; i++) {
    const g = CTX_FRAMES[i]?.exec(frame);
    const keys = CTX_ORDER[i] ?? [];
    if (!g) continue;
    const v: Record<string, number | undefined> = {};
    for (let k = 0; k < keys.length; k++) {
      const raw = g[k + 2];
      const key = keys[k] ?? '';
      if (raw === undefined || !CTX_READ.has(key)) continue;
      const n = textNum(raw);
      if (n !== n) return undefined;
      v[key] = n;
    }
    const coin = g[1] ?? '';
    const mark = v['markPx'] ?? NaN;
    const oi = v['openInterest'] ?? NaN;
    if (!known.has(coin) || !(mark > 0) || !(oi >= 0)) return undefined;
    return { kind: 'events', events: ctxEvents(coin, recvTs, mark, oi, v['oraclePx'], v['funding']) };
  }
  return undefined;
}
