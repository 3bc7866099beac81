// Response cache for computed views: bodies keyed by the canonical query and the model version, kept with a
// pre-gzipped copy and an ETag, bounded in bytes (least recently used out). Identical concurrent misses share
// one computation.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Computed {
  readonly body: Buffer;
  readonly type: string;
  /** Cache-Control header value. */
  readonly cacheControl: string;
  /** Extra headers (e.g. Content-Disposition). */
  readonly headers?: Readonly<Record<string, string>>;
}

interface Entry extends Computed {
  readonly etag: string;
  readonly gz: Buffer | null;
  readonly bytes: number;
}

const GZIP_MIN = 1024;

export class ResponseCache {
  private readonly map = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 8 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** Serve `key` from the cache or compute it; answers 304 to a matching If-None-Match. */
  async serve(req: FastifyRequest, reply: FastifyReply, key: string, compute: () => Promise<Computed> | Computed): Promise<FastifyReply> {
    const entry = await this.get(key, compute);
    reply.header('ETag', entry.etag).header('Cache-Control', entry.cacheControl).header('Vary', 'Accept-Encoding');
    if (entry.headers) for (const [k, v] of Object.entries(entry.headers)) reply.header(k, v);
    if (matches(req.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    reply.type(entry.type);
    if (entry.gz && acceptsGzip(req.headers['accept-encoding'])) return reply.header('Content-Encoding', 'gzip').send(entry.gz);
    return reply.send(entry.body);
  }

  private async get(key: string, compute: () => Promise<Computed> | Computed): Promise<Entry> {
    const hit = this.map.get(key);
    if (hit) {
      this.hits++;
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const pending = this.inflight.get(key);
    if (pending) return pending;
    this.misses++;
    const p = (async () => {
      const c = await compute();
      const etag = `"${crypto.createHash('sha1').update(c.body).digest('base64url').slice(0, 22)}"`;
      const gz = c.body.length >= GZIP_MIN && c.type !== 'image/png' ? zlib.gzipSync(c.body, { level: 6 }) : null;
      const e: Entry = { ...c, etag, gz, bytes: c.body.length + (gz?.length ?? 0) };
      this.put(key, e);
      return e;
    })();
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.inflight.delete(key);
    }
  }

  private put(key: string, e: Entry): void {
    if (e.bytes > this.maxEntryBytes) return;
    this.map.set(key, e);
    this.bytes += e.bytes;
    for (const [k, old] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= old.bytes;
    }
  }
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === etag || v === '*';
  });
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((p) => {
    const [name, ...params] = p.trim().split(';');
    if (name?.trim().toLowerCase() !== 'gzip' && name?.trim() !== '*') return false;
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** A stable cache key from a route and its parsed query. */
export function cacheKey(route: string, query: object, version: string | number): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${route}|${version}|${JSON.stringify(entries)}`;
}
