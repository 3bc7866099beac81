// OKX v5 mock (product code: the offline demo runs on it). Sockets /ws/v5/public and
// /ws/v5/business, `{"op":"subscribe","args":[…]}` with per-arg acks and `event:error` answers,
// text ping → pong, the liquidation-orders replay after subscribing, REST in mock-rest.ts.
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import { isObject, type JsonObject } from '../../core/fields.js';
import type { MarketSpec } from '../../core/venue.js';
import type { EncodedFrame, MockProtocol, MockSession, MockState } from '../mock/server.js';
import { indexId } from './endpoints.js';
import { FALLBACK_MARKETS } from './markets.js';
import { dec } from './mock-history.js';
import { okxMockRest } from './mock-rest.js';

const PUBLIC_CHANNELS = new Set(['trades', 'liquidation-orders', 'open-interest', 'mark-price', 'funding-rate', 'index-tickers']);
const BUSINESS_CHANNELS = new Set(['trades-all']);
/** How many recent liquidations the first liquidation-orders push replays. */
const LIQ_REPLAY = 10;

const market = (symbol: string): MarketSpec | undefined => FALLBACK_MARKETS.find((m) => m.symbol === symbol);
const connId = (s: MockSession): string => (0x5a000000 + s.id).toString(16);
const push = (topic: string, arg: Record<string, string>, data: unknown[]): EncodedFrame => ({ topic, frame: JSON.stringify({ arg, data }) });

function contracts(m: MarketSpec, btc: number, price: number): string {
  return dec(m.kind === 'linear' ? btc / m.contractSize : (btc * price) / m.contractSize);
}

function tradeFrames(e: TradeEvent, m: MarketSpec): EncodedFrame[] {
  const row = { instId: e.market, tradeId: e.id ?? String(e.ts), px: dec(e.price), sz: contracts(m, e.qty, e.price), side: e.takerSide, ts: String(e.ts) };
  return [
    push(`trades:${e.market}`, { channel: 'trades', instId: e.market }, [{ ...row, count: '1' }]),
    push(`trades-all:${e.market}`, { channel: 'trades-all', instId: e.market }, [row]),
  ];
}

function liquidationRow(e: LiquidationEvent, m: MarketSpec): JsonObject {
  const family = e.market.replace(/-SWAP$/, '');
  const detail = { bkLoss: '0', bkPx: dec(e.price), ccy: '', posSide: e.side, side: e.side === 'long' ? 'sell' : 'buy', sz: contracts(m, e.qty, e.price), ts: String(e.ts) };
  return { details: [detail], instFamily: family, instId: e.market, instType: 'SWAP', uly: family };
}

function oiFrame(e: OpenInterestEvent, m: MarketSpec): EncodedFrame {
  const px = e.oiUsd / Math.max(e.oiBtc, 1e-12);
  const row = { instId: e.market, instType: 'SWAP', oi: contracts(m, e.oiBtc, px), oiCcy: dec(e.oiBtc), oiUsd: dec(e.oiUsd), ts: String(e.ts) };
  return push(`open-interest:${e.market}`, { channel: 'open-interest', instId: e.market }, [row]);
}

/** Index and funding first: the client's mark event carries the latest of both. */
function markFrames(e: MarkEvent): EncodedFrame[] {
  const out: EncodedFrame[] = [];
  if (e.indexPrice !== undefined) {
    const idx = indexId(e.market);
    out.push(push(`index-tickers:${idx}`, { channel: 'index-tickers', instId: idx }, [{ instId: idx, idxPx: dec(e.indexPrice), ts: String(e.ts) }]));
  }
  if (e.fundingRate !== undefined || e.nextFundingTs !== undefined) {
    const row: Record<string, string> = { instId: e.market, instType: 'SWAP', nextFundingRate: '' };
    if (e.fundingRate !== undefined) row.fundingRate = dec(e.fundingRate);
    if (e.nextFundingTs !== undefined) row.fundingTime = String(e.nextFundingTs);
    out.push(push(`funding-rate:${e.market}`, { channel: 'funding-rate', instId: e.market }, [row]));
  }
  out.push(push(`mark-price:${e.market}`, { channel: 'mark-price', instId: e.market }, [{ instId: e.market, instType: 'SWAP', markPx: dec(e.markPrice), ts: String(e.ts) }]));
  return out;
}

function encode(e: MarketEvent): readonly EncodedFrame[] {
  const m = market(e.market);
  if (!m) return [];
  switch (e.kind) {
    case 'trade':
      return tradeFrames(e, m);
    case 'liquidation':
      return [push('liquidation-orders:SWAP', { channel: 'liquidation-orders', instType: 'SWAP' }, [liquidationRow(e, m)])];
    case 'openInterest':
      return [oiFrame(e, m)];
    case 'mark':
      return markFrames(e);
    case 'status':
      return [];
  }
}

function error(s: MockSession, code: string, msg: string): void {
  s.send(JSON.stringify({ event: 'error', code, msg, connId: connId(s) }));
}

/** One subscribe arg: topic for fan-out, or the reason OKX would refuse it. */
function topicOf(arg: JsonObject, business: boolean): string | { code: string; msg: string } {
  const channel = typeof arg.channel === 'string' ? arg.channel : '';
  const allowed = business ? BUSINESS_CHANNELS : PUBLIC_CHANNELS;
  const key = channel === 'liquidation-orders' ? arg.instType : arg.instId;
  if (!allowed.has(channel) || typeof key !== 'string') {
    return { code: '60018', msg: `Wrong URL or channel:${channel},instId:${String(arg.instId)} doesn't exist. Please use the correct URL, channel and parameters referring to API document.` };
  }
  if (channel === 'liquidation-orders' ? key !== 'SWAP' : channel === 'index-tickers' ? !market(`${key}-SWAP`) : !market(key)) {
    return { code: '60018', msg: `Wrong URL or channel:${channel},instId:${key} doesn't exist.` };
  }
  return `${channel}:${key}`;
}

/** OKX pushes recent liquidations right after a liquidation-orders subscription (tardis skips that first push). */
function replayLiquidations(s: MockSession, state: MockState): void {
  const rows: JsonObject[] = [];
  for (let i = state.history.length - 1; i >= 0 && rows.length < LIQ_REPLAY; i--) {
    const e = state.history[i];
    const m = e && market(e.market);
    if (e?.kind === 'liquidation' && m) rows.unshift(liquidationRow(e, m));
  }
  if (rows.length > 0) s.send(JSON.stringify({ arg: { channel: 'liquidation-orders', instType: 'SWAP' }, data: rows }));
}

function onMessage(s: MockSession, text: string, state: MockState): void {
  if (text === 'ping') {
    s.send('pong');
    return;
  }
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    error(s, '60012', `Invalid request: ${text.slice(0, 100)}`);
    return;
  }
  if (!isObject(msg) || (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') || !Array.isArray(msg.args)) {
    error(s, '60012', `Invalid request: ${text.slice(0, 100)}`);
    return;
  }
  const business = s.data.get('business') === true;
  for (const a of msg.args as unknown[]) {
    if (!isObject(a)) {
      error(s, '60012', 'Invalid request: args');
      continue;
    }
    const t = topicOf(a, business);
    if (typeof t !== 'string') {
      error(s, t.code, t.msg);
      continue;
    }
    if (msg.op === 'subscribe') s.topics.add(t);
    else s.topics.delete(t);
    s.send(JSON.stringify({ event: msg.op, arg: a, connId: connId(s) }));
    if (msg.op === 'subscribe' && t === 'liquidation-orders:SWAP') replayLiquidations(s, state);
  }
}

export function createMockProtocol(): MockProtocol {
  return {
    venue: 'okx-swap',
    onOpen: (s) => {
      if (s.path === '/ws/v5/business') s.data.set('business', true);
      return s.path === '/ws/v5/public' || s.path === '/ws/v5/business';
    },
    onMessage,
    encode,
    rest: okxMockRest,
  };
}
