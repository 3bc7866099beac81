// BitMEX mock: /realtime with URL or op subscriptions, one ack per arg, a partial per table then
// insert/update/delete deltas, text ping → pong, the 400 error frame for unknown requests; REST
// /api/v1/instrument and /api/v1/trade/bucketed from the events the simulator publishes.
import type { MarketEvent, MarkEvent, OpenInterestEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';
import type { EncodedFrame, MockProtocol, MockRestResponse, MockSession, MockState } from '../mock/server.js';
import { FALLBACK_MARKETS } from './markets.js';

const MINUTE = 60_000;
const SPECS = new Map(FALLBACK_MARKETS.map((m) => [m.symbol, m]));
const TABLES = new Set(['trade', 'liquidation', 'instrument']);
const iso = (ms: number): string => new Date(ms).toISOString();

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Contracts for `btc` at `price`, whole contracts as BitMEX trades them. */
function contracts(m: MarketSpec, btc: number, price: number): number {
  return Math.max(1, Math.round(m.kind === 'inverse' ? (btc * price) / m.contractSize : btc / m.contractSize));
}

/** A full instrument row (bitmex.md §3.1 fields) from the last OI and mark events. */
function instrumentRow(m: MarketSpec, state: MockState): Record<string, unknown> {
  const oi = state.last.get(`openInterest:${m.symbol}`) as OpenInterestEvent | undefined;
  const mark = state.last.get(`mark:${m.symbol}`) as MarkEvent | undefined;
  const inverse = m.kind === 'inverse';
  return {
    symbol: m.symbol,
    state: 'Open',
    typ: 'FFWCSX',
    quoteCurrency: inverse ? 'USD' : 'USDT',
    lotSize: 100,
    tickSize: m.tickSize,
    multiplier: inverse ? -100000000 : 1,
    settlCurrency: inverse ? 'XBt' : 'USDt',
    underlyingToPositionMultiplier: inverse ? null : Math.round(1 / m.contractSize),
    isQuanto: false,
    isInverse: inverse,
    initMargin: 1 / m.maxLeverage,
    maintMargin: 0.0035,
    fundingInterval: '2000-01-01T08:00:00.000Z',
    fundingRate: mark?.fundingRate ?? null,
    fundingTimestamp: mark?.nextFundingTs !== undefined ? iso(mark.nextFundingTs) : null,
    openInterest: oi ? (inverse ? Math.round(oi.oiUsd / m.contractSize) : Math.round(oi.oiBtc / m.contractSize)) : null,
    markMethod: 'FairPrice',
    markPrice: mark?.markPrice ?? null,
    indicativeSettlePrice: mark?.indexPrice ?? null,
    timestamp: iso(mark?.ts ?? oi?.ts ?? state.now()),
  };
}

const PARTIAL_HEAD: Record<string, Record<string, unknown>> = {
  trade: { keys: [], types: { timestamp: 'timestamp', symbol: 'symbol', side: 'symbol', size: 'long', price: 'float', tickDirection: 'symbol', trdMatchID: 'guid', grossValue: 'long', homeNotional: 'float', foreignNotional: 'float', trdType: 'symbol' } },
  liquidation: { keys: ['orderID'], types: { orderID: 'guid', symbol: 'symbol', side: 'symbol', price: 'float', leavesQty: 'long' } },
  instrument: { keys: ['symbol'], types: { symbol: 'symbol' } },
};

function guid(n: number): string {
  const h = n.toString(16).padStart(32, '0').slice(-32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function json(body: unknown, status = 200): MockRestResponse {
  return { status, body: JSON.stringify(body) };
}

export function createMockProtocol(): MockProtocol {
  let seq = 1;
  const error = (s: MockSession, message: string, request: unknown): void =>
    s.send(JSON.stringify({ status: 400, error: message, meta: {}, request: isRecord(request) ? request : {} }));

  function subscribe(s: MockSession, args: readonly unknown[], request: unknown, state: MockState): void {
    for (const arg of args) {
      const [table = '', symbol = ''] = typeof arg === 'string' ? arg.split(':') : [];
      const m = SPECS.get(symbol);
      if (!TABLES.has(table) || !m) {
        error(s, `Unknown or expired table/symbol: ${String(arg)}`, request);
        continue;
      }
      s.topics.add(`${table}:${symbol}`);
      s.send(JSON.stringify({ success: true, subscribe: arg, request }));
      const data = table === 'instrument' ? [instrumentRow(m, state)] : [];
      s.send(JSON.stringify({ table, action: 'partial', ...PARTIAL_HEAD[table], foreignKeys: {}, attributes: {}, filter: { symbol }, data }));
    }
  }

  return {
    venue: 'bitmex',
    onOpen(s, state) {
      if (s.path !== '/realtime') return false;
      s.send(JSON.stringify({ info: 'Welcome to the BitMEX Realtime API.', version: '2.0.0', timestamp: iso(state.now()), docs: 'https://www.bitmex.com/app/wsAPI', heartbeatEnabled: false, limit: { remaining: 719 } }));
      const q = s.query.get('subscribe');
      if (q) subscribe(s, q.split(','), {}, state);
      return true;
    },
    onMessage(s, text, state) {
      if (text === 'ping') return s.send('pong');
      let msg: unknown;
      try {
        msg = JSON.parse(text);
      } catch {
        msg = null;
      }
      if (!isRecord(msg) || msg['op'] !== 'subscribe' || !Array.isArray(msg['args'])) {
        return error(s, "Unrecognized request. See the docs or send 'help' for more details. Please see the documentation at https://www.bitmex.com/app/wsAPI.", {});
      }
      subscribe(s, msg['args'], msg, state);
    },
    encode(e: MarketEvent, state: MockState): readonly EncodedFrame[] {
      const m = SPECS.get(e.market);
      if (!m) return [];
      switch (e.kind) {
        case 'trade': {
          const size = contracts(m, e.qty, e.price);
          const home = m.kind === 'inverse' ? size / e.price : size * m.contractSize;
          const row = { timestamp: iso(e.ts), symbol: e.market, side: e.takerSide === 'buy' ? 'Buy' : 'Sell', size, price: e.price, tickDirection: 'ZeroPlusTick', trdMatchID: guid(seq++), grossValue: Math.round(home * 1e8), homeNotional: home, foreignNotional: home * e.price, trdType: 'Regular' };
          return [{ topic: `trade:${e.market}`, frame: JSON.stringify({ table: 'trade', action: 'insert', data: [row] }) }];
        }
        case 'liquidation': {
          // A liquidation order appears, then leaves the table once it is done.
          const orderID = guid(seq++);
          const row = { orderID, symbol: e.market, side: e.side === 'long' ? 'Sell' : 'Buy', price: e.price, leavesQty: contracts(m, e.qty, e.price) };
          return [
            { topic: `liquidation:${e.market}`, frame: JSON.stringify({ table: 'liquidation', action: 'insert', data: [row] }) },
            { topic: `liquidation:${e.market}`, frame: JSON.stringify({ table: 'liquidation', action: 'delete', data: [{ orderID, symbol: e.market }] }) },
          ];
        }
        case 'openInterest':
        case 'mark': {
          const full = instrumentRow(m, state);
          const keys = e.kind === 'openInterest' ? ['openInterest'] : ['markPrice', 'fundingRate', 'indicativeSettlePrice', 'fundingTimestamp'];
          const row: Record<string, unknown> = { symbol: e.market, timestamp: iso(e.ts) };
          for (const k of keys) if (full[k] !== null) row[k] = full[k];
          return [{ topic: `instrument:${e.market}`, frame: JSON.stringify({ table: 'instrument', action: 'update', data: [row] }) }];
        }
        case 'status':
          return [];
      }
    },
    rest(req, state) {
      if (req.method !== 'GET') return undefined;
      const symbol = req.query.get('symbol') ?? '';
      const m = SPECS.get(symbol);
      if (req.path === '/api/v1/instrument') return json(m ? [instrumentRow(m, state)] : []);
      if (req.path !== '/api/v1/trade/bucketed') return undefined;
      if (req.query.get('binSize') !== '1m') return json({ error: { message: 'binSize must be one of 1m, 5m, 1h, 1d', name: 'ValidationError' } }, 400);
      if (!m) return json([]);
      const start = Date.parse(req.query.get('startTime') ?? '') || 0;
      const end = Date.parse(req.query.get('endTime') ?? '') || state.now();
      const count = Math.min(1000, Number(req.query.get('count') ?? 100) || 100);
      return json(buckets(state, m, start, end).slice(0, count));
    },
  };
}

/** 1m buckets (timestamp = bucket END) of published trades with end in [start, end]. */
function buckets(state: MockState, m: MarketSpec, start: number, end: number): Record<string, unknown>[] {
  const bars = new Map<number, { open: number; high: number; low: number; close: number; trades: number; volume: number; home: number }>();
  for (const e of state.history) {
    if (e.kind !== 'trade' || e.market !== m.symbol) continue;
    const t = Math.floor(e.ts / MINUTE) * MINUTE + MINUTE;
    if (t < start || t > end) continue;
    const size = contracts(m, e.qty, e.price);
    const home = m.kind === 'inverse' ? size / e.price : size * m.contractSize;
    const b = bars.get(t);
    if (!b) bars.set(t, { open: e.price, high: e.price, low: e.price, close: e.price, trades: 1, volume: size, home });
    else Object.assign(b, { high: Math.max(b.high, e.price), low: Math.min(b.low, e.price), close: e.price, trades: b.trades + 1, volume: b.volume + size, home: b.home + home });
  }
  return [...bars.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, b]) => ({ timestamp: iso(t), symbol: m.symbol, open: b.open, high: b.high, low: b.low, close: b.close, trades: b.trades, volume: b.volume, vwap: b.close, lastSize: null, turnover: Math.round(b.home * 1e8), homeNotional: b.home, foreignNotional: b.home * b.close }));
}
