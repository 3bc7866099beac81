// Deribit mock: JSON-RPC on /ws/api/v2 (public/set_heartbeat, public/test, public/subscribe with the
// subscribed channel list as result, JSON-RPC errors), test_request heartbeats that close a socket
// which did not answer the previous one, and REST /api/v2/public/{get_instrument,ticker,
// get_tradingview_chart_data} from the events the simulator publishes.
import type { MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import type { EncodedFrame, MockProtocol, MockRestResponse, MockSession, MockState } from '../mock/server.js';
import { FALLBACK_MARKETS } from './markets.js';

const MINUTE = 60_000;
const SPECS = new Map(FALLBACK_MARKETS.map((m) => [m.symbol, m]));
const CHANNEL = /^(trades|ticker)\.([A-Z0-9_-]+)\.(100ms|agg2|raw)$/;

export interface DeribitMockOptions {
  /** Period of the test_request heartbeats, ms (Deribit: the interval set by public/set_heartbeat, ≥ 10 s). */
  readonly heartbeatMs?: number;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function envelope(state: MockState, body: Record<string, unknown>): string {
  const us = state.now() * 1000;
  return JSON.stringify({ jsonrpc: '2.0', ...body, usIn: us, usOut: us + 120, usDiff: 120, testnet: false });
}

/** Ticker data from the last OI and mark events; null until both are known. */
function tickerData(symbol: string, state: MockState): Record<string, unknown> | null {
  const oi = state.last.get(`openInterest:${symbol}`) as OpenInterestEvent | undefined;
  const mark = state.last.get(`mark:${symbol}`) as MarkEvent | undefined;
  if (!oi || !mark) return null;
  const last = state.last.get(`trade:${symbol}`) as TradeEvent | undefined;
  return {
    timestamp: Math.max(oi.ts, mark.ts),
    stats: { volume: 0, low: mark.markPrice, high: mark.markPrice },
    state: 'open',
    settlement_price: mark.markPrice,
    open_interest: oi.oiUsd,
    min_price: mark.markPrice * 0.98,
    max_price: mark.markPrice * 1.02,
    mark_price: mark.markPrice,
    last_price: last?.price ?? mark.markPrice,
    instrument_name: symbol,
    index_price: mark.indexPrice ?? mark.markPrice,
    funding_8h: mark.fundingRate ?? 0,
    current_funding: 0,
    best_bid_price: mark.markPrice - 0.5,
    best_bid_amount: 1000,
    best_ask_price: mark.markPrice + 0.5,
    best_ask_amount: 1000,
  };
}

function tradeRow(e: { ts: number; price: number; qty: number; market: string }, direction: 'buy' | 'sell', seq: number, state: MockState): Record<string, unknown> {
  const size = SPECS.get(e.market)?.contractSize ?? 10;
  const amount = Math.max(size, Math.round((e.qty * e.price) / size) * size);
  const mark = state.last.get(`mark:${e.market}`) as MarkEvent | undefined;
  return {
    timestamp: e.ts,
    price: e.price,
    amount,
    direction,
    index_price: mark?.indexPrice ?? e.price,
    instrument_name: e.market,
    trade_seq: seq,
    mark_price: mark?.markPrice ?? e.price,
    tick_direction: direction === 'buy' ? 0 : 2,
    contracts: amount / size,
    trade_id: String(seq),
  };
}

const notify = (channel: string, data: unknown): string => JSON.stringify({ jsonrpc: '2.0', method: 'subscription', params: { channel, data } });

export function createMockProtocol(opts: DeribitMockOptions = {}): MockProtocol {
  let seq = 290_000_000;

  function reply(s: MockSession, state: MockState, id: unknown, body: Record<string, unknown>): void {
    s.send(envelope(state, { id: id ?? null, ...body }));
  }

  return {
    venue: 'deribit',
    onOpen: (s) => s.path === '/ws/api/v2',
    onMessage(s, text, state) {
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        return reply(s, state, null, { error: { message: 'Parse error', code: -32700 } });
      }
      if (!isRecord(msg) || typeof msg['method'] !== 'string') return reply(s, state, null, { error: { message: 'Invalid Request', code: -32600 } });
      const id = msg['id'];
      const params = isRecord(msg['params']) ? msg['params'] : {};
      switch (msg['method']) {
        case 'public/set_heartbeat': {
          const interval = params['interval'];
          if (typeof interval !== 'number' || interval < 10) return reply(s, state, id, { error: { message: 'Invalid params', data: { reason: 'must be >= 10', param: 'interval' }, code: -32602 } });
          s.data.set('heartbeat', true);
          return reply(s, state, id, { result: 'ok' });
        }
        case 'public/test':
          s.data.set('awaitingTest', false);
          return reply(s, state, id, { result: { version: '1.2.26' } });
        case 'public/subscribe':
        case 'public/unsubscribe': {
          const channels = params['channels'];
          if (!Array.isArray(channels)) return reply(s, state, id, { error: { message: 'Invalid params', data: { reason: 'must be array', param: 'channels' }, code: -32602 } });
          const ok: string[] = [];
          for (const c of channels) {
            const m = typeof c === 'string' ? CHANNEL.exec(c) : null;
            // raw channels need an authorised connection; unknown instruments are left out of the result.
            if (!m || m[3] === 'raw' || !SPECS.has(m[2] ?? '')) continue;
            if (msg['method'] === 'public/subscribe') s.topics.add(c as string);
            else s.topics.delete(c as string);
            ok.push(c as string);
          }
          return reply(s, state, id, { result: ok });
        }
        default:
          return reply(s, state, id, { error: { message: 'Method not found', code: -32601 } });
      }
    },
    heartbeat: {
      intervalMs: opts.heartbeatMs ?? 10_000,
      frame(s) {
        if (s.data.get('heartbeat') !== true) return JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat', params: { type: 'heartbeat' } });
        // Deribit closes a connection that left the previous test_request unanswered.
        if (s.data.get('awaitingTest') === true) s.close(1000, 'heartbeat test_request not answered');
        s.data.set('awaitingTest', true);
        return JSON.stringify({ jsonrpc: '2.0', method: 'heartbeat', params: { type: 'test_request' } });
      },
    },
    encode(e: MarketEvent, state: MockState): readonly EncodedFrame[] {
      if (!SPECS.has(e.market)) return [];
      switch (e.kind) {
        case 'trade': {
          const topic = `trades.${e.market}.100ms`;
          return [{ topic, frame: notify(topic, [tradeRow(e, e.takerSide, seq++, state)]) }];
        }
        case 'liquidation': {
          // The liquidated position traded as taker ("T"): a long sells, a short buys.
          const topic = `trades.${e.market}.100ms`;
          const row = { ...tradeRow(e, e.side === 'long' ? 'sell' : 'buy', seq++, state), liquidation: 'T' };
          return [{ topic, frame: notify(topic, [row]) }];
        }
        case 'openInterest':
        case 'mark': {
          const data = tickerData(e.market, state);
          const topic = `ticker.${e.market}.100ms`;
          return data ? [{ topic, frame: notify(topic, data) }] : [];
        }
        case 'status':
          return [];
      }
    },
    rest(req, state) {
      if (req.method !== 'GET') return undefined;
      const name = req.query.get('instrument_name') ?? '';
      const spec = SPECS.get(name);
      const body = (status: number, b: Record<string, unknown>): MockRestResponse => ({ status, body: envelope(state, b) });
      const notFound = body(400, { error: { message: 'Invalid params', data: { reason: 'instrument not found', param: 'instrument_name' }, code: -32602 } });
      switch (req.path) {
        case '/api/v2/public/get_instrument':
          if (!spec) return notFound;
          return body(200, {
            result: { instrument_name: name, kind: 'future', settlement_period: 'perpetual', instrument_type: spec.kind === 'inverse' ? 'reversed' : 'linear', future_type: spec.kind === 'inverse' ? 'reversed' : 'linear', contract_size: spec.contractSize, min_trade_amount: spec.contractSize, tick_size: spec.tickSize, max_leverage: spec.maxLeverage, settlement_currency: 'BTC', base_currency: 'BTC', quote_currency: 'USD', is_active: true },
          });
        case '/api/v2/public/ticker': {
          const data = spec ? tickerData(name, state) : null;
          return data ? body(200, { result: data }) : notFound;
        }
        case '/api/v2/public/get_tradingview_chart_data': {
          if (!spec) return notFound;
          const start = Number(req.query.get('start_timestamp') ?? 0);
          const end = Number(req.query.get('end_timestamp') ?? state.now());
          return body(200, { result: chart(state, name, start, end) });
        }
        default:
          return undefined;
      }
    },
  };
}

/** Columnar 1m bars (ticks = open times) of published trades in [start, end]. */
function chart(state: MockState, symbol: string, start: number, end: number): Record<string, unknown> {
  const bars = new Map<number, { o: number; h: number; l: number; c: number; v: number; cost: number }>();
  for (const e of state.history) {
    if (e.kind !== 'trade' || e.market !== symbol) continue;
    const t = Math.floor(e.ts / MINUTE) * MINUTE;
    if (t < start || t > end) continue;
    const b = bars.get(t);
    if (!b) bars.set(t, { o: e.price, h: e.price, l: e.price, c: e.price, v: e.qty, cost: e.qty * e.price });
    else Object.assign(b, { h: Math.max(b.h, e.price), l: Math.min(b.l, e.price), c: e.price, v: b.v + e.qty, cost: b.cost + e.qty * e.price });
  }
  const rows = [...bars.entries()].sort((a, b) => a[0] - b[0]).slice(0, 5000);
  return {
    ticks: rows.map(([t]) => t),
    open: rows.map(([, b]) => b.o),
    high: rows.map(([, b]) => b.h),
    low: rows.map(([, b]) => b.l),
    close: rows.map(([, b]) => b.c),
    volume: rows.map(([, b]) => b.v),
    cost: rows.map(([, b]) => b.cost),
    status: rows.length ? 'ok' : 'no_data',
  };
}
