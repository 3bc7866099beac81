// One venue WebSocket kept alive: connect, subscribe within the venue's message rate, answer
// pings, send keep-alives, watch for silence (heartbeats don't count as data), reconnect with
// the shared backoff, and retire the socket before the venue's lifetime cut.
import WebSocket from 'ws';
import type { WsEndpoint } from '../core/venue.js';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { RateLimiter } from './rate-limiter.js';

export interface WsConnectionHandlers {
  onOpen(endpoint: WsEndpoint): void;
  /** Every frame as received; return true when it carried market data (feeds the watchdog). */
  onFrame(text: string, recvTs: number): boolean;
  /** Each disconnect, with why; a reconnect follows unless stopped. */
  onDown(reason: string): void;
}

export interface WsConnectionOptions {
  /** Resolved before each connect (KuCoin needs a fresh token each time). */
  resolve(): Promise<WsEndpoint>;
  readonly handlers: WsConnectionHandlers;
  readonly backoff?: BackoffOptions;
  readonly now?: () => number;
  /** Handshake timeout, ms. */
  readonly connectTimeoutMs?: number;
}

export class WsConnection {
  private ws: WebSocket | null = null;
  private stopped = false;
  private readonly backoff: Backoff;
  private readonly now: () => number;
  private timers: NodeJS.Timeout[] = [];
  private reconnectTimer: NodeJS.Timeout | null = null;
  private lastData = 0;
  private up = false;
  reconnects = 0;

  constructor(private readonly opts: WsConnectionOptions) {
    this.backoff = new Backoff(opts.backoff ?? DEFAULT_BACKOFF);
    this.now = opts.now ?? Date.now;
  }

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.teardown('stopped');
  }

  /** Send a frame now (used for replies to server pings). */
  send(text: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let ep: WsEndpoint;
    try {
      ep = await this.opts.resolve();
    } catch (e) {
      this.scheduleReconnect(`resolve failed: ${(e as Error).message}`);
      return;
    }
    if (this.stopped) return;
    const ws = new WebSocket(ep.url, {
      handshakeTimeout: this.opts.connectTimeoutMs ?? 10_000,
      perMessageDeflate: false,
      ...(ep.headers ? { headers: { ...ep.headers } } : {}),
    });
    this.ws = ws;
    let closedReason = 'closed';
    ws.on('open', () => {
      this.up = true;
      this.lastData = this.now();
      this.opts.handlers.onOpen(ep);
      void this.subscribe(ws, ep);
      this.arm(ws, ep);
    });
    ws.on('message', (data, isBinary) => {
      const recvTs = this.now();
      const text = isBinary ? Buffer.from(data as Buffer).toString('utf8') : String(data);
      const reply = ep.reply?.(text);
      if (reply !== undefined) this.send(reply);
      if (this.opts.handlers.onFrame(text, recvTs)) {
        this.lastData = recvTs;
        this.backoff.reset();
      }
    });
    ws.on('error', (err) => {
      closedReason = `error: ${err.message}`;
    });
    ws.on('close', (code, reason) => {
      if (this.ws !== ws) return;
      const why = closedReason !== 'closed' ? closedReason : `closed ${code}${reason.length ? ` ${reason.toString()}` : ''}`;
      this.teardown(why);
      this.scheduleReconnect(why);
    });
  }

  private async subscribe(ws: WebSocket, ep: WsEndpoint): Promise<void> {
    const limiter = new RateLimiter(ep.maxMessagesPerSec, this.now);
    for (const msg of ep.subscribe) {
      await limiter.take();
      if (ws.readyState !== WebSocket.OPEN) return;
      ws.send(msg);
    }
  }

  private arm(ws: WebSocket, ep: WsEndpoint): void {
    if (ep.keepalive) {
      const k = ep.keepalive;
      this.timers.push(setInterval(() => this.send(k.message), k.intervalMs));
    }
    const check = Math.max(50, Math.min(1000, ep.silenceTimeoutMs / 4));
    this.timers.push(
      setInterval(() => {
        if (this.now() - this.lastData > ep.silenceTimeoutMs) this.recycle(ws, `silent for ${ep.silenceTimeoutMs} ms`);
      }, check),
    );
    if (ep.maxLifetimeMs) {
      const lifetime = ep.maxLifetimeMs;
      this.timers.push(setTimeout(() => this.recycle(ws, `lifetime ${lifetime} ms reached`), lifetime));
    }
    for (const t of this.timers) t.unref();
  }

  private recycle(ws: WebSocket, why: string): void {
    if (this.ws !== ws) return;
    this.teardown(why);
    ws.terminate();
    this.scheduleReconnect(why);
  }

  private teardown(why: string): void {
    for (const t of this.timers) {
      clearInterval(t);
      clearTimeout(t);
    }
    this.timers = [];
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      ws.terminate();
    }
    if (this.up) {
      this.up = false;
      this.opts.handlers.onDown(why);
    }
  }

  private scheduleReconnect(why: string): void {
    if (this.stopped || this.reconnectTimer) return;
    if (!this.up && this.reconnects === 0) this.opts.handlers.onDown(why);
    const delay = this.backoff.next();
    this.reconnects++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }
}
