// Fetching bulk files from the public site (or a mirror) or from a local copy of its layout,
// verifying the published SHA-256 checksum when there is one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fetchWithRetry } from '../../feed/http.js';
import { RateLimiter } from '../../feed/rate-limiter.js';

export interface VisionSource {
  /** A file's bytes, or null when it does not exist there. */
  get(relPath: string): Promise<Uint8Array | null>;
  describe(relPath: string): string;
}

export function httpSource(baseUrl: string, opts: { timeoutMs?: number; maxRequestsPerSec?: number; fetch?: typeof fetch } = {}): VisionSource {
  const base = baseUrl.replace(/\/+$/, '');
  const limiter = new RateLimiter(opts.maxRequestsPerSec ?? 10);
  return {
    describe: (rel) => `${base}/${rel}`,
    async get(rel) {
      const url = `${base}/${rel}`;
      const res = await fetchWithRetry(url, { method: 'GET' }, { timeoutMs: opts.timeoutMs ?? 60_000, limiter, ...(opts.fetch ? { fetch: opts.fetch } : {}) });
      if (res.status === 404 || res.status === 403) return null; // the site answers 404 (or 403) for files it does not have
      if (res.status !== 200) throw new Error(`GET ${url}: HTTP ${res.status}`);
      return res.body;
    },
  };
}

export function dirSource(dir: string): VisionSource {
  const root = path.resolve(dir);
  if (!fs.existsSync(root)) throw new Error(`--dir ${dir}: no such directory`);
  return {
    describe: (rel) => path.join(root, rel),
    async get(rel) {
      try {
        return new Uint8Array(await fs.promises.readFile(path.join(root, rel)));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw e;
      }
    },
  };
}

export class ChecksumError extends Error {}

export interface Verified {
  readonly bytes: Uint8Array;
  /** True when a .CHECKSUM file existed and matched. */
  readonly checked: boolean;
}

/** The file and, when published, its checksum check; null when the file is absent. */
export async function getVerified(src: VisionSource, rel: string): Promise<Verified | null> {
  const bytes = await src.get(rel);
  if (!bytes) return null;
  const sumFile = await src.get(`${rel}.CHECKSUM`);
  if (!sumFile) return { bytes, checked: false };
  const expected = new TextDecoder().decode(sumFile).trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!/^[0-9a-f]{64}$/.test(expected)) throw new ChecksumError(`${src.describe(`${rel}.CHECKSUM`)}: not a SHA-256 checksum file`);
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (actual !== expected) {
    throw new ChecksumError(`${src.describe(rel)}: checksum mismatch (published ${expected}, file ${actual}); the download is damaged — run the import again`);
  }
  return { bytes, checked: true };
}
