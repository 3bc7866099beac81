// WS /api/v1/stream with automatic reconnect; subscriptions are replayed after each reconnect.
import type { StreamMsg } from './types.js';

export type StreamStatus = 'connecting' | 'open' | 'closed';

export interface Subscription {
  topics: string[];
  heatmap?: { priceLo: number; priceHi: number; rows: number; venues?: string[]; sides?: string[]; leverage?: number[] };
  liquidations?: { venues?: string[]; minUsd?: number };
}

export class Stream {
  private ws: WebSocket | null = null;
  private sub: Subscription | null = null;
  private retryMs = 500;
  private timer = 0;
  private stopped = false;
  status: StreamStatus = 'connecting';
  /** Seconds until the next reconnect attempt while closed. */
  retryAt = 0;

  constructor(
    private readonly onMessage: (m: StreamMsg) => void,
    private readonly onStatus: (s: StreamStatus) => void,
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    this.ws?.close();
  }

  subscribe(sub: Subscription): void {
    this.sub = sub;
    this.send({ op: 'subscribe', ...sub });
  }

  private send(msg: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private setStatus(s: StreamStatus): void {
    this.status = s;
    this.onStatus(s);
  }

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/stream`);
    this.ws = ws;
    this.setStatus('connecting');
    ws.onopen = () => {
      this.retryMs = 500;
      this.setStatus('open');
      if (this.sub) this.send({ op: 'subscribe', ...this.sub });
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      let msg: StreamMsg;
      try {
        msg = JSON.parse(ev.data) as StreamMsg;
      } catch {
        return;
      }
      this.onMessage(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      this.retryAt = Date.now() + this.retryMs;
      this.setStatus('closed');
      this.timer = window.setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(15_000, this.retryMs * 2);
    };
  }
}
