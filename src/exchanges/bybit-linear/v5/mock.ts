// Mock of a Bybit v5 public stream (one category per server): the real path, subscribe/unsubscribe
// acks and errors, JSON ping → pong, tickers snapshot on subscribe then deltas, and the REST
// market endpoints (mock-rest.ts). Shapes from bybit.md §1–3.
import type { VenueId } from '../../../core/events.js';
import type { MarketSpec } from '../../../core/venue.js';
import type { MockProtocol, MockSession } from '../../mock/server.js';
import type { Category } from './markets.js';
import { V5Encoder } from './mock-encode.js';
import { v5Rest } from './mock-rest.js';
import { CHANNELS, MAX_ARGS_CHARS } from './topics.js';

export interface V5MockDef {
  readonly venue: VenueId;
  readonly category: Category;
  readonly markets: readonly MarketSpec[];
  readonly instruments: ReadonlyMap<string, object>;
  readonly riskLimits: ReadonlyMap<string, readonly object[]>;
}

interface Request {
  readonly op: string;
  readonly reqId: string;
  readonly args: readonly string[] | null;
}

function readRequest(text: string): Request | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  if (typeof o['op'] !== 'string') return null;
  const args = Array.isArray(o['args']) && o['args'].every((a) => typeof a === 'string') ? (o['args'] as string[]) : null;
  return { op: o['op'], reqId: typeof o['req_id'] === 'string' ? o['req_id'] : '', args };
}

export function createV5MockProtocol(def: V5MockDef): MockProtocol {
  const markets = new Map(def.markets.map((m) => [m.symbol, m]));
  const encoder = new V5Encoder(markets);
  const path = `/v5/public/${def.category}`;
  let conn = 0;

  const reply = (s: MockSession, op: string, reqId: string, success: boolean, retMsg: string): void => {
    s.send(JSON.stringify({ success, ret_msg: retMsg, conn_id: s.data.get('conn_id'), req_id: reqId, op }));
  };
  /** Why a topic is refused, or null. Real text for unknown topics: "error:handler not found,topic:…". */
  const refusal = (s: MockSession, topic: string): string | null => {
    const dot = topic.lastIndexOf('.');
    const channel = topic.slice(0, dot);
    if (!(CHANNELS as readonly string[]).includes(channel) || !markets.has(topic.slice(dot + 1))) return `error:handler not found,topic:${topic}`;
    // Text [unverified]: Bybit refuses a topic already subscribed on the connection.
    if (s.topics.has(topic)) return `error:already subscribed,topic:${topic}`;
    return null;
  };

  return {
    venue: def.venue,
    onOpen(s) {
      if (s.path !== path) return false;
      s.data.set('conn_id', `mock-${def.category}-${++conn}`);
      return true;
    },
    onMessage(s, text, state) {
      const req = readRequest(text);
      if (!req) {
        reply(s, 'unknown', '', false, 'Params Error');
        return;
      }
      if (req.op === 'ping') {
        reply(s, 'ping', req.reqId, true, 'pong');
        return;
      }
      if (req.op !== 'subscribe' && req.op !== 'unsubscribe') {
        reply(s, req.op, req.reqId, false, `error:unsupported op ${req.op}`);
        return;
      }
      if (!req.args || req.args.length === 0) {
        reply(s, req.op, req.reqId, false, 'Params Error');
        return;
      }
      if (req.op === 'unsubscribe') {
        for (const t of req.args) s.topics.delete(t);
        reply(s, 'unsubscribe', req.reqId, true, '');
        return;
      }
      const refused = req.args.map((t) => refusal(s, t)).find((r) => r !== null);
      if (refused) {
        reply(s, 'subscribe', req.reqId, false, refused);
        return;
      }
      const chars = [...s.topics, ...req.args].reduce((n, t) => n + t.length, 0);
      if (chars > MAX_ARGS_CHARS) {
        // Limit from the doc; the error text is [unverified].
        reply(s, 'subscribe', req.reqId, false, `error:args size exceeds ${MAX_ARGS_CHARS} characters`);
        return;
      }
      for (const t of req.args) s.topics.add(t);
      reply(s, 'subscribe', req.reqId, true, '');
      // tickers start with a full snapshot; deltas follow from encode().
      for (const t of req.args) {
        if (!t.startsWith('tickers.')) continue;
        const snap = encoder.snapshot(t.slice('tickers.'.length), state.now());
        if (snap) s.send(snap);
      }
    },
    encode: (e) => encoder.encode(e),
    rest: (req, state) =>
      v5Rest({ category: def.category, markets, instruments: def.instruments, riskLimits: def.riskLimits, tickers: encoder.tickers }, req, state),
  };
}
