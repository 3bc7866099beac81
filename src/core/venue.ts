// The contract every venue adapter (src/exchanges/<venue>/index.ts) implements.
// Transport lives in src/feed/ (generic); an adapter only declares endpoints and parses.
import type { MarketEvent, VenueId } from './events.js';

/** Instrument facts of one market, loaded at start with a bundled fallback. */
export interface MarketSpec {
  readonly symbol: string;
  readonly kind: 'linear' | 'inverse';
  /** linear: BTC per contract (1 when sizes are already BTC); inverse: USD per contract. */
  readonly contractSize: number;
  readonly tickSize: number;
  readonly maxLeverage: number;
}

/** What one frame or REST body turned into. */
export type ParseOutcome =
  | { readonly kind: 'events'; readonly events: readonly MarketEvent[] }
  /** Acks, pongs, heartbeats, subscription confirmations: nothing for downstream. */
  | { readonly kind: 'control'; readonly what: string }
  /** Malformed, unknown or error frames; `reason` names the field or the venue error. */
  | { readonly kind: 'drop'; readonly reason: string };

export interface RestRequest {
  readonly method: 'GET' | 'POST';
  /** Path with query string, relative to the venue's REST base. */
  readonly path: string;
  readonly body?: string;
}

/**
 * A parser instance (one per connection/replay). Pure apart from the per-venue state some
 * protocols need (snapshot + delta merging); it may throw FrameError, which the caller
 * turns into a counted drop.
 */
export interface VenueParser {
  ws(frame: string, recvTs: number): ParseOutcome;
  rest(req: RestRequest, body: string, recvTs: number): ParseOutcome;
}

/** One WebSocket of a venue (OKX has a public and a business socket). */
export interface WsEndpoint {
  /** Short name, kept in capture lines as `conn`. */
  readonly name: string;
  readonly url: string;
  /** Extra handshake headers (Gate's X-Gate-Size-Decimal). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Messages to send right after open (subscriptions), in order. */
  readonly subscribe: readonly string[];
  /** Application-level keep-alive the client must send (e.g. OKX text "ping"). */
  readonly keepalive?: { readonly intervalMs: number; readonly message: string };
  /** Answer a server application-level ping/heartbeat; undefined = no answer needed. */
  reply?(frame: string): string | undefined;
  /** Reconnect proactively after this long (Binance cuts at 24 h). */
  readonly maxLifetimeMs?: number;
  /** The venue's cap on client→server messages per second. */
  readonly maxMessagesPerSec: number;
  /** No data frame for this long (heartbeats do not count) → reconnect. */
  readonly silenceTimeoutMs: number;
}

export interface RestPoll {
  readonly request: RestRequest;
  readonly intervalMs: number;
}

export interface HttpClient {
  /** Resolves with status and body text; rejects on network errors. Paths are relative to the venue's REST base. */
  request(req: RestRequest): Promise<{ status: number; body: string }>;
}

export interface VenueRuntimeConfig {
  readonly wsUrl: string;
  readonly restUrl: string;
  readonly markets: readonly string[];
  /** REST poll period for open interest where the venue pushes none, ms. */
  readonly pollIntervalMs: number;
}

/** Closed 1-minute history rows for gap repair and backfill. */
export interface HistoryKline {
  readonly ts: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  /** BTC */
  readonly volume: number;
  /** BTC, when the venue gives taker-buy volume. */
  readonly buyVolume?: number;
}
export interface HistoryOi {
  readonly ts: number;
  readonly oiBtc: number;
  readonly oiUsd: number;
}

export interface VenueHistory {
  /** Oldest open-interest history the venue serves, ms before now (Binance: 30 days). */
  readonly oiHistoryMaxAgeMs: number;
  /** Requests per second we allow ourselves against this venue's REST API. */
  readonly maxRequestsPerSec: number;
  klines(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryKline[]>;
  openInterest(http: HttpClient, market: MarketSpec, fromMs: number, toMs: number): Promise<readonly HistoryOi[]>;
}

export interface VenueAdapter {
  readonly id: VenueId;
  /** Default production URLs; overridable via LIQMAP_<VENUE>_WS / _REST or config. */
  readonly defaultWsUrl: string;
  readonly defaultRestUrl: string;
  /** Bundled instrument facts, used when the venue cannot be reached at start. */
  readonly fallbackMarkets: readonly MarketSpec[];
  /** Whether the venue publishes real liquidations (health says so when not). */
  readonly publishesLiquidations: boolean;
  /** Load instrument facts live; the caller falls back to fallbackMarkets on error. */
  loadMarkets?(http: HttpClient, symbols: readonly string[]): Promise<readonly MarketSpec[]>;
  /** Resolve endpoints before connecting (KuCoin's bullet token); default: from config. */
  endpoints(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[], http: HttpClient): Promise<readonly WsEndpoint[]>;
  /** REST polls (open interest where not pushed). */
  polls(cfg: VenueRuntimeConfig, markets: readonly MarketSpec[]): readonly RestPoll[];
  createParser(markets: readonly MarketSpec[]): VenueParser;
  readonly history?: VenueHistory;
}
