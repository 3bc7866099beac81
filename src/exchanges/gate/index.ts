// Gate USDT-settled perpetual futures (BTC_USDT), futures API v4. Facts: ../shared/exchanges/gate.md.
// Everything is pushed (trades, tickers with mark/funding/OI, public liquidations, 1m contract
// stats), so there is no REST poll; REST gives instrument facts and gap-repair history.
import type { VenueAdapter, WsEndpoint } from '../../core/venue.js';
import { gateHistory } from './history.js';
import { GATE_FALLBACK_MARKETS, loadGateMarkets } from './markets.js';
import { createGateParser } from './parse.js';

/** Subscribe/ping request envelope: {"time": unix seconds, "channel", "event", "payload"} (gate.md §1.2). */
export function gateRequest(channel: string, event: 'subscribe' | 'unsubscribe' | null, payload: readonly string[] | null, nowMs: number): string {
  return JSON.stringify({
    time: Math.floor(nowMs / 1000),
    channel,
    ...(event ? { event } : {}),
    ...(payload ? { payload } : {}),
  });
}

/** The subscriptions for the markets, in order (contract_stats takes [contract, interval]). */
export function gateSubscriptions(symbols: readonly string[], nowMs: number): string[] {
  const out = [
    gateRequest('futures.trades', 'subscribe', symbols, nowMs),
    gateRequest('futures.tickers', 'subscribe', symbols, nowMs),
    gateRequest('futures.public_liquidates', 'subscribe', symbols, nowMs),
  ];
  for (const s of symbols) out.push(gateRequest('futures.contract_stats', 'subscribe', [s, '1m'], nowMs));
  return out;
}

export const adapter: VenueAdapter = {
  id: 'gate',
  defaultWsUrl: 'wss://fx-ws.gateio.ws/v4/ws/usdt',
  defaultRestUrl: 'https://api.gateio.ws/api/v4',
  fallbackMarkets: GATE_FALLBACK_MARKETS,
  publishesLiquidations: true,
  loadMarkets: loadGateMarkets,

  async endpoints(cfg, markets) {
    const symbols = markets.map((m) => m.symbol);
    const now = Date.now();
    const ep: WsEndpoint = {
      name: 'usdt',
      url: cfg.wsUrl,
      // Sizes as decimal strings; the integer form truncates fractions and is being retired (gate.md §1.1).
      headers: { 'X-Gate-Size-Decimal': '1' },
      subscribe: gateSubscriptions(symbols, now),
      // The server sends protocol pings (answered by ws); the official example also sends
      // futures.ping every 10 s (gate.md §1.4), answered with futures.pong.
      keepalive: { intervalMs: 10_000, message: gateRequest('futures.ping', null, null, now) },
      // No documented client message cap for public channels; stay modest.
      maxMessagesPerSec: 10,
      // BTC_USDT tickers push about every second; 30 s without data means the socket is dead.
      silenceTimeoutMs: 30_000,
    };
    return [ep];
  },

  polls: () => [],
  createParser: createGateParser,
  history: gateHistory,
};
