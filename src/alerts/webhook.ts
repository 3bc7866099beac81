// Signed webhook delivery: JSON body, HMAC-SHA256 over "<timestamp>.<body>" with the rule's
// secret, retries with exponential backoff on network errors, timeouts and 5xx/429, a
// dead-letter record after the last try, and at most `perTarget` requests in flight per host.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { guardedLookup } from './ssrf.js';

export const SIGNATURE_HEADER = 'x-liqmap-signature';
export const TIMESTAMP_HEADER = 'x-liqmap-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function sign(secret: string, timestampMs: number, body: string): string {
  return `v1=${crypto.createHmac('sha256', secret).update(`${timestampMs}.${body}`).digest('hex')}`;
}

/** For receivers: constant-time check, with a freshness window against replays. */
export function verify(secret: string, timestampMs: number, body: string, signature: string, nowMs: number, toleranceMs = 300_000): boolean {
  if (Math.abs(nowMs - timestampMs) > toleranceMs) return false;
  const want = Buffer.from(sign(secret, timestampMs, body));
  const got = Buffer.from(signature);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

export interface PostResult {
  readonly ok: boolean;
  /** Worth another try (network error, timeout, 429, 5xx). */
  readonly retry: boolean;
  readonly status: number | null;
  readonly error: string | null;
}

export interface PostOptions {
  readonly timeoutMs: number;
  readonly allowPrivate: boolean;
}

export function post(url: string, body: string, headers: Readonly<Record<string, string>>, o: PostOptions): Promise<PostResult> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve({ ok: false, retry: false, status: null, error: 'invalid URL' });
      return;
    }
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'liqmap-webhook/1', ...headers },
        lookup: guardedLookup(o.allowPrivate),
        timeout: o.timeoutMs,
      },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        resolve({ ok, retry: !ok && (status >= 500 || status === 429 || status === 408), status, error: ok ? null : `HTTP ${status}` });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timed out after ${o.timeoutMs} ms`)));
    req.on('error', (e) => {
      const unsafe = e.name === 'UnsafeTargetError';
      resolve({ ok: false, retry: !unsafe, status: null, error: e.message });
    });
    req.end(body);
  });
}

/** Limits concurrent requests per target host. */
export class TargetLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly perTarget: number) {}

  async run<T>(target: string, fn: () => Promise<T>): Promise<T> {
    if ((this.active.get(target) ?? 0) >= this.perTarget) {
      await new Promise<void>((r) => {
        const q = this.waiting.get(target) ?? [];
        q.push(r);
        this.waiting.set(target, q);
      });
    }
    this.active.set(target, (this.active.get(target) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      this.active.set(target, (this.active.get(target) ?? 1) - 1);
      this.waiting.get(target)?.shift()?.();
    }
  }
}
