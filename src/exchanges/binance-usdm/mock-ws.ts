// The Binance futures WebSocket as the mock serves it: raw (/ws) and combined (/stream) paths per
// category, live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY with the
// documented acks and errors, and the 10-messages-per-second cap (over → disconnect).
import type { MockSession } from '../mock/server.js';
import { streamCategory, type BinanceProfile, type StreamCategory } from './profile.js';

/** Doc: more than 10 incoming messages per second → disconnected. */
const MAX_CLIENT_MESSAGES_PER_SEC = 10;

interface WsState {
  readonly category: StreamCategory;
  combined: boolean;
  readonly streams: Set<string>;
  readonly sentAt: number[];
}

function stateOf(s: MockSession): WsState {
  const st = s.data.get('binance') as WsState | undefined;
  if (!st) throw new Error('binance mock: session without state');
  return st;
}

/** The topic a stream's frames are routed by; a stream on the wrong base never matches. */
export function topicOf(category: StreamCategory, combined: boolean, stream: string): string {
  return `${category}|${combined ? 'c' : 'r'}|${stream}`;
}

export function categoryOf(profile: BinanceProfile, stream: string): StreamCategory {
  return profile.kind === 'inverse' ? 'all' : streamCategory(stream);
}

function retopic(s: MockSession, st: WsState): void {
  s.topics.clear();
  for (const stream of st.streams) s.topics.add(topicOf(st.category, st.combined, stream));
}

/** Accept `<prefix>/ws[/<stream>…]` and `<prefix>/stream?streams=a/b`; false → 404. */
export function openSession(profile: BinanceProfile, s: MockSession): boolean {
  for (const { prefix, category } of profile.wsPaths) {
    if (!s.path.startsWith(`${prefix}/`)) continue;
    const rest = s.path.slice(prefix.length);
    let combined: boolean;
    let streams: string[];
    if (rest === '/stream') {
      combined = true;
      streams = (s.query.get('streams') ?? '').split('/');
    } else if (rest === '/ws' || rest.startsWith('/ws/')) {
      combined = false;
      streams = rest.slice(4).split('/');
    } else {
      return false;
    }
    const st: WsState = { category, combined, streams: new Set(streams.filter(Boolean)), sentAt: [] };
    s.data.set('binance', st);
    retopic(s, st);
    return true;
  }
  return false;
}

function reply(s: MockSession, body: object): void {
  s.send(JSON.stringify(body));
}

/** Client → server frames, answered as Binance does (doc Live-Subscribing error table). */
export function onClientMessage(s: MockSession, text: string, now: number): void {
  const st = stateOf(s);
  st.sentAt.push(now);
  while (st.sentAt.length && (st.sentAt[0] ?? 0) <= now - 1000) st.sentAt.shift();
  if (st.sentAt.length > MAX_CLIENT_MESSAGES_PER_SEC) {
    s.close(1008, 'Too many messages');
    return;
  }
  let req: unknown;
  try {
    req = JSON.parse(text);
  } catch {
    reply(s, { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' });
    return;
  }
  if (typeof req !== 'object' || req === null || Array.isArray(req)) {
    reply(s, { code: 2, msg: 'Invalid request: expected an object' });
    return;
  }
  const { method, params, id } = req as { method?: unknown; params?: unknown; id?: unknown };
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
    reply(s, { code: 2, msg: 'Invalid request: request ID must be an unsigned integer' });
    return;
  }
  const list = Array.isArray(params) ? params : [];
  switch (method) {
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      if (!list.every((p): p is string => typeof p === 'string')) {
        reply(s, { code: 2, msg: 'Invalid request: params must be stream names', id });
        return;
      }
      for (const p of list) {
        if (method === 'SUBSCRIBE') st.streams.add(p);
        else st.streams.delete(p);
      }
      retopic(s, st);
      reply(s, { result: null, id });
      return;
    }
    case 'LIST_SUBSCRIPTIONS':
      reply(s, { result: [...st.streams], id });
      return;
    case 'SET_PROPERTY':
    case 'GET_PROPERTY': {
      if (list[0] !== 'combined') {
        reply(s, { code: 0, msg: 'Unknown property', id });
        return;
      }
      if (method === 'GET_PROPERTY') {
        reply(s, { result: st.combined, id });
        return;
      }
      if (typeof list[1] !== 'boolean') {
        reply(s, { code: 1, msg: 'Invalid value type: expected Boolean', id });
        return;
      }
      st.combined = list[1];
      retopic(s, st);
      reply(s, { result: null, id });
      return;
    }
    default:
      reply(s, {
        code: 2,
        msg: `Invalid request: unknown variant ${JSON.stringify(method)}, expected one of SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY`,
        id,
      });
  }
}
