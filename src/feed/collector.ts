// Runs one venue: instrument facts, its sockets and REST polls, the parser, and health figures.
// Emits normalised events (with status events on disconnect/reconnect) and raw capture lines.
import type { CaptureLine, MarketEvent, StatusEvent, VenueId } from '../core/events.js';
import type { HttpClient, MarketSpec, RestPoll, VenueAdapter, VenueParser, VenueRuntimeConfig, WsEndpoint } from '../core/venue.js';
import type { BackoffOptions } from './backoff.js';
import { DropCounter, parseRestSafe, parseWsSafe } from './parse-safe.js';
import { RestPoller } from './rest-poller.js';
import { WsConnection } from './ws-connection.js';
import type { Logger } from '../log.js';

export interface VenueHealth {
  readonly venue: VenueId;
  readonly markets: readonly string[];
  readonly connected: boolean;
  /** Data messages per second over the last minute. */
  readonly msgsPerSec: number;
  /** Age of the last data message, ms (null before the first). */
  readonly lastMessageAgeMs: number | null;
  readonly reconnects: number;
  /** Disconnect episodes seen downstream as gaps. */
  readonly gaps: number;
  readonly frames: number;
  readonly drops: Readonly<Record<string, number>>;
  readonly restErrors: number;
  readonly publishesLiquidations: boolean;
  /** Human notes: fallback instrument facts in use, no public liquidations, … */
  readonly notes: readonly string[];
}

export interface CollectorOptions {
  readonly adapter: VenueAdapter;
  readonly config: VenueRuntimeConfig;
  readonly http: HttpClient;
  onEvent(e: MarketEvent): void;
  onRaw?(line: CaptureLine): void;
  readonly backoff?: BackoffOptions;
  readonly now?: () => number;
  readonly log?: Logger;
}

export class VenueCollector {
  private readonly now: () => number;
  private markets: readonly MarketSpec[] = [];
  private parser: VenueParser | null = null;
  private conns: WsConnection[] = [];
  private pollers: RestPoller[] = [];
  private readonly drops = new DropCounter();
  private frames = 0;
  private lastData: number | null = null;
  private readonly recent: number[] = [];
  private gaps = 0;
  private down = new Set<number>();
  private readonly notes: string[] = [];
  private restErrors = 0;

  constructor(private readonly opts: CollectorOptions) {
    this.now = opts.now ?? Date.now;
    if (!opts.adapter.publishesLiquidations) this.notes.push('venue publishes no public liquidation stream');
  }

  get venue(): VenueId {
    return this.opts.adapter.id;
  }

  get adapter(): VenueAdapter {
    return this.opts.adapter;
  }

  get http(): HttpClient {
    return this.opts.http;
  }

  /** Instrument facts in use (live or fallback), after start(). */
  get marketSpecs(): readonly MarketSpec[] {
    return this.markets;
  }

  async start(): Promise<void> {
    const { adapter, config, http } = this.opts;
    this.markets = await this.loadMarkets();
    this.parser = adapter.createParser(this.markets);
    // A failing endpoints() at start (KuCoin's token request) must not kill the venue: one
    // connection starts anyway and its resolve() retries with backoff.
    const first = await adapter.endpoints(config, this.markets, http).catch((e: unknown) => {
      this.opts.log?.warn({ venue: this.venue, err: (e as Error).message }, 'endpoints unavailable at start; retrying');
      return null;
    });
    this.conns = first ? first.map((ep, i) => this.makeConnection(ep, i)) : [this.makeConnection(null, 0)];
    for (const c of this.conns) c.start();
    this.pollers = adapter.polls(config, this.markets).map((p) => this.makePoller(p));
    for (const p of this.pollers) p.start();
  }

  stop(): void {
    for (const c of this.conns) c.stop();
    for (const p of this.pollers) p.stop();
  }

  health(): VenueHealth {
    const t = this.now();
    while (this.recent.length && (this.recent[0] ?? 0) < t - 60_000) this.recent.shift();
    const span = Math.min(60, Math.max(1, (t - (this.recent[0] ?? t)) / 1000));
    return {
      venue: this.venue,
      markets: this.markets.map((m) => m.symbol),
      connected: this.conns.length > 0 && this.conns.every((c) => c.connected),
      msgsPerSec: this.recent.length / span,
      lastMessageAgeMs: this.lastData === null ? null : t - this.lastData,
      reconnects: this.conns.reduce((s, c) => s + c.reconnects, 0),
      gaps: this.gaps,
      frames: this.frames,
      drops: this.drops.toJSON(),
      restErrors: this.restErrors,
      publishesLiquidations: this.opts.adapter.publishesLiquidations,
      notes: [...this.notes],
    };
  }

  private async loadMarkets(): Promise<readonly MarketSpec[]> {
    const { adapter, config } = this.opts;
    const wanted = config.markets;
    const fallback = adapter.fallbackMarkets.filter((m) => wanted.includes(m.symbol));
    if (!adapter.loadMarkets) return fallback;
    try {
      const live = await adapter.loadMarkets(this.opts.http, wanted);
      if (live.length > 0) return live;
      throw new Error('no markets returned');
    } catch (e) {
      const msg = `instrument facts unavailable (${(e as Error).message}); using bundled fallback`;
      this.notes.push(msg);
      this.opts.log?.warn({ venue: this.venue }, msg);
      return fallback;
    }
  }

  private makeConnection(first: WsEndpoint | null, index: number): WsConnection {
    let pending: WsEndpoint | null = first;
    const { adapter, config, http } = this.opts;
    return new WsConnection({
      backoff: this.opts.backoff,
      now: this.now,
      resolve: async () => {
        if (pending) {
          const ep = pending;
          pending = null;
          return ep;
        }
        const eps = await adapter.endpoints(config, this.markets, http);
        const ep = eps[index];
        if (!ep) throw new Error(`endpoint ${index} vanished`);
        return ep;
      },
      handlers: {
        onOpen: (ep) => this.opts.log?.info({ venue: this.venue, conn: ep.name }, 'connected'),
        onFrame: (text, recvTs) => this.onFrame(text, recvTs, first?.name ?? this.venue),
        onDown: (reason) => this.onDown(index, reason),
      },
    });
  }

  private makePoller(poll: RestPoll): RestPoller {
    return new RestPoller({
      poll,
      http: this.opts.http,
      now: this.now,
      onBody: (body, recvTs) => {
        this.opts.onRaw?.({
          venue: this.venue,
          recvTs,
          raw: body,
          source: 'rest',
          path: poll.request.path,
          ...(poll.request.body !== undefined ? { body: poll.request.body } : {}),
        });
        this.handle(parseRestSafe(this.parserOrThrow(), poll.request, body, recvTs), recvTs, false);
      },
      onError: (msg) => {
        this.restErrors++;
        this.opts.log?.warn({ venue: this.venue, path: poll.request.path }, msg);
      },
    });
  }

  private parserOrThrow(): VenueParser {
    if (!this.parser) throw new Error('collector not started');
    return this.parser;
  }

  private onFrame(text: string, recvTs: number, conn: string): boolean {
    this.frames++;
    this.opts.onRaw?.({ venue: this.venue, recvTs, raw: text, ...(this.conns.length > 1 ? { conn } : {}) });
    return this.handle(parseWsSafe(this.parserOrThrow(), text, recvTs), recvTs, true);
  }

  /** Returns true when the outcome carried market data. Only socket data ends an outage: REST
   * polls still answer while the stream is down, and the trades missed then must stay flagged. */
  private handle(out: ReturnType<typeof parseWsSafe>, recvTs: number, fromWs: boolean): boolean {
    if (out.kind === 'drop') {
      this.drops.add(out.reason);
      this.opts.log?.debug({ venue: this.venue, reason: out.reason }, 'frame dropped');
      return false;
    }
    if (out.kind === 'control') return false;
    this.lastData = recvTs;
    this.recent.push(recvTs);
    if (this.recent.length > 100_000) this.recent.splice(0, 50_000);
    if (fromWs && this.down.size > 0) this.reconnected(recvTs);
    for (const e of out.events) this.opts.onEvent(e);
    return out.events.length > 0;
  }

  private onDown(index: number, reason: string): void {
    if (this.down.size === 0) {
      this.gaps++;
      this.emitStatus(false, reason);
    }
    this.down.add(index);
    this.opts.log?.warn({ venue: this.venue, reason }, 'disconnected');
  }

  private reconnected(recvTs: number): void {
    this.down.clear();
    this.emitStatus(true, 'data flowing again', recvTs);
  }

  private emitStatus(connected: boolean, reason: string, at = this.now()): void {
    const markets = this.markets.length ? this.markets.map((m) => m.symbol) : this.opts.config.markets;
    for (const market of markets) {
      const e: StatusEvent = { kind: 'status', venue: this.venue, market, ts: at, recvTs: at, connected, reason };
      this.opts.onEvent(e);
    }
  }
}
