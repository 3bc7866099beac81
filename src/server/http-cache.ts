// Response cache for computed views: the finished bytes per canonical query, with gzip and brotli copies made
// once per entry (on the first request that wants each), so a hit writes a Buffer. Bounded in bytes, counting
// the compressed copies, least recently used out; emptied when the model steps. Identical concurrent misses
// share one computation, and identical concurrent first requests for a coding share one compression.
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { compress, negotiate, type Coding, type Compressed } from './content-coding.js';

export interface Computed {
  readonly body: Buffer;
  readonly type: string;
  /** Cache-Control header value. */
  readonly cacheControl: string;
  /** Extra headers (e.g. Content-Disposition). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Bodies smaller than this are sent as they are. */
const COMPRESS_MIN = 1024;

class Entry {
  /** Base validator (unquoted); each coding's ETag derives from it. */
  readonly tag: string;
  readonly compressible: boolean;
  /** Identity plus the compressed copies made so far. */
  bytes: number;
  /** Finished copies; null when compressing did not shrink the body. */
  readonly ready = new Map<Compressed, Buffer | null>();
  readonly pending = new Map<Compressed, Promise<Buffer | null>>();

  constructor(readonly c: Computed) {
    this.tag = crypto.createHash('sha1').update(c.body).digest('base64url').slice(0, 22);
    this.compressible = c.body.length >= COMPRESS_MIN && !c.type.startsWith('image/');
    this.bytes = c.body.length;
  }

  /** The coding a client that wants `want` gets, as far as known now. */
  coding(want: Coding): Coding {
    if (want === 'identity' || !this.compressible || this.ready.get(want) === null) return 'identity';
    return want;
  }
}

/** Strong ETag of one coding of an entry: a distinct validator per representation. */
export function etagOf(tag: string, coding: Coding): string {
  return coding === 'identity' ? `"${tag}"` : `"${tag}-${coding === 'gzip' ? 'gz' : 'br'}"`;
}

export class ResponseCache {
  private readonly map = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private bytes = 0;
  private generation = 0;
  private newest: Entry | null = null;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 8 * 1024 * 1024,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** Bytes held: identity bodies and their compressed copies. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** Forget every entry (the model stepped); computations still running are not stored. */
  invalidate(): void {
    this.generation++;
    this.map.clear();
    this.newest = null;
    this.inflight.clear();
    this.bytes = 0;
  }

  /** Serve `key` from the cache or compute it; answers 304 to an If-None-Match naming any coding of it. */
  async serve(req: FastifyRequest, reply: FastifyReply, key: string, compute: () => Promise<Computed> | Computed): Promise<FastifyReply> {
    const entry = this.lookup(key) ?? (await this.load(key, compute));
    const want = entry.compressible ? negotiate(req.headers['accept-encoding']) : 'identity';
    reply.header('Cache-Control', entry.c.cacheControl).header('Vary', 'Accept-Encoding');
    if (entry.c.headers) for (const [k, v] of Object.entries(entry.c.headers)) reply.header(k, v);
    if (matches(req.headers['if-none-match'], entry.tag)) return reply.code(304).header('ETag', etagOf(entry.tag, entry.coding(want))).send();
    reply.type(entry.c.type);
    const body = want === 'identity' ? null : entry.ready.has(want) ? entry.ready.get(want) : await this.variant(key, entry, want);
    if (!body || want === 'identity') return reply.header('ETag', etagOf(entry.tag, 'identity')).send(entry.c.body);
    return reply.header('ETag', etagOf(entry.tag, want)).header('Content-Encoding', want).send(body);
  }

  private lookup(key: string): Entry | undefined {
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.hits++;
    // Move to the most recent end unless it is there already (a hot key under load).
    if (hit !== this.newest) {
      this.map.delete(key);
      this.map.set(key, hit);
      this.newest = hit;
    }
    return hit;
  }

  private async load(key: string, compute: () => Promise<Computed> | Computed): Promise<Entry> {
    const pending = this.inflight.get(key);
    if (pending) return pending;
    this.misses++;
    const generation = this.generation;
    const p = (async () => {
      const e = new Entry(await compute());
      if (generation === this.generation && e.bytes <= this.maxEntryBytes) {
        this.map.set(key, e);
        this.newest = e;
        this.bytes += e.bytes;
        this.evict();
      }
      return e;
    })();
    this.inflight.set(key, p);
    try {
      return await p;
    } finally {
      if (this.inflight.get(key) === p) this.inflight.delete(key);
    }
  }

  /** The compressed copy of `e`, made on first use and counted against the budget while `e` is cached. */
  private variant(key: string, e: Entry, coding: Compressed): Promise<Buffer | null> {
    const pending = e.pending.get(coding);
    if (pending) return pending;
    const p = compress(e.c.body, coding).then(
      (z) => {
        const v = z.length < e.c.body.length ? z : null;
        e.ready.set(coding, v);
        e.pending.delete(coding);
        if (v && this.map.get(key) === e) {
          e.bytes += v.length;
          this.bytes += v.length;
          this.evict();
        }
        return v;
      },
      (err: unknown) => {
        e.pending.delete(coding);
        throw err;
      },
    );
    e.pending.set(coding, p);
    return p;
  }

  private evict(): void {
    for (const [k, old] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(k);
      this.bytes -= old.bytes;
    }
  }
}

/** Whether If-None-Match names `tag` in any coding (or `*`); weak comparison, as RFC 9110 asks for GET. */
function matches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const tags = [etagOf(tag, 'identity'), etagOf(tag, 'gzip'), etagOf(tag, 'br')];
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === '*' || tags.includes(v);
  });
}

/** A stable cache key from a route and its parsed query. */
export function cacheKey(route: string, query: object, version: string | number): string {
  const entries = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return `${route}|${version}|${JSON.stringify(entries)}`;
}
