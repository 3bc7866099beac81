// Content codings of cached bodies: choosing one from Accept-Encoding, and compressing once at a fast level.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Coding = 'br' | 'gzip' | 'identity';
export type Compressed = Exclude<Coding, 'identity'>;

/** Preference when the client weighs codings equally: brotli is smaller at the same speed. */
const ORDER: readonly Compressed[] = ['br', 'gzip'];

/**
 * The coding to send for an Accept-Encoding header: the acceptable compressed coding with the highest q
 * (br before gzip on a tie), else identity. `*` stands for codings the header does not name.
 */
export function negotiate(header: string | undefined): Coding {
  if (!header) return 'identity';
  const known = seen.get(header);
  if (known) return known;
  const coding = parse(header);
  // Clients send a handful of distinct headers; remember them (bounded).
  if (seen.size >= 256) seen.clear();
  seen.set(header, coding);
  return coding;
}

const seen = new Map<string, Coding>();

function parse(header: string): Coding {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';');
    const token = name?.trim().toLowerCase();
    if (!token) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const v = qp === undefined ? 1 : Number(qp.slice(2));
    q.set(token, Number.isFinite(v) ? v : 0);
  }
  let best: Coding = 'identity';
  let bestQ = 0;
  for (const c of ORDER) {
    const v = q.get(c) ?? q.get('*') ?? 0;
    if (v > bestQ) {
      best = c;
      bestQ = v;
    }
  }
  return best;
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Levels chosen for speed: a body is compressed once per model version, off the event loop. */
export const GZIP_LEVEL = 5;
export const BROTLI_QUALITY = 5;

export function compress(body: Buffer, coding: Compressed): Promise<Buffer> {
  if (coding === 'gzip') return gzip(body, { level: GZIP_LEVEL });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}
