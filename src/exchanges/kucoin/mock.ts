// A local KuCoin futures server (kucoin.md): POST /api/v1/bullet-public hands out a token and this
// server's own WebSocket endpoint; the socket needs a token it issued, sends "welcome", answers
// {"type":"ping"} with pong, acks subscriptions (response:true), rejects unknown topics, and closes
// sockets that stop pinging for pingInterval + pingTimeout. REST: contracts (with open interest),
// risk limits, 1m/5m klines and OI history from the mock's state. Product code: the demo runs on it.
import type { MarketEvent, MarkEvent, TradeEvent } from '../../core/events.js';
import type { EncodedFrame, MockProtocol, MockRestResponse, MockSession, MockState } from '../mock/server.js';
import { KUCOIN_FALLBACK_MARKETS } from './markets.js';
import { RULES } from './rules.js';

export interface KucoinMockOptions {
  /** pingInterval the bullet announces, ms (KuCoin futures: 18000). */
  readonly pingIntervalMs?: number;
  /** pingTimeout the bullet announces, ms (10000). */
  readonly pingTimeoutMs?: number;
}

const SPECS = new Map(KUCOIN_FALLBACK_MARKETS.map((m) => [m.symbol, m]));
const TOPICS_PER_CONNECTION = 100;

function ok(data: unknown): MockRestResponse {
  return { status: 200, body: JSON.stringify({ code: '200000', data }) };
}
function fail(status: number, code: string, msg: string): MockRestResponse {
  return { status, body: JSON.stringify({ code, msg }) };
}

export function createMockProtocol(opts: KucoinMockOptions = {}): MockProtocol {
  const pingInterval = opts.pingIntervalMs ?? 18_000;
  const pingTimeout = opts.pingTimeoutMs ?? 10_000;
  const tokens = new Set<string>();
  let tokenSeq = 0;
  let sequence = 1;
  const lastFunding = new Map<string, number>();

  function last<K extends MarketEvent['kind']>(state: MockState, kind: K, market: string): Extract<MarketEvent, { kind: K }> | undefined {
    return state.last.get(`${kind}:${market}`) as Extract<MarketEvent, { kind: K }> | undefined;
  }

  function message(topic: string, subject: string, data: Record<string, unknown>): string {
    return JSON.stringify({ topic, type: 'message', subject, sn: sequence, data });
  }

  function tradeFrame(e: TradeEvent): EncodedFrame {
    const size = Math.max(1, Math.round(e.qty / (SPECS.get(e.market)?.contractSize ?? 1)));
    const seq = sequence++;
    const topic = `/contractMarket/execution:${e.market}`;
    return {
      topic,
      frame: message(topic, 'match', {
        symbol: e.market,
        sequence: seq,
        makerUserId: 'mock-maker',
        side: e.takerSide,
        size,
        price: String(e.price),
        takerOrderId: `t${seq}`,
        takerUserId: 'mock-taker',
        makerOrderId: `m${seq}`,
        tradeId: e.id ?? String(seq),
        // Nanoseconds, as KuCoin sends them.
        ts: e.ts * 1_000_000,
      }),
    };
  }

  function markFrames(e: MarkEvent): EncodedFrame[] {
    const topic = `/contract/instrument:${e.market}`;
    const frames: EncodedFrame[] = [];
    if (e.fundingRate !== undefined && lastFunding.get(e.market) !== e.fundingRate) {
      lastFunding.set(e.market, e.fundingRate);
      frames.push({ topic, frame: message(topic, 'funding.rate', { granularity: 60_000, fundingRate: e.fundingRate, timestamp: e.ts }) });
    }
    frames.push({
      topic,
      frame: message(topic, 'mark.index.price', { granularity: 1000, indexPrice: e.indexPrice ?? e.markPrice, markPrice: e.markPrice, timestamp: e.ts }),
    });
    return frames;
  }

  function onMessage(s: MockSession, text: string): void {
    let req: unknown;
    try {
      req = JSON.parse(text);
    } catch {
      s.send(JSON.stringify({ type: 'error', code: 400, data: 'malformed message' }));
      return;
    }
    const { id, type, topic, response } = (typeof req === 'object' && req !== null ? req : {}) as { id?: unknown; type?: unknown; topic?: unknown; response?: unknown };
    const idOut = typeof id === 'string' ? id : String(id ?? '');
    if (type === 'ping') {
      s.data.set('lastPing', Date.now());
      s.data.set('pings', Number(s.data.get('pings') ?? 0) + 1);
      s.send(JSON.stringify({ id: idOut, type: 'pong' }));
      return;
    }
    if ((type !== 'subscribe' && type !== 'unsubscribe') || typeof topic !== 'string') {
      s.send(JSON.stringify({ id: idOut, type: 'error', code: 400, data: `unsupported request type ${String(type)}` }));
      return;
    }
    const [prefix, list = ''] = topic.split(':');
    const symbols = list.split(',').filter((x) => x !== '');
    const known = prefix === '/contractMarket/execution' || prefix === '/contract/instrument';
    if (!known || symbols.length === 0 || symbols.some((x) => !SPECS.has(x))) {
      s.send(JSON.stringify({ id: idOut, type: 'error', code: 404, data: `topic ${topic} does not exist` }));
      return;
    }
    for (const sym of symbols) {
      const t = `${prefix}:${sym}`;
      if (type === 'unsubscribe') s.topics.delete(t);
      else if (s.topics.size >= TOPICS_PER_CONNECTION) {
        s.send(JSON.stringify({ id: idOut, type: 'error', code: 509, data: 'exceed max subscription count limitation of 100 per time' }));
        return;
      } else s.topics.add(t);
    }
    if (response === true) s.send(JSON.stringify({ id: idOut, type: 'ack' }));
  }

  function contract(symbol: string, state: MockState): Record<string, unknown> {
    const spec = SPECS.get(symbol);
    const mark = last(state, 'mark', symbol);
    const oi = last(state, 'openInterest', symbol);
    const price = mark?.markPrice ?? last(state, 'trade', symbol)?.price ?? 60_000;
    const now = state.now();
    const eightHours = 28_800_000;
    return {
      symbol,
      rootSymbol: 'USDT',
      type: 'FFWCSX',
      baseCurrency: 'XBT',
      quoteCurrency: 'USDT',
      settleCurrency: 'USDT',
      lotSize: 1,
      tickSize: spec?.tickSize ?? 0.1,
      multiplier: spec?.contractSize ?? 0.001,
      initialMargin: 0.008,
      maintainMargin: RULES[symbol]?.tiers[0]?.mmr ?? 0.004,
      isInverse: false,
      status: 'Open',
      fundingFeeRate: mark?.fundingRate ?? 0.0001,
      predictedFundingFeeRate: mark?.fundingRate ?? 0.0001,
      openInterest: String(oi ? Math.round(oi.oiBtc / (spec?.contractSize ?? 0.001)) : 0),
      markPrice: price,
      indexPrice: mark?.indexPrice ?? price,
      lastTradePrice: last(state, 'trade', symbol)?.price ?? price,
      nextFundingRateTime: eightHours - (now % eightHours),
      maxLeverage: spec?.maxLeverage ?? 125,
    };
  }

  /** Candles of `granularity` minutes from the trades in history, up to 200 rows from `from`. */
  function klines(symbol: string, q: URLSearchParams, state: MockState): MockRestResponse {
    const g = Number(q.get('granularity'));
    if (![1, 5, 15, 30, 60, 120, 240, 480, 720, 1440, 10080].includes(g)) return fail(400, '400100', 'granularity invalid');
    const step = g * 60_000;
    const from = Number(q.get('from') ?? 0);
    const to = Number(q.get('to') ?? state.now());
    const bars = new Map<number, number[]>();
    for (const e of state.history) {
      if (e.kind !== 'trade' || e.market !== symbol) continue;
      const t = Math.floor(e.ts / step) * step;
      if (t < from - (from % step) || t > to) continue;
      const n = Math.round(e.qty / (SPECS.get(symbol)?.contractSize ?? 1));
      const b = bars.get(t);
      if (!b) bars.set(t, [t, e.price, e.price, e.price, e.price, n]);
      else {
        b[2] = Math.max(b[2] ?? e.price, e.price);
        b[3] = Math.min(b[3] ?? e.price, e.price);
        b[4] = e.price;
        b[5] = (b[5] ?? 0) + n;
      }
    }
    return ok([...bars.values()].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)).slice(0, 200));
  }

  /** 5-minute OI points (the last OI event of each bucket), `pageSize` from `startAt`. */
  function oiHistory(symbol: string, q: URLSearchParams, state: MockState): MockRestResponse {
    if (q.get('interval') !== '5min') return fail(400, '400100', 'mock serves interval=5min only');
    const startAt = Number(q.get('startAt') ?? 0);
    const endAt = Number(q.get('endAt') ?? state.now());
    const pageSize = Math.min(Number(q.get('pageSize') ?? 30), 200);
    const points = new Map<number, number>();
    for (const e of state.history) {
      if (e.kind !== 'openInterest' || e.market !== symbol) continue;
      const t = Math.floor(e.ts / 300_000) * 300_000;
      if (t >= startAt && t <= endAt) points.set(t, Math.round(e.oiBtc / (SPECS.get(symbol)?.contractSize ?? 1)));
    }
    const rows = [...points.entries()].sort((a, b) => a[0] - b[0]).slice(0, pageSize);
    return ok(rows.map(([ts, n]) => ({ symbol, openInterest: String(n), ts })));
  }

  return {
    venue: 'kucoin',
    onOpen(s) {
      if (s.path !== '/' && s.path !== '/endpoint') return false;
      s.data.set('lastPing', Date.now());
      const token = s.query.get('token');
      if (!token || !tokens.has(token)) {
        s.send(JSON.stringify({ id: s.query.get('connectId') ?? '', type: 'error', code: 401, data: 'token is invalid' }));
        s.close(1008, 'token is invalid');
        return true;
      }
      s.send(JSON.stringify({ id: s.query.get('connectId') ?? String(s.id), type: 'welcome' }));
      return true;
    },
    onMessage,
    encode(e) {
      switch (e.kind) {
        case 'trade':
          return [tradeFrame(e)];
        case 'mark':
          return markFrames(e);
        // KuCoin pushes neither open interest (served by REST) nor liquidations.
        case 'openInterest':
        case 'liquidation':
        case 'status':
          return [];
      }
    },
    rest(req, state) {
      if (req.path === '/api/v1/bullet-public') {
        if (req.method !== 'POST') return fail(405, '405000', 'method not allowed');
        const token = `mock-${++tokenSeq}-${Math.random().toString(36).slice(2, 10)}`;
        tokens.add(token);
        const hostHeader = req.headers?.['host'];
        const host = typeof hostHeader === 'string' ? hostHeader : '127.0.0.1';
        return ok({ token, instanceServers: [{ endpoint: `ws://${host}/`, encrypt: false, protocol: 'websocket', pingInterval, pingTimeout }] });
      }
      const symbol = decodeURIComponent(req.path.split('/').at(-1) ?? '');
      if (req.path === '/api/v1/contracts/active') return ok([...SPECS.keys()].map((s) => contract(s, state)));
      if (req.path.startsWith('/api/v1/contracts/risk-limit/')) {
        const r = RULES[symbol];
        if (!r) return fail(400, '100001', 'contract does not exist');
        let min = 0;
        return ok(
          r.tiers.map((t, i) => {
            const row = { symbol, level: i + 1, maxRiskLimit: Number.isFinite(t.maxNotionalUsd) ? t.maxNotionalUsd : 1e12, minRiskLimit: min, maxLeverage: t.maxLeverage, initialMargin: 1 / t.maxLeverage, maintainMargin: t.mmr };
            min = row.maxRiskLimit;
            return row;
          }),
        );
      }
      if (req.path.startsWith('/api/v1/contracts/')) return SPECS.has(symbol) ? ok(contract(symbol, state)) : fail(400, '100001', 'contract does not exist');
      const qSymbol = req.query.get('symbol') ?? '';
      if (req.path === '/api/v1/kline/query') return SPECS.has(qSymbol) ? klines(qSymbol, req.query, state) : fail(400, '100001', 'contract does not exist');
      if (req.path === '/api/ua/v1/market/open-interest') return SPECS.has(qSymbol) ? oiHistory(qSymbol, req.query, state) : fail(400, '100001', 'contract does not exist');
      return undefined;
    },
    // No server heartbeat: this period only closes sockets that stopped pinging (kucoin.md §1.3).
    heartbeat: {
      intervalMs: Math.max(20, Math.min(1000, pingTimeout / 2)),
      frame(s) {
        if (Date.now() - Number(s.data.get('lastPing') ?? 0) > pingInterval + pingTimeout) s.close(1000, 'ping timeout');
        return undefined;
      },
    },
  };
}
