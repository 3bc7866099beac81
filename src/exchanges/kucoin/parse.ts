// KuCoin futures frames → normalised events (kucoin.md §1–3).
// WS: {"type":"welcome"|"pong"|"ack"|"error"|"message", "topic", "subject", "data"}.
//   /contractMarket/execution:XBTUSDTM  subject "match"            → trade
//   /contract/instrument:XBTUSDTM        subject "mark.index.price" → mark (+ last funding rate)
//                                         subject "funding.rate"     → mark with the new funding rate
// REST: GET /api/v1/contracts/{symbol} (polled) → open interest + mark + funding; /contracts/active.
// Sizes are CONTRACTS: BTC = size × multiplier (0.001 for XBTUSDTM). KuCoin publishes no
// liquidations and no open interest over WebSocket.
import type { MarketEvent, MarkEvent, TradeEvent } from '../../core/events.js';
import { arr, checkMs, FrameError, isObject, num, obj, optNum, optStr, parseJson, positive, str, type JsonObject } from '../../core/fields.js';
import * as fast from '../../core/fields-fast.js';
import type { MarketSpec, ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { kucoinData } from './markets.js';
import { templateMessage } from './template.js';

const VENUE = 'kucoin';

/**
 * Trade time: `ts` (captured frames) or `time` (2023 docs), in NANOSECONDS (tardis: ts / 1e6).
 * Doubles keep ~256 ns at this magnitude, so 1 µs is added before flooring to whole ms.
 */
function tradeMs(d: JsonObject): number {
  const raw = d['ts'] !== undefined ? fast.num(d['ts'], d, 'ts', 'data.ts') : fast.num(d['time'], d, 'time', 'data.time');
  const ms = raw > 1e17 ? Math.floor(raw / 1e6 + 1e-3) : raw > 1e14 ? Math.floor(raw / 1e3) : raw;
  return checkMs(ms, d['ts'] !== undefined ? 'data.ts' : 'data.time');
}

function derived(n: number, path: string, allowZero = false): number {
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) throw new FrameError(path, `computed value out of range: ${n}`);
  return n;
}

/** `scan: false` parses every frame with JSON.parse (the reference the template path is tested against). */
export function createKucoinParser(markets: readonly MarketSpec[], opts: { readonly scan?: boolean } = {}): VenueParser {
  const templates = opts.scan !== false;
  const specs = new Map(markets.map((m) => [m.symbol, m]));
  /** Last mark/index per market: funding.rate frames carry no price. */
  const lastMark = new Map<string, { markPrice: number; indexPrice: number | undefined }>();
  const lastFunding = new Map<string, number>();
  /** The two topics of each market → its spec (trades: execution, else instrument). */
  const routes = new Map<string, { readonly m: MarketSpec; readonly trades: boolean }>();
  for (const m of markets) {
    routes.set(`/contractMarket/execution:${m.symbol}`, { m, trades: true });
    routes.set(`/contract/instrument:${m.symbol}`, { m, trades: false });
  }

  /** "/contract/instrument:XBTUSDTM" → the spec of XBTUSDTM, or null when not subscribed. */
  function topicSpec(topic: string): MarketSpec | null {
    const i = topic.indexOf(':');
    return i < 0 ? null : (specs.get(topic.slice(i + 1)) ?? null);
  }

  /** `side` is the taker's side ("Side of liquidity taker", kucoin.md §2.1). */
  function trade(d: JsonObject, m: MarketSpec, recvTs: number): TradeEvent {
    const symbol = fast.str(d['symbol'], d, 'symbol', 'data.symbol');
    if (symbol !== m.symbol) throw new FrameError('data.symbol', `${symbol} on the topic of ${m.symbol}`);
    const side = fast.str(d['side'], d, 'side', 'data.side');
    if (side !== 'buy' && side !== 'sell') throw new FrameError('data.side', `expected buy or sell, got ${JSON.stringify(side)}`);
    const id = d['tradeId'];
    return {
      kind: 'trade',
      venue: VENUE,
      market: m.symbol,
      ts: tradeMs(d),
      recvTs,
      price: fast.positive(d['price'], d, 'price', 'data.price'),
      qty: derived(fast.positive(d['size'], d, 'size', 'data.size') * m.contractSize, 'data.size'),
      takerSide: side,
      id: typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined,
    };
  }

  function markEvent(m: MarketSpec, ts: number, recvTs: number): MarkEvent | null {
    const last = lastMark.get(m.symbol);
    if (!last) return null;
    // Absent optional fields stay undefined (no object spreads: this is the hot path).
    return { kind: 'mark', venue: VENUE, market: m.symbol, ts, recvTs, markPrice: last.markPrice, indexPrice: last.indexPrice, fundingRate: lastFunding.get(m.symbol) };
  }

  function instrument(subject: string, d: JsonObject, m: MarketSpec, recvTs: number): ParseOutcome {
    const ts = fast.epochMs(d['timestamp'], d, 'timestamp', 'data.timestamp');
    if (subject === 'mark.index.price') {
      const index = fast.optNum(d['indexPrice'], d, 'indexPrice', 'data.indexPrice');
      lastMark.set(m.symbol, { markPrice: fast.positive(d['markPrice'], d, 'markPrice', 'data.markPrice'), indexPrice: index !== undefined && index > 0 ? index : undefined });
    } else if (subject === 'funding.rate') {
      // granularity 60000 = the predicted rate for the running period, 28800000 = the settled
      // rate (kucoin.md §2.3); both are "fraction per funding period" and the latest wins.
      lastFunding.set(m.symbol, fast.num(d['fundingRate'], d, 'fundingRate', 'data.fundingRate'));
    } else {
      return { kind: 'drop', reason: `/contract/instrument: unknown subject ${subject}` };
    }
    const e = markEvent(m, ts, recvTs);
    return e ? { kind: 'events', events: [e] } : { kind: 'control', what: 'funding rate kept until the first mark price' };
  }

  function ws(frame: string, recvTs: number): ParseOutcome {
    const msg = (templates && templateMessage(frame)) || obj(parseJson(frame), 'frame');
    // The 2023 doc examples of pushes omit "type"; real frames carry "type":"message".
    const type = msg['type'] === undefined && typeof msg['topic'] === 'string' ? 'message' : str(msg, 'type');
    if (type === 'message') return push(msg, recvTs);
    switch (type) {
      case 'welcome':
      case 'pong':
      case 'ack':
        return { kind: 'control', what: type };
      case 'error': {
        const detail = isObject(msg['data']) ? JSON.stringify(msg['data']) : String(msg['data'] ?? '');
        return { kind: 'drop', reason: `venue error ${String(msg['code'] ?? '?')} ${detail}`.trim() };
      }
      default:
        return { kind: 'drop', reason: `unknown message type ${JSON.stringify(type)}` };
    }
  }

  /** A "message" push: trade or instrument, routed by the whole topic (one map lookup per frame). */
  function push(msg: JsonObject, recvTs: number): ParseOutcome {
    const topic = str(msg, 'topic');
    const subject = optStr(msg, 'subject') ?? '';
    const route = routes.get(topic);
    if (route) {
      const d = obj(msg['data'], 'data');
      if (!route.trades) return instrument(subject, d, route.m, recvTs);
      if (subject !== 'match') return { kind: 'drop', reason: `execution: unknown subject ${subject}` };
      return { kind: 'events', events: [trade(d, route.m, recvTs)] };
    }
    const m = topicSpec(topic);
    if (!m) return { kind: 'drop', reason: `unsubscribed topic ${topic}` };
    const d = obj(msg['data'], 'data');
    if (topic.startsWith('/contractMarket/execution:')) {
      if (subject !== 'match') return { kind: 'drop', reason: `execution: unknown subject ${subject}` };
      return { kind: 'events', events: [trade(d, m, recvTs)] };
    }
    if (topic.startsWith('/contract/instrument:')) return instrument(subject, d, m, recvTs);
    return { kind: 'drop', reason: `unknown topic ${topic}` };
  }

  /** Contract body → open interest (contracts × multiplier) and mark with funding. */
  function contract(c: JsonObject, recvTs: number): MarketEvent[] {
    const m = specs.get(str(c, 'symbol'));
    if (!m) return [];
    const markPrice = positive(c, 'markPrice');
    const oi = num(c, 'openInterest');
    if (oi < 0) throw new FrameError('openInterest', `negative ${oi}`);
    const oiBtc = derived(oi * m.contractSize, 'openInterest', true);
    const index = optNum(c, 'indexPrice');
    const funding = optNum(c, 'fundingFeeRate');
    // nextFundingRateTime is a duration until the next funding, ms (kucoin.md §3.1) [inferred].
    const next = optNum(c, 'nextFundingRateTime');
    return [
      { kind: 'openInterest', venue: VENUE, market: m.symbol, ts: recvTs, recvTs, oiBtc, oiUsd: derived(oiBtc * markPrice, 'markPrice', true) },
      {
        kind: 'mark',
        venue: VENUE,
        market: m.symbol,
        ts: recvTs,
        recvTs,
        markPrice,
        ...(index !== undefined && index > 0 ? { indexPrice: index } : {}),
        ...(funding !== undefined ? { fundingRate: funding } : {}),
        ...(next !== undefined && next > 0 && next < 86_400_000 ? { nextFundingTs: checkMs(Math.round(recvTs + next), 'nextFundingRateTime') } : {}),
      },
    ];
  }

  function rest(req: RestRequest, body: string, recvTs: number): ParseOutcome {
    const path = req.path.split('?')[0] ?? '';
    if (!path.startsWith('/api/v1/contracts/') || path.startsWith('/api/v1/contracts/risk-limit/')) {
      return { kind: 'drop', reason: `unhandled REST path ${path}` };
    }
    const data = kucoinData(body);
    const rows = path === '/api/v1/contracts/active' ? arr(data, 'data').map((r, i) => obj(r, `data[${i}]`)) : [obj(data, 'data')];
    const events = rows.flatMap((r) => contract(r, recvTs));
    return events.length > 0 ? { kind: 'events', events } : { kind: 'drop', reason: `${path}: no subscribed contract` };
  }

  return { ws, rest };
}
