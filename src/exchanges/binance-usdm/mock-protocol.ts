// The Binance futures mock protocol (USDⓈ-M or COIN-M by profile): WebSocket paths and requests,
// REST answers, and `encode`, which reproduces the venue's quirk of pushing at most the latest
// liquidation per symbol per second (doc Liquidation-Order-Streams).
import type { LiquidationEvent, MarketEvent } from '../../core/events.js';
import type { MarketSpec } from '../../core/venue.js';
import type { EncodedFrame, MockProtocol } from '../mock/server.js';
import { aggTradePayload, forceOrderPayload, markPricePayload, tradePayload } from './mock-frames.js';
import { mockRest } from './mock-rest.js';
import { categoryOf, onClientMessage, openSession, topicOf } from './mock-ws.js';
import type { BinanceProfile } from './profile.js';

export interface BinanceMockOptions {
  /** WebSocket ping frame period; Binance: every 3 minutes. */
  readonly wsPingIntervalMs?: number;
}

export function createBinanceMockProtocol(profile: BinanceProfile, opts: BinanceMockOptions = {}): MockProtocol {
  const specs = new Map<string, MarketSpec>(profile.fallbackMarkets.map((m) => [m.symbol, m]));
  /** Latest liquidation per symbol in its still-open 1 s window; pushed once a later event closes the window. */
  const pending = new Map<string, LiquidationEvent>();
  let nextId = 1;

  /** Both wrappings of one payload: raw for /ws sessions, {"stream","data"} for /stream sessions. */
  const frames = (stream: string, payload: string): EncodedFrame[] => {
    const category = categoryOf(profile, stream);
    return [
      { topic: topicOf(category, false, stream), frame: payload },
      { topic: topicOf(category, true, stream), frame: `{"stream":"${stream}","data":${payload}}` },
    ];
  };

  const flushDue = (symbol: string, ts: number, out: EncodedFrame[]): void => {
    const p = pending.get(symbol);
    const spec = specs.get(symbol);
    if (!p || !spec || Math.floor(p.ts / 1000) >= Math.floor(ts / 1000)) return;
    pending.delete(symbol);
    out.push(...frames(`${symbol.toLowerCase()}@forceOrder`, forceOrderPayload(spec, p)));
  };

  const encode = (e: MarketEvent): EncodedFrame[] => {
    const spec = specs.get(e.market);
    if (!spec) return [];
    const out: EncodedFrame[] = [];
    flushDue(e.market, e.ts, out);
    const s = e.market.toLowerCase();
    switch (e.kind) {
      case 'trade': {
        const id = nextId++;
        out.push(...frames(`${s}@aggTrade`, aggTradePayload(spec, e, id)), ...frames(`${s}@trade`, tradePayload(spec, e, id)));
        break;
      }
      case 'liquidation':
        // A newer liquidation in the same second replaces the pending one: Binance drops it too.
        pending.set(e.market, e);
        break;
      case 'mark': {
        const payload = markPricePayload(spec, e);
        out.push(...frames(`${s}@markPrice@1s`, payload), ...frames(`${s}@markPrice`, payload));
        break;
      }
      // Open interest is REST-only on Binance; status is ours, not the venue's.
      case 'openInterest':
      case 'status':
        break;
    }
    return out;
  };

  return {
    venue: profile.venue,
    onOpen: (s) => openSession(profile, s),
    onMessage: (s, text, state) => onClientMessage(s, text, state.now()),
    encode,
    rest: (req, state) => mockRest(profile, req, state),
    wsPingIntervalMs: opts.wsPingIntervalMs ?? 180_000,
  };
}
