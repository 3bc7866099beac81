// REST transport for venue adapters: global fetch, a per-client request rate cap, retries with
// backoff on 429/418/5xx and network errors (honouring Retry-After), clear errors otherwise.
import type { HttpClient, RestRequest } from '../core/venue.js';
import { Backoff } from './backoff.js';
import { RateLimiter } from './rate-limiter.js';

export interface HttpClientOptions {
  readonly timeoutMs: number;
  readonly maxRequestsPerSec: number;
  /** Retries after the first attempt on 429/418/5xx/network errors (default 4). */
  readonly retries?: number;
  /** A Retry-After longer than this is not waited out: the request fails at once (default 60 s). */
  readonly maxRetryAfterMs?: number;
  /** First backoff delay when the server gives no Retry-After (default 500 ms). */
  readonly initialBackoffMs?: number;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly headers?: Readonly<Record<string, string>>;
}

/** A request that failed for good: network error, timeout, or retries used up. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    /** Last HTTP status seen; undefined when no response arrived. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const RETRIABLE = (status: number): boolean => status === 429 || status === 418 || status >= 500;

/** Retry-After as seconds or an HTTP date → ms to wait; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function describeStatus(status: number): string {
  if (status === 429) return 'rate limited (HTTP 429)';
  if (status === 418) return 'IP banned for exceeding rate limits (HTTP 418)';
  return `server error (HTTP ${status})`;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

/**
 * Fetch `url` with retries; resolves with the final response (any non-retriable status),
 * rejects with HttpError when the network fails or retriable statuses persist.
 */
export async function fetchWithRetry(
  url: string,
  init: { method: string; body?: string },
  opts: Omit<HttpClientOptions, 'maxRequestsPerSec'> & { readonly limiter?: RateLimiter },
): Promise<RawResponse> {
  const doFetch = opts.fetch ?? fetch;
  const sleep = opts.sleep ?? defaultSleep;
  const retries = opts.retries ?? 4;
  const maxRetryAfter = opts.maxRetryAfterMs ?? 60_000;
  const backoff = new Backoff({ initialMs: opts.initialBackoffMs ?? 500, maxMs: 30_000, factor: 2, jitter: 0.3 });
  for (let attempt = 0; ; attempt++) {
    await opts.limiter?.take();
    let wait: number;
    let why: string;
    let status: number | undefined;
    try {
      const res = await doFetch(url, {
        method: init.method,
        ...(init.body !== undefined ? { body: init.body } : {}),
        // A JSON body needs its content type: fetch labels a string body text/plain, which JSON
        // APIs such as Hyperliquid's POST /info reject.
        ...(opts.headers || init.body !== undefined
          ? { headers: { ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers } }
          : {}),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      const body = new Uint8Array(await res.arrayBuffer());
      if (!RETRIABLE(res.status)) return { status: res.status, headers: res.headers, body };
      status = res.status;
      why = describeStatus(res.status);
      const after = parseRetryAfter(res.headers.get('retry-after'));
      if (after !== undefined && after > maxRetryAfter) {
        throw new HttpError(
          `${init.method} ${url}: ${why}; the server asks to wait ${Math.ceil(after / 1000)} s — try again later or lower the request rate`,
          url,
          status,
        );
      }
      wait = after ?? backoff.next();
    } catch (e) {
      if (e instanceof HttpError) throw e;
      const err = e as Error;
      why = err.name === 'TimeoutError' ? `no response within ${opts.timeoutMs} ms` : `network error: ${err.message}`;
      wait = backoff.next();
    }
    if (attempt >= retries) {
      throw new HttpError(`${init.method} ${url}: ${why} (gave up after ${attempt + 1} attempts)`, url, status);
    }
    await sleep(wait);
  }
}

/** An HttpClient for one REST base URL; requests are spaced to `maxRequestsPerSec`. */
export function createHttpClient(baseUrl: string, opts: HttpClientOptions): HttpClient {
  if (!(opts.maxRequestsPerSec > 0)) throw new Error(`maxRequestsPerSec must be > 0, got ${opts.maxRequestsPerSec}`);
  const limiter = new RateLimiter(opts.maxRequestsPerSec);
  const base = baseUrl.replace(/\/+$/, '');
  const decoder = new TextDecoder();
  return {
    async request(req: RestRequest) {
      const url = `${base}${req.path.startsWith('/') ? '' : '/'}${req.path}`;
      const res = await fetchWithRetry(url, { method: req.method, ...(req.body !== undefined ? { body: req.body } : {}) }, { ...opts, limiter });
      return { status: res.status, body: decoder.decode(res.body) };
    },
  };
}
