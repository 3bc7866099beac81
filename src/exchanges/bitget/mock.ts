// Bitget v2 public WebSocket mock (product code: the offline demo runs on it). Path
// /v2/ws/public, `{"op":"subscribe","args":[…]}` with one ack per arg or `event:error` (30001),
// text ping → pong, 10 client messages/s (else error 30007 and close), a trade snapshot after
// subscribing then `update` pushes, ticker snapshots. REST in mock-rest.ts.
import type { MarketEvent } from '../../core/events.js';
import { isObject, type JsonObject } from '../../core/fields.js';
import type { EncodedFrame, MockProtocol, MockSession, MockState } from '../mock/server.js';
import { dec } from '../okx-swap/mock-history.js';
import { INST_TYPE } from './endpoints.js';
import { FALLBACK_MARKETS } from './markets.js';
import { bitgetMockRest } from './mock-rest.js';

const CHANNELS = new Set(['trade', 'ticker', 'candle1m']);
const MAX_MSGS_PER_SEC = 10;
const SNAPSHOT_TRADES = 50;

const arg = (channel: string, instId: string): JsonObject => ({ instType: INST_TYPE, channel, instId });
const known = (symbol: unknown): boolean => FALLBACK_MARKETS.some((m) => m.symbol === symbol);

function tradeRow(e: MarketEvent & { kind: 'trade' }): JsonObject {
  return { ts: String(e.ts), price: dec(e.price), size: dec(e.qty), side: e.takerSide, tradeId: e.id ?? String(e.ts) };
}

/** The ticker of a market from the latest mark, open interest and trade the mock has seen. */
function tickerFrame(symbol: string, state: MockState, action: 'snapshot'): string | null {
  const mark = state.last.get(`mark:${symbol}`);
  const oi = state.last.get(`openInterest:${symbol}`);
  const trade = state.last.get(`trade:${symbol}`);
  const m = mark?.kind === 'mark' ? mark : undefined;
  const o = oi?.kind === 'openInterest' ? oi : undefined;
  const markPrice = m?.markPrice ?? (o && o.oiBtc > 0 ? o.oiUsd / o.oiBtc : undefined);
  if (markPrice === undefined) return null;
  const last = trade?.kind === 'trade' ? trade.price : markPrice;
  const ts = Math.max(m?.ts ?? 0, o?.ts ?? 0);
  const row: Record<string, string | number> = { instId: symbol, lastPr: dec(last), markPrice: dec(markPrice) };
  if (m?.indexPrice !== undefined) row.indexPrice = dec(m.indexPrice);
  row.fundingRate = dec(m?.fundingRate ?? 0);
  row.nextFundingTime = String(m?.nextFundingTs ?? 0);
  if (o) row.holdingAmount = dec(o.oiBtc);
  Object.assign(row, { symbolType: 1, symbol, ts: String(ts) });
  return JSON.stringify({ action, arg: arg('ticker', symbol), data: [row], ts: state.now() });
}

function encode(e: MarketEvent, state: MockState): readonly EncodedFrame[] {
  if (!known(e.market)) return [];
  switch (e.kind) {
    case 'trade':
      return [{ topic: `trade:${e.market}`, frame: JSON.stringify({ action: 'update', arg: arg('trade', e.market), data: [tradeRow(e)], ts: state.now() }) }];
    case 'mark':
    case 'openInterest': {
      const frame = tickerFrame(e.market, state, 'snapshot');
      return frame ? [{ topic: `ticker:${e.market}`, frame }] : [];
    }
    case 'liquidation': // Bitget publishes no liquidations
    case 'status':
      return [];
  }
}

/** Snapshot sent right after a subscription ack, as Bitget does. */
function snapshot(s: MockSession, channel: string, symbol: string, state: MockState): void {
  if (channel === 'ticker') {
    const f = tickerFrame(symbol, state, 'snapshot');
    if (f) s.send(f);
  }
  if (channel === 'trade') {
    const rows: JsonObject[] = [];
    for (let i = state.history.length - 1; i >= 0 && rows.length < SNAPSHOT_TRADES; i--) {
      const e = state.history[i];
      if (e?.kind === 'trade' && e.market === symbol) rows.push(tradeRow(e));
    }
    s.send(JSON.stringify({ action: 'snapshot', arg: arg('trade', symbol), data: rows, ts: state.now() }));
  }
}

/** Bitget cuts a client that sends more than 10 messages in a second (pings included). */
function overLimit(s: MockSession, now: number): boolean {
  const prev = s.data.get('sent');
  const times = (Array.isArray(prev) ? (prev as number[]) : []).filter((t) => t > now - 1000);
  times.push(now);
  s.data.set('sent', times);
  return times.length > MAX_MSGS_PER_SEC;
}

function onMessage(s: MockSession, text: string, state: MockState): void {
  if (overLimit(s, Date.now())) {
    s.send(JSON.stringify({ event: 'error', code: 30007, msg: 'request over limit,connection close' }));
    s.close(1008, 'request over limit');
    return;
  }
  if (text === 'ping') {
    s.send('pong');
    return;
  }
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    s.send(JSON.stringify({ event: 'error', code: 30002, msg: 'illegal request' }));
    return;
  }
  if (!isObject(msg) || (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') || !Array.isArray(msg.args)) {
    s.send(JSON.stringify({ event: 'error', code: 30003, msg: 'invalid op' }));
    return;
  }
  for (const a of msg.args as unknown[]) {
    const o = isObject(a) ? a : {};
    const { instType, channel, instId } = o;
    if (instType !== INST_TYPE || typeof channel !== 'string' || !CHANNELS.has(channel) || !known(instId)) {
      s.send(JSON.stringify({ event: 'error', code: 30001, msg: `instType:${String(instType)},channel:${String(channel)},instId:${String(instId)} doesn't exist` }));
      continue;
    }
    const topic = `${channel}:${String(instId)}`;
    if (msg.op === 'subscribe') s.topics.add(topic);
    else s.topics.delete(topic);
    s.send(JSON.stringify({ event: msg.op, arg: arg(channel, String(instId)) }));
    if (msg.op === 'subscribe') snapshot(s, channel, String(instId), state);
  }
}

export function createMockProtocol(): MockProtocol {
  return {
    venue: 'bitget',
    onOpen: (s) => s.path === '/v2/ws/public',
    onMessage,
    encode,
    rest: bitgetMockRest,
  };
}
