// Hyperliquid mock: the real /ws protocol (one subscription per message, subscriptionResponse echo,
// {"method":"ping"} → {"channel":"pong"}, error channel for bad requests) and POST /info answers
// (meta, metaAndAssetCtxs, candleSnapshot) from the events the simulator publishes.
import type { MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import type { EncodedFrame, MockProtocol, MockRestResponse, MockSession, MockState } from '../mock/server.js';
import { HLP_LIQUIDATOR } from './parse.js';

const BUYER = '0x1111111111111111111111111111111111111111';
const SELLER = '0x2222222222222222222222222222222222222222';
const HASH = `0x${'0'.repeat(64)}`;
const MINUTE = 60_000;

const UNIVERSE = [{ szDecimals: 5, name: 'BTC', maxLeverage: 40, marginTableId: 56 }];
const META = {
  universe: UNIVERSE,
  marginTables: [[56, { description: 'tiered 40x', marginTiers: [{ lowerBound: '0.0', maxLeverage: 40 }, { lowerBound: '150000000.0', maxLeverage: 20 }] }]],
  collateralToken: 0,
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The asset context of `coin` from the last OI and mark events; null until both are known. */
function ctxOf(coin: string, state: MockState): Record<string, string | string[]> | null {
  const oi = state.last.get(`openInterest:${coin}`) as OpenInterestEvent | undefined;
  const mark = state.last.get(`mark:${coin}`) as MarkEvent | undefined;
  const markPx = mark?.markPrice ?? (oi && oi.oiBtc > 0 ? oi.oiUsd / oi.oiBtc : undefined);
  if (!oi || markPx === undefined) return null;
  return {
    funding: String(mark?.fundingRate ?? 0),
    openInterest: String(oi.oiBtc),
    prevDayPx: String(markPx),
    dayNtlVlm: '0.0',
    premium: '0.0',
    oraclePx: String(mark?.indexPrice ?? markPx),
    markPx: String(markPx),
    midPx: String(markPx),
    impactPxs: [String(markPx), String(markPx)],
  };
}

function tradeRow(e: TradeEvent, tid: number, users: readonly [string, string]): Record<string, unknown> {
  return { coin: e.market, side: e.takerSide === 'buy' ? 'B' : 'A', px: String(e.price), sz: String(e.qty), time: e.ts, hash: HASH, tid, users };
}

/** 1-minute candles of `coin` from published trades in [start, end]. */
function candles(state: MockState, coin: string, start: number, end: number): Record<string, unknown>[] {
  const bars = new Map<number, { o: number; h: number; l: number; c: number; v: number; n: number }>();
  for (const e of state.history) {
    if (e.kind !== 'trade' || e.market !== coin || e.ts < start || e.ts > end) continue;
    const t = Math.floor(e.ts / MINUTE) * MINUTE;
    const b = bars.get(t);
    if (!b) bars.set(t, { o: e.price, h: e.price, l: e.price, c: e.price, v: e.qty, n: 1 });
    else Object.assign(b, { h: Math.max(b.h, e.price), l: Math.min(b.l, e.price), c: e.price, v: b.v + e.qty, n: b.n + 1 });
  }
  return [...bars.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(-5000)
    .map(([t, b]) => ({ t, T: t + MINUTE - 1, s: coin, i: '1m', o: String(b.o), c: String(b.c), h: String(b.h), l: String(b.l), v: b.v.toFixed(5), n: b.n }));
}

function json(body: unknown, status = 200): MockRestResponse {
  return { status, body: JSON.stringify(body) };
}

export function createMockProtocol(): MockProtocol {
  let nextTid = 100_000_000_000_000;
  const error = (s: MockSession, text: string): void => s.send(JSON.stringify({ channel: 'error', data: `Error parsing JSON into valid websocket request: ${text.slice(0, 200)}` }));

  return {
    venue: 'hyperliquid',
    onOpen(s) {
      if (s.path !== '/ws') return false;
      s.send('Websocket connection established.');
      return true;
    },
    onMessage(s, text, state) {
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        error(s, text);
        return;
      }
      if (!isRecord(msg)) return error(s, text);
      if (msg['method'] === 'ping') return s.send('{"channel":"pong"}');
      const sub = msg['subscription'];
      const method = msg['method'];
      if ((method !== 'subscribe' && method !== 'unsubscribe') || !isRecord(sub) || typeof sub['type'] !== 'string' || typeof sub['coin'] !== 'string') {
        return error(s, text);
      }
      const topic = `${sub['type']}:${sub['coin']}`;
      if (method === 'unsubscribe') s.topics.delete(topic);
      else s.topics.add(topic);
      s.send(JSON.stringify({ channel: 'subscriptionResponse', data: { method, subscription: sub } }));
      if (method === 'subscribe' && sub['type'] === 'activeAssetCtx') {
        const ctx = ctxOf(sub['coin'], state);
        if (ctx) s.send(JSON.stringify({ channel: 'activeAssetCtx', data: { coin: sub['coin'], ctx } }));
      }
    },
    encode(e: MarketEvent, state: MockState): readonly EncodedFrame[] {
      switch (e.kind) {
        case 'trade': {
          const m = /^\d+-(\d+)$/.exec(e.id ?? '');
          const tid = m?.[1] ? Number(m[1]) : nextTid++;
          return [{ topic: `trades:${e.market}`, frame: JSON.stringify({ channel: 'trades', data: [tradeRow(e, tid, [BUYER, SELLER])] }) }];
        }
        case 'liquidation': {
          // Backstop: the vault takes over the position (buys a liquidated long, sells a liquidated short).
          const long = e.side === 'long';
          const t: TradeEvent = { kind: 'trade', venue: e.venue, market: e.market, ts: e.ts, recvTs: e.recvTs, price: e.price, qty: e.qty, takerSide: long ? 'sell' : 'buy' };
          const row = tradeRow(t, nextTid++, long ? [HLP_LIQUIDATOR, SELLER] : [BUYER, HLP_LIQUIDATOR]);
          return [{ topic: `trades:${e.market}`, frame: JSON.stringify({ channel: 'trades', data: [row] }) }];
        }
        case 'openInterest':
        case 'mark': {
          const ctx = ctxOf(e.market, state);
          return ctx ? [{ topic: `activeAssetCtx:${e.market}`, frame: JSON.stringify({ channel: 'activeAssetCtx', data: { coin: e.market, ctx } }) }] : [];
        }
        case 'status':
          return [];
      }
    },
    rest(req, state) {
      if (req.path !== '/info') return undefined;
      if (req.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
      let body: unknown;
      try {
        body = JSON.parse(req.body);
      } catch {
        body = null;
      }
      const bad = { status: 422, body: 'Failed to deserialize the JSON body into the target type' };
      if (!isRecord(body)) return bad;
      switch (body['type']) {
        case 'meta':
          return json(META);
        case 'metaAndAssetCtxs': {
          // Before the simulator published OI and mark the mock has no context to give: null.
          return json([META, UNIVERSE.map((u) => ctxOf(u.name, state))]);
        }
        case 'candleSnapshot': {
          const r = body['req'];
          if (!isRecord(r) || typeof r['coin'] !== 'string' || r['interval'] !== '1m' || typeof r['startTime'] !== 'number') return bad;
          const end = typeof r['endTime'] === 'number' ? r['endTime'] : state.now();
          return json(candles(state, r['coin'], r['startTime'], end));
        }
        default:
          return bad;
      }
    },
  };
}
