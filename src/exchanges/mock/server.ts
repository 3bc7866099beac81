// Shared machinery of the venue mock servers: HTTP + WebSocket on one local port, topic fan-out,
// the last value per market for REST answers, and fault injection. Each venue supplies a
// MockProtocol (src/exchanges/<venue>/mock.ts) that speaks its real wire format.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MarketEvent, VenueId } from '../../core/events.js';

export type Fault =
  /** Cut every socket without a close frame. */
  | { readonly kind: 'drop' }
  /** Close every socket cleanly (the 24 h cut). */
  | { readonly kind: 'close'; readonly code?: number; readonly reason?: string }
  /** Stop data frames for `ms` (sockets stay open, heartbeats continue). */
  | { readonly kind: 'stall'; readonly ms: number }
  /** Send one garbage frame to every socket. */
  | { readonly kind: 'garbage'; readonly frame?: string }
  /** Answer the next `count` REST requests with `status`. */
  | { readonly kind: 'http'; readonly status: number; readonly count: number }
  /** Refuse the next `count` WebSocket upgrades with HTTP 503. */
  | { readonly kind: 'reject'; readonly count: number };

export interface MockSession {
  readonly id: number;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Request headers, lower-case names (Gate's X-Gate-Size-Decimal, KuCoin's Host for the bullet). */
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  /** Topics this socket receives (the protocol adds them on subscribe or from the URL). */
  readonly topics: Set<string>;
  /** Per-session protocol state (e.g. whether the snapshot was sent). */
  readonly data: Map<string, unknown>;
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export interface MockRestRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Request headers, lower-case names (Gate's X-Gate-Size-Decimal, KuCoin's Host for the bullet). */
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}
export interface MockRestResponse {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface MockState {
  readonly venue: VenueId;
  /** Last event per `${kind}:${market}` (answers REST polls such as open interest). */
  readonly last: ReadonlyMap<string, MarketEvent>;
  /** Events kept for REST history answers (klines, OI history), oldest first, bounded. */
  readonly history: readonly MarketEvent[];
  now(): number;
}

export interface EncodedFrame {
  /** Subscription topic; `*` reaches every session. */
  readonly topic: string;
  readonly frame: string;
}

export interface MockProtocol {
  readonly venue: VenueId;
  /** Return false to refuse the socket path (404). May add topics from the URL. */
  onOpen(s: MockSession, state: MockState): boolean;
  /** Client → server frames: subscribe, ping, … */
  onMessage(s: MockSession, text: string, state: MockState): void;
  /** The venue frames that carry a normalised event. */
  encode(e: MarketEvent, state: MockState): readonly EncodedFrame[];
  /** REST answers; undefined → 404 with the venue's error shape chosen by the server. */
  rest(req: MockRestRequest, state: MockState): MockRestResponse | undefined;
  /** Application-level heartbeat the server sends to each socket (not data: survives stalls);
   *  `frame` may return undefined to send nothing this round (KuCoin's mock only checks pings). */
  readonly heartbeat?: { readonly intervalMs: number; frame(s: MockSession): string | undefined };
  /** WebSocket protocol ping period (Binance: 3 min). */
  readonly wsPingIntervalMs?: number;
}

export interface MockServerOptions {
  readonly host?: string;
  readonly port?: number;
  /** Clock for event-time fields the mock makes itself (tests pass a fake). */
  readonly now?: () => number;
  /** History events kept for REST history answers. */
  readonly historyLimit?: number;
}

interface Session extends MockSession {
  readonly ws: WebSocket;
}

export class MockServer {
  readonly venue: VenueId;
  private readonly httpServer: http.Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Set<Session>();
  private readonly last = new Map<string, MarketEvent>();
  private readonly history: MarketEvent[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stalledUntil = 0;
  private httpFaults: { status: number; count: number } | null = null;
  private rejects = 0;
  private nextId = 1;
  private readonly now: () => number;
  private readonly historyLimit: number;
  /** Counters tests read: sockets opened, client frames received, REST requests served, pongs to protocol pings. */
  readonly stats = { connections: 0, clientFrames: 0, restRequests: 0, pongs: 0 };
  readonly clientFrames: string[] = [];
  private readonly state: MockState;

  constructor(
    private readonly protocol: MockProtocol,
    private readonly opts: MockServerOptions = {},
  ) {
    this.venue = protocol.venue;
    this.now = opts.now ?? Date.now;
    this.historyLimit = opts.historyLimit ?? 50_000;
    const history = (): readonly MarketEvent[] => this.history;
    this.state = {
      venue: protocol.venue,
      last: this.last,
      get history() {
        return history();
      },
      now: () => this.now(),
    };
    this.httpServer = http.createServer((req, res) => void this.onHttp(req, res));
    this.httpServer.on('upgrade', (req, socket, head) => {
      if (this.rejects > 0) {
        this.rejects--;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws, req.url ?? '/', req.headers));
    });
  }

  async start(): Promise<{ port: number; httpUrl: string; wsUrl: string }> {
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.httpServer.once('error', reject);
      this.httpServer.listen(this.opts.port ?? 0, host, () => resolve());
    });
    const { port } = this.httpServer.address() as AddressInfo;
    if (this.protocol.heartbeat) {
      const hb = this.protocol.heartbeat;
      this.every(hb.intervalMs, () => {
        for (const s of this.sessions) {
          const f = hb.frame(s);
          if (f !== undefined) s.send(f);
        }
      });
    }
    if (this.protocol.wsPingIntervalMs) {
      this.every(this.protocol.wsPingIntervalMs, () => {
        for (const s of this.sessions) if (s.ws.readyState === s.ws.OPEN) s.ws.ping();
      });
    }
    return { port, httpUrl: `http://${host}:${port}`, wsUrl: `ws://${host}:${port}` };
  }

  get connectionCount(): number {
    return this.sessions.size;
  }

  /** Feed a normalised event: stored for REST and pushed as venue frames to subscribers. */
  publish(e: MarketEvent): void {
    this.last.set(`${e.kind}:${e.market}`, e);
    this.history.push(e);
    if (this.history.length > this.historyLimit * 1.25) this.history.splice(0, this.history.length - this.historyLimit);
    if (this.now() < this.stalledUntil) return;
    const frames = this.protocol.encode(e, this.state);
    for (const f of frames) {
      for (const s of this.sessions) if (f.topic === '*' || s.topics.has(f.topic)) s.send(f.frame);
    }
  }

  /** Send a frame as-is to every socket (tests inject verbatim venue frames this way). */
  broadcast(frame: string): void {
    for (const s of this.sessions) s.send(frame);
  }

  fault(f: Fault): void {
    switch (f.kind) {
      case 'drop':
        for (const s of this.sessions) s.ws.terminate();
        break;
      case 'close':
        for (const s of this.sessions) s.close(f.code ?? 1001, f.reason ?? 'server closing');
        break;
      case 'stall':
        this.stalledUntil = this.now() + f.ms;
        break;
      case 'garbage':
        this.broadcast(f.frame ?? '\u0000{"truncated":');
        break;
      case 'http':
        this.httpFaults = { status: f.status, count: f.count };
        break;
      case 'reject':
        this.rejects = f.count;
        break;
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.clear();
    for (const s of this.sessions) s.ws.terminate();
    this.sessions.clear();
    this.wss.close();
    await new Promise<void>((resolve) => this.httpServer.close(() => resolve()));
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.add(t);
  }

  private onSocket(ws: WebSocket, url: string, headers: http.IncomingHttpHeaders): void {
    const u = new URL(url, 'http://mock');
    const session: Session = {
      id: this.nextId++,
      ws,
      path: u.pathname,
      query: u.searchParams,
      headers,
      topics: new Set(),
      data: new Map(),
      send: (text) => {
        if (ws.readyState === ws.OPEN) ws.send(text);
      },
      close: (code, reason) => ws.close(code ?? 1000, reason),
    };
    if (!this.protocol.onOpen(session, this.state)) {
      ws.close(4004, 'unknown path');
      return;
    }
    this.stats.connections++;
    this.sessions.add(session);
    ws.on('message', (data) => {
      const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
      this.stats.clientFrames++;
      if (this.clientFrames.length < 1000) this.clientFrames.push(text);
      this.protocol.onMessage(session, text, this.state);
    });
    ws.on('pong', () => this.stats.pongs++);
    ws.on('close', () => this.sessions.delete(session));
    ws.on('error', () => this.sessions.delete(session));
  }

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    this.stats.restRequests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', 'http://mock');
    if (this.httpFaults && this.httpFaults.count > 0) {
      this.httpFaults.count--;
      res.writeHead(this.httpFaults.status, { 'content-type': 'application/json', 'retry-after': '1' });
      res.end(JSON.stringify({ code: this.httpFaults.status, msg: 'injected fault' }));
      return;
    }
    const answer = this.protocol.rest(
      { method: req.method ?? 'GET', path: u.pathname, query: u.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') },
      this.state,
    );
    if (!answer) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `mock ${this.venue}: no route ${req.method} ${u.pathname}` }));
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body);
  }
}
