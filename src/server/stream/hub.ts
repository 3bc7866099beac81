// WS /api/v1/stream: topic subscriptions fed from the bus. Every message is serialised once and fanned out;
// heartbeats find dead peers; a client whose unsent data passes the limit is cut off, so memory stays bounded.
import type { WebSocket } from 'ws';
import type { LiquidationEvent, VenueId } from '../../core/events.js';
import { liqMap, type ViewFilter } from '../../model/index.js';
import type { ServerContext } from '../context.js';
import { ApiError } from '../errors.js';
import { ClientMessageSchema, STREAM_TOPICS, type ClientMessage, type HeatmapColumnMessage, type ServerMessage, type StreamTopic } from './messages.js';

export interface HubOptions {
  readonly heartbeatMs: number;
  readonly liveColumnMs: number;
  /** A closed column waits this long for the rest of its burst (each venue's bars of a minute publish one). */
  readonly closedColumnMs?: number;
  readonly maxBufferedBytes: number;
  readonly maxClients: number;
  /** Distinct heatmap column subscriptions (axis + filter) computed per tick. */
  readonly maxHeatmapGroups: number;
}

export interface HubCounters {
  sent: number;
  slowConsumers: number;
  deadPeers: number;
}

interface HeatmapSub {
  readonly priceLo?: number | undefined;
  readonly priceHi?: number | undefined;
  readonly rows: number;
  readonly filter: ViewFilter;
}

interface Client {
  readonly ws: WebSocket;
  readonly topics: Set<StreamTopic>;
  heatmapKey: string | null;
  liqVenues: readonly VenueId[] | null;
  minUsd: number;
  alive: boolean;
}

const OPEN = 1;

export class StreamHub {
  private readonly clients = new Set<Client>();
  private readonly groups = new Map<string, { sub: HeatmapSub; members: Set<Client> }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly unsubs: (() => void)[] = [];
  readonly counters: HubCounters = { sent: 0, slowConsumers: 0, deadPeers: 0 };
  /** Newest closed bar time not yet sent, and the timer that sends it. */
  private closedTs = -Infinity;
  private closedTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ctx: ServerContext,
    private readonly o: HubOptions,
  ) {
    const bus = ctx.deps.bus;
    this.unsubs.push(
      bus.subscribe('liquidation', (e) => this.liquidation(e)),
      bus.subscribe('bars', (bars) => this.broadcast('bars', { type: 'bars', data: [...bars] })),
      bus.subscribe('venues', () => {
        if (this.count('venues') > 0) this.broadcast('venues', { type: 'venues', data: ctx.board.list(ctx.model) });
      }),
      bus.subscribe('alerts', (a) => this.broadcast('alerts', { type: 'alert', data: a })),
      bus.subscribe('column', (c) => this.closed(c.ts)),
    );
    this.timers.push(setInterval(() => this.heartbeat(), o.heartbeatMs), setInterval(() => this.columns('live', ctx.deps.now()), o.liveColumnMs));
    for (const t of this.timers) t.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  attach(ws: WebSocket): void {
    if (this.clients.size >= this.o.maxClients) {
      ws.close(1013, 'too many clients');
      return;
    }
    const c: Client = { ws, topics: new Set(), heatmapKey: null, liqVenues: null, minUsd: 0, alive: true };
    this.clients.add(c);
    ws.on('pong', () => {
      c.alive = true;
    });
    ws.on('message', (data, isBinary) => {
      c.alive = true;
      this.onMessage(c, isBinary ? null : data.toString());
    });
    ws.on('close', () => this.drop(c));
    ws.on('error', () => this.drop(c));
    this.send(c, JSON.stringify({ type: 'hello', serverTime: this.ctx.deps.now(), topics: [...STREAM_TOPICS], heartbeatMs: this.o.heartbeatMs } satisfies ServerMessage));
  }

  close(): void {
    for (const t of this.timers) clearInterval(t);
    if (this.closedTimer) clearTimeout(this.closedTimer);
    for (const u of this.unsubs) u();
    for (const c of this.clients) c.ws.terminate();
    this.clients.clear();
    this.groups.clear();
  }

  private onMessage(c: Client, text: string | null): void {
    let msg: ClientMessage;
    try {
      if (text === null) throw new ApiError(400, 'bad_request', 'send JSON text frames');
      const parsed = ClientMessageSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ApiError(400, 'bad_request', `${issue?.path.join('.') || 'message'}: ${issue?.message ?? 'invalid'}`, issue?.path.join('.') || undefined);
      }
      msg = parsed.data;
      if (msg.op === 'ping') return this.send(c, JSON.stringify({ type: 'pong', ts: this.ctx.deps.now() } satisfies ServerMessage));
      if (msg.op === 'unsubscribe') {
        for (const t of msg.topics) {
          c.topics.delete(t);
          if (t === 'heatmap') this.leaveGroup(c);
        }
      } else {
        if (msg.topics.includes('heatmap')) this.joinGroup(c, msg.heatmap ?? { rows: 200 });
        if (msg.topics.includes('liquidations')) {
          const f = msg.liquidations;
          if (f?.venues) this.ctx.filter({ venues: f.venues });
          c.liqVenues = f?.venues ?? null;
          c.minUsd = f?.minUsd ?? 0;
        }
        for (const t of msg.topics) c.topics.add(t);
      }
      this.send(c, JSON.stringify({ type: 'subscribed', topics: [...c.topics] } satisfies ServerMessage));
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(400, 'bad_request', `message: ${(e as Error).message}`);
      this.send(c, JSON.stringify({ type: 'error', message: err.message, ...(err.param ? { param: err.param } : {}) } satisfies ServerMessage));
    }
  }

  private joinGroup(c: Client, s: { priceLo?: number | undefined; priceHi?: number | undefined; rows: number; venues?: VenueId[] | undefined; sides?: ('long' | 'short')[] | undefined; leverage?: number[] | undefined }): void {
    if (s.priceLo !== undefined && s.priceHi !== undefined && !(s.priceHi > s.priceLo)) throw new ApiError(400, 'bad_request', 'heatmap.priceHi: must exceed priceLo', 'heatmap.priceHi');
    const filter = this.ctx.filter(s);
    const sub: HeatmapSub = { priceLo: s.priceLo, priceHi: s.priceHi, rows: s.rows, filter };
    const key = JSON.stringify([sub.priceLo, sub.priceHi, sub.rows, filter.venues, filter.sides, filter.leverage]);
    if (c.heatmapKey === key) return;
    if (!this.groups.has(key) && this.groups.size >= this.o.maxHeatmapGroups)
      throw new ApiError(400, 'bad_request', `heatmap: too many distinct heatmap subscriptions on this server (${this.o.maxHeatmapGroups}); reuse a common axis`, 'heatmap');
    this.leaveGroup(c);
    let g = this.groups.get(key);
    if (!g) {
      g = { sub, members: new Set() };
      this.groups.set(key, g);
    }
    g.members.add(c);
    c.heatmapKey = key;
  }

  private leaveGroup(c: Client): void {
    if (c.heatmapKey === null) return;
    const g = this.groups.get(c.heatmapKey);
    g?.members.delete(c);
    if (g && g.members.size === 0) this.groups.delete(c.heatmapKey);
    c.heatmapKey = null;
  }

  private drop(c: Client): void {
    if (!this.clients.delete(c)) return;
    this.leaveGroup(c);
  }

  private count(topic: StreamTopic): number {
    let n = 0;
    for (const c of this.clients) if (c.topics.has(topic)) n++;
    return n;
  }

  private liquidation(e: LiquidationEvent): void {
    if (this.clients.size === 0) return;
    const { kind: _kind, ...data } = e;
    const text = JSON.stringify({ type: 'liquidation', data } satisfies ServerMessage);
    for (const c of this.clients) {
      if (!c.topics.has('liquidations') || e.notionalUsd < c.minUsd) continue;
      if (c.liqVenues && !c.liqVenues.includes(e.venue)) continue;
      this.send(c, text);
    }
  }

  private broadcast(topic: StreamTopic, msg: ServerMessage): void {
    let text: string | null = null;
    for (const c of this.clients) {
      if (!c.topics.has(topic)) continue;
      text ??= JSON.stringify(msg);
      this.send(c, text);
    }
  }

  /** A burst of closed bars (one batch per venue-market, a minute apart or during catch-up) is one column message. */
  private closed(ts: number): void {
    this.closedTs = Math.max(this.closedTs, ts);
    this.closedTimer ??= setTimeout(() => {
      const t = this.closedTs;
      this.closedTs = -Infinity;
      this.closedTimer = null;
      this.columns('closed', t);
    }, this.o.closedColumnMs ?? 250);
  }

  /** One column per subscription group: computed once, sent to every member. */
  private columns(kind: 'closed' | 'live', ts: number): void {
    if (this.groups.size === 0) return;
    const model = this.ctx.model;
    if (model.latestTs() === null) return;
    for (const g of this.groups.values()) {
      const msg = this.column(g.sub, kind, ts);
      if (!msg) continue;
      const text = JSON.stringify(msg);
      for (const c of g.members) this.send(c, text);
    }
  }

  private column(s: HeatmapSub, kind: 'closed' | 'live', ts: number): HeatmapColumnMessage | null {
    const model = this.ctx.model;
    const ref = model.vms.find((vm) => vm.lastTs !== null && (!s.filter.venues || s.filter.venues.includes(vm.venue)));
    const close = ref && Number.isFinite(ref.lastClose) ? ref.lastClose : null;
    const price = kind === 'live' ? (this.ctx.livePrice() ?? close) : close;
    if (price === null) return null;
    const lo = s.priceLo ?? (s.priceHi !== undefined ? Math.min(price * 0.85, s.priceHi * 0.7) : price * 0.85);
    const hi = s.priceHi ?? Math.max(price * 1.15, lo * 1.3);
    const view = liqMap(model, { ...s.filter, priceLo: lo, priceHi: hi, buckets: s.rows });
    return { type: 'heatmap', kind, ts, priceLo: lo, priceHi: hi, rows: s.rows, price, cells: view.buckets.map((b) => Math.round(b.longUsd + b.shortUsd)) };
  }

  private heartbeat(): void {
    const text = JSON.stringify({ type: 'heartbeat', ts: this.ctx.deps.now() } satisfies ServerMessage);
    for (const c of this.clients) {
      if (!c.alive) {
        this.counters.deadPeers++;
        c.ws.terminate();
        this.drop(c);
        continue;
      }
      c.alive = false;
      if (c.ws.readyState === OPEN) c.ws.ping();
      this.send(c, text);
    }
  }

  private send(c: Client, text: string): void {
    if (c.ws.readyState !== OPEN) return;
    if (c.ws.bufferedAmount > this.o.maxBufferedBytes) {
      this.counters.slowConsumers++;
      c.ws.terminate();
      this.drop(c);
      return;
    }
    c.ws.send(text);
    this.counters.sent++;
  }
}
