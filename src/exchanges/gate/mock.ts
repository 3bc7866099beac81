// A local Gate futures v4 server (gate.md): WS at /v4/ws/usdt with the {"time","channel","event",
// "payload"} envelope, subscribe acks and errors, futures.ping → futures.pong, server protocol pings,
// sizes as decimal strings when the handshake carries X-Gate-Size-Decimal: 1 and as integers
// without it; REST contracts, tickers, candlesticks, contract_stats and risk_limit_tiers from the
// mock's state. Product code: the offline demo runs on it.
import type { LiquidationEvent, MarketEvent, MarkEvent, OpenInterestEvent, TradeEvent } from '../../core/events.js';
import type { EncodedFrame, MockProtocol, MockRestResponse, MockSession, MockState } from '../mock/server.js';
import { GATE_FALLBACK_MARKETS } from './markets.js';
import { RULES } from './rules.js';

const CHANNELS = new Set(['futures.trades', 'futures.tickers', 'futures.public_liquidates', 'futures.contract_stats']);
const STATS_INTERVALS: Readonly<Record<string, number>> = { '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14_400, '8h': 28_800, '1d': 86_400 };
const MULT = new Map(GATE_FALLBACK_MARKETS.map((m) => [m.symbol, m.contractSize]));
/** Topic suffix of sessions that connected without X-Gate-Size-Decimal (integer sizes). */
const INT = '#int';

interface SideTotals {
  size: number;
  amount: number;
  usd: number;
}
type MinuteLiq = { long: SideTotals; short: SideTotals };

function contracts(qtyBtc: number, market: string): number {
  return Math.round((qtyBtc / (MULT.get(market) ?? 1)) * 1e4) / 1e4;
}

/** Size as the session expects it: decimal string with the header, truncated integer without. */
function sizeOf(n: number, decimal: boolean): string | number {
  return decimal ? String(n) : Math.trunc(n);
}

function envelope(channel: string, event: string, nowMs: number, extra: Record<string, unknown>): string {
  return JSON.stringify({ time: Math.floor(nowMs / 1000), time_ms: nowMs, channel, event, ...extra });
}

function restError(status: number, label: string, message: string): MockRestResponse {
  return { status, body: JSON.stringify({ label, message }) };
}

export function createMockProtocol(): MockProtocol {
  /** Running liquidation totals per `${market}|${minuteStart}` for contract_stats frames. */
  const liqByMinute = new Map<string, MinuteLiq>();

  function minuteLiq(market: string, ts: number): MinuteLiq {
    const minute = ts - (ts % 60_000);
    const key = `${market}|${minute}`;
    let v = liqByMinute.get(key);
    if (!v) {
      v = { long: { size: 0, amount: 0, usd: 0 }, short: { size: 0, amount: 0, usd: 0 } };
      liqByMinute.set(key, v);
      if (liqByMinute.size > 120) liqByMinute.delete(liqByMinute.keys().next().value ?? key);
    }
    return v;
  }

  function lastOf<K extends MarketEvent['kind']>(state: MockState, kind: K, market: string): Extract<MarketEvent, { kind: K }> | undefined {
    return state.last.get(`${kind}:${market}`) as Extract<MarketEvent, { kind: K }> | undefined;
  }

  /** Both size encodings of one frame, each to its own topic. */
  function both(topic: string, make: (decimal: boolean) => string): EncodedFrame[] {
    return [
      { topic, frame: make(true) },
      { topic: topic + INT, frame: make(false) },
    ];
  }

  function tradeFrames(e: TradeEvent, now: number): EncodedFrame[] {
    const n = contracts(e.qty, e.market) * (e.takerSide === 'sell' ? -1 : 1);
    const id = e.id !== undefined && /^\d+$/.test(e.id) ? Number(e.id) : e.ts;
    return both(`futures.trades:${e.market}`, (d) =>
      envelope('futures.trades', 'update', now, {
        result: [{ size: sizeOf(n, d), id, create_time: Math.floor(e.ts / 1000), create_time_ms: e.ts, price: String(e.price), contract: e.market }],
      }),
    );
  }

  /** Positive size = a long was liquidated, negative = a short (the parser's rule, parse.ts). */
  function liquidationFrames(e: LiquidationEvent, state: MockState): EncodedFrame[] {
    const n = contracts(e.qty, e.market) * (e.side === 'short' ? -1 : 1);
    const totals = minuteLiq(e.market, e.ts)[e.side];
    totals.size = Math.round((totals.size + Math.abs(n)) * 1e4) / 1e4;
    totals.amount += e.qty;
    totals.usd += e.notionalUsd;
    const now = state.now();
    return [
      ...both(`futures.public_liquidates:${e.market}`, (d) =>
        envelope('futures.public_liquidates', 'update', now, { result: [{ price: String(e.price), size: sizeOf(n, d), time: e.ts, contract: e.market }] }),
      ),
      ...statsFrames(e.market, e.ts, state),
    ];
  }

  function statsFrames(market: string, ts: number, state: MockState): EncodedFrame[] {
    const oi = lastOf(state, 'openInterest', market);
    const mark = lastOf(state, 'mark', market)?.markPrice ?? (oi && oi.oiBtc > 0 ? oi.oiUsd / oi.oiBtc : undefined);
    if (!oi || mark === undefined) return [];
    const minute = ts - (ts % 60_000);
    const liq = minuteLiq(market, ts);
    const now = state.now();
    return both(`futures.contract_stats:${market}`, (d) =>
      envelope('futures.contract_stats', 'update', now, {
        result: [
          {
            time: minute / 1000,
            contract: market,
            mark_price: String(mark),
            open_interest: sizeOf(contracts(oi.oiBtc, market), d),
            open_interest_usd: oi.oiUsd,
            long_liq_size: sizeOf(liq.long.size, d),
            short_liq_size: sizeOf(liq.short.size, d),
            long_liq_amount: liq.long.amount,
            short_liq_amount: liq.short.amount,
            long_liq_usd: liq.long.usd,
            short_liq_usd: liq.short.usd,
            lsr_taker: 1,
            lsr_account: 1,
            top_lsr_account: 1,
            top_lsr_size: 1,
          },
        ],
      }),
    );
  }

  function tickerRow(market: string, state: MockState, decimal: boolean, ts: number): Record<string, unknown> | null {
    const mark = lastOf(state, 'mark', market);
    const oi = lastOf(state, 'openInterest', market);
    const markPrice = mark?.markPrice ?? (oi && oi.oiBtc > 0 ? oi.oiUsd / oi.oiBtc : undefined);
    if (markPrice === undefined) return null;
    const last = lastOf(state, 'trade', market)?.price ?? markPrice;
    return {
      contract: market,
      last: String(last),
      change_percentage: '0',
      funding_rate: String(mark?.fundingRate ?? 0.0001),
      mark_price: String(markPrice),
      index_price: String(mark?.indexPrice ?? markPrice),
      ...(oi ? { total_size: sizeOf(contracts(oi.oiBtc, market), decimal) } : {}),
      volume_24h: sizeOf(0, decimal),
      quanto_base_rate: '',
      t: ts,
    };
  }

  function tickerFrames(e: MarkEvent | OpenInterestEvent, state: MockState): EncodedFrame[] {
    const now = state.now();
    return both(`futures.tickers:${e.market}`, (d) => {
      const row = tickerRow(e.market, state, d, e.ts);
      return row ? envelope('futures.tickers', 'update', now, { result: [row] }) : '';
    }).filter((f) => f.frame !== '');
  }

  function onMessage(s: MockSession, text: string, state: MockState): void {
    const now = state.now();
    let req: unknown;
    try {
      req = JSON.parse(text);
    } catch {
      s.send(envelope('', '', now, { error: { code: 1, message: 'invalid argument struct' }, result: { status: 'failed' } }));
      return;
    }
    if (typeof req !== 'object' || req === null) return;
    const { channel, event, payload, id } = req as { channel?: unknown; event?: unknown; payload?: unknown; id?: unknown };
    const idPart = id !== undefined ? { id } : {};
    if (channel === 'futures.ping') {
      s.send(envelope('futures.pong', '', now, { ...idPart, result: null }));
      return;
    }
    if (typeof channel !== 'string' || (event !== 'subscribe' && event !== 'unsubscribe')) {
      s.send(envelope(String(channel ?? ''), String(event ?? ''), now, { ...idPart, error: { code: 1, message: 'invalid argument struct' }, result: { status: 'failed' } }));
      return;
    }
    const fail = (message: string): void =>
      s.send(envelope(channel, event, now, { ...idPart, error: { code: 2, message }, result: { status: 'failed' } }));
    if (!CHANNELS.has(channel)) return fail(`unknown channel ${channel}`);
    if (!Array.isArray(payload) || !payload.every((p) => typeof p === 'string')) return fail('payload must be a list of strings');
    let contractsWanted = payload as string[];
    if (channel === 'futures.contract_stats') {
      const [contract, interval] = contractsWanted;
      if (contractsWanted.length !== 2 || interval === undefined || !(interval in STATS_INTERVALS)) return fail('payload must be [contract, interval]');
      contractsWanted = [contract ?? ''];
    }
    const unknown = contractsWanted.find((c) => !MULT.has(c));
    if (unknown !== undefined) return fail(`unknown contract ${unknown}`);
    const suffix = s.data.get('decimal') === true ? '' : INT;
    for (const c of contractsWanted) {
      if (event === 'subscribe') s.topics.add(`${channel}:${c}${suffix}`);
      else s.topics.delete(`${channel}:${c}${suffix}`);
    }
    s.send(envelope(channel, event, now, { ...idPart, result: { status: 'success' } }));
  }

  return {
    venue: 'gate',
    onOpen(s) {
      // The real path; "/" too so a bare mock URL works in the demo.
      if (s.path !== '/v4/ws/usdt' && s.path !== '/') return false;
      s.data.set('decimal', s.headers?.['x-gate-size-decimal'] === '1');
      return true;
    },
    onMessage,
    encode(e, state) {
      switch (e.kind) {
        case 'trade':
          return tradeFrames(e, state.now());
        case 'liquidation':
          return liquidationFrames(e, state);
        case 'mark':
          return tickerFrames(e, state);
        case 'openInterest':
          return [...tickerFrames(e, state), ...statsFrames(e.market, e.ts, state)];
        case 'status':
          return [];
      }
    },
    rest: (req, state) => gateRest(req.path.replace(/^\/api\/v4/, ''), req.query, state),
    // Gate's server sends protocol-level pings (gate.md §1.4).
    wsPingIntervalMs: 5_000,
  };

  function gateRest(path: string, q: URLSearchParams, state: MockState): MockRestResponse | undefined {
    if (path.startsWith('/futures/usdt/contracts/')) {
      const name = decodeURIComponent(path.slice('/futures/usdt/contracts/'.length));
      return MULT.has(name) ? { status: 200, body: JSON.stringify(contractBody(name, state)) } : restError(400, 'CONTRACT_NOT_FOUND', `contract ${name} not found`);
    }
    const contract = q.get('contract') ?? '';
    if (path === '/futures/usdt/tickers') {
      const names = contract ? [contract] : [...MULT.keys()];
      const rows = names.map((n) => tickerRow(n, state, false, state.now())).filter((r) => r !== null);
      return { status: 200, body: JSON.stringify(rows) };
    }
    if (!MULT.has(contract) && path.startsWith('/futures/usdt/')) return restError(400, 'CONTRACT_NOT_FOUND', `contract ${contract} not found`);
    if (path === '/futures/usdt/candlesticks') return candles(contract, q, state);
    if (path === '/futures/usdt/contract_stats') return stats(contract, q, state);
    if (path === '/futures/usdt/risk_limit_tiers') {
      const r = RULES[contract];
      const tiers = (r?.tiers ?? []).map((t, i) => ({
        tier: i + 1,
        risk_limit: String(Number.isFinite(t.maxNotionalUsd) ? t.maxNotionalUsd : 1e12),
        initial_rate: String(1 / t.maxLeverage),
        maintenance_rate: String(t.mmr),
        leverage_max: String(t.maxLeverage),
        contract,
        deduction: '0',
      }));
      return { status: 200, body: JSON.stringify(tiers) };
    }
    return undefined;
  }

  function contractBody(name: string, state: MockState): Record<string, unknown> {
    const spec = GATE_FALLBACK_MARKETS.find((m) => m.symbol === name);
    const mark = lastOf(state, 'mark', name);
    const oi = lastOf(state, 'openInterest', name);
    const price = mark?.markPrice ?? lastOf(state, 'trade', name)?.price ?? 60_000;
    const now = state.now();
    return {
      name,
      type: 'direct',
      quanto_multiplier: String(spec?.contractSize ?? 0.0001),
      leverage_min: '1',
      leverage_max: String(spec?.maxLeverage ?? 125),
      maintenance_rate: String(RULES[name]?.tiers[0]?.mmr ?? 0.005),
      mark_type: 'index',
      mark_price: String(price),
      index_price: String(mark?.indexPrice ?? price),
      last_price: String(lastOf(state, 'trade', name)?.price ?? price),
      order_price_round: String(spec?.tickSize ?? 0.1),
      mark_price_round: '0.01',
      funding_rate: String(mark?.fundingRate ?? 0.0001),
      funding_interval: 28_800,
      funding_next_apply: Math.ceil(now / 28_800_000) * 28_800,
      position_size: oi ? Math.round(contracts(oi.oiBtc, name)) : 0,
      in_delisting: false,
      status: 'trading',
    };
  }

  /** 1m candles from the trades in history; `limit` conflicts with from/to as on Gate. */
  function candles(contract: string, q: URLSearchParams, state: MockState): MockRestResponse {
    if (q.get('interval') !== '1m') return restError(400, 'INVALID_PARAM_VALUE', 'mock serves interval=1m only');
    const from = Number(q.get('from') ?? NaN);
    const to = Number(q.get('to') ?? Math.floor(state.now() / 1000));
    if (q.has('limit') && q.has('from')) return restError(400, 'INVALID_PARAM_VALUE', 'limit cannot be combined with from/to');
    if (!Number.isFinite(from)) return restError(400, 'MISSING_REQUIRED_PARAM', 'from is required by the mock');
    if ((to - from) / 60 + 1 > 2000) return restError(400, 'INVALID_PARAM_VALUE', 'too many points requested, maximum 2000');
    const bars = new Map<number, { t: number; o: number; h: number; l: number; c: number; v: number; sum: number }>();
    for (const e of state.history) {
      if (e.kind !== 'trade' || e.market !== contract) continue;
      const t = Math.floor(e.ts / 60_000) * 60;
      if (t < from || t > to) continue;
      const n = contracts(e.qty, contract);
      const b = bars.get(t);
      if (!b) bars.set(t, { t, o: e.price, h: e.price, l: e.price, c: e.price, v: n, sum: e.qty * e.price });
      else {
        b.h = Math.max(b.h, e.price);
        b.l = Math.min(b.l, e.price);
        b.c = e.price;
        b.v += n;
        b.sum += e.qty * e.price;
      }
    }
    const rows = [...bars.values()]
      .sort((a, b) => a.t - b.t)
      .map((b) => ({ t: b.t, v: Math.round(b.v), c: String(b.c), h: String(b.h), l: String(b.l), o: String(b.o), sum: String(b.sum) }));
    return { status: 200, body: JSON.stringify(rows) };
  }

  /** Contract stats per interval from the OI and liquidation events in history. */
  function stats(contract: string, q: URLSearchParams, state: MockState): MockRestResponse {
    const step = STATS_INTERVALS[q.get('interval') ?? '5m'];
    if (step === undefined) return restError(400, 'INVALID_PARAM_VALUE', 'invalid interval');
    const limit = Math.min(Number(q.get('limit') ?? 30), 100);
    const from = Number(q.get('from') ?? 0);
    const rows = new Map<number, Record<string, number | string>>();
    // A bucket without an OI update carries the last one seen (OI is a level, not a flow).
    let oi = { open_interest: 0, open_interest_usd: 0, mark_price: '0' };
    for (const e of state.history) {
      if (e.market !== contract || (e.kind !== 'openInterest' && e.kind !== 'liquidation')) continue;
      if (e.kind === 'openInterest') {
        oi = { open_interest: Math.round(contracts(e.oiBtc, contract)), open_interest_usd: e.oiUsd, mark_price: String(e.oiBtc > 0 ? e.oiUsd / e.oiBtc : 0) };
      }
      const t = Math.floor(e.ts / 1000 / step) * step;
      if (t < from) continue;
      const row = rows.get(t) ?? { time: t, contract, ...oi, long_liq_size: 0, short_liq_size: 0, long_liq_amount: 0, short_liq_amount: 0, long_liq_usd: 0, short_liq_usd: 0 };
      if (e.kind === 'openInterest') {
        Object.assign(row, oi);
      } else {
        row[`${e.side}_liq_size`] = Number(row[`${e.side}_liq_size`]) + Math.round(contracts(e.qty, contract));
        row[`${e.side}_liq_amount`] = Number(row[`${e.side}_liq_amount`]) + e.qty;
        row[`${e.side}_liq_usd`] = Number(row[`${e.side}_liq_usd`]) + e.notionalUsd;
      }
      rows.set(t, row);
    }
    const out = [...rows.values()].sort((a, b) => Number(a['time']) - Number(b['time'])).slice(0, limit);
    return { status: 200, body: JSON.stringify(out) };
  }
}
