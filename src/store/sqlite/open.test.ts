import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../errors.js';
import { makeBars, MIN, rmTmp, T0, tmpDir } from '../testing/fixtures.js';
import { DB_FILE_NAME } from './open.js';
import { SqliteStore } from './store.js';

const dirs: string[] = [];
function dir(): string {
  const d = tmpDir();
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) {
    fs.chmodSync(d, 0o700);
    rmTmp(d);
  }
});

const sha = (f: string): string => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

function openError(d: string): StoreError {
  try {
    SqliteStore.open(d);
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('open succeeded');
}

/**
 * Open the store in a child process that file permissions apply to. Root ignores them, so as root the
 * child drops the capabilities that bypass them (util-linux setpriv) instead of switching user: another
 * user could not even read a checkout that lives in a private (mode 700) directory.
 */
function openAsUnprivileged(dataDir: string): { ok?: boolean; problem?: string; message?: string } {
  const child = fileURLToPath(new URL('../testing/open-child.ts', import.meta.url));
  const node = [process.execPath, '--import', 'tsx', child, dataDir];
  const root = process.getuid?.() === 0;
  const [cmd, ...args] = root ? ['setpriv', '--bounding-set=-dac_override,-dac_read_search,-fowner', '--inh-caps=-all', '--', ...node] : node;
  const r = spawnSync(cmd as string, args, { encoding: 'utf8', timeout: 15_000 });
  if (r.error || !r.stdout) throw new Error(`child failed: ${r.error?.message ?? r.stderr}`);
  return JSON.parse(r.stdout) as { ok?: boolean; problem?: string; message?: string };
}

describe('opening the database file', () => {
  it('creates the data directory, the file in WAL mode, and reopens it', async () => {
    const d = path.join(dir(), 'nested', 'data');
    const s = SqliteStore.open(d);
    await s.putBars(makeBars(['gate'], T0, T0 + 5 * MIN));
    await s.close();
    const raw = new Database(path.join(d, DB_FILE_NAME), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = SqliteStore.open(d);
    expect(await again.readBars({ fromMs: T0, toMs: T0 + 5 * MIN })).toHaveLength(5);
    await again.close();
  });

  it('refuses a file that is not SQLite, naming it, and leaves it untouched', () => {
    const d = dir();
    const f = path.join(d, DB_FILE_NAME);
    fs.writeFileSync(f, 'timestamp,open,high\n'.repeat(50));
    const before = sha(f);
    const e = openError(d);
    expect(e.problem).toBe('foreign');
    expect(e.message).toContain(f);
    expect(e.message).toMatch(/not a liqmap database .* never overwrites it/);
    expect(sha(f)).toBe(before);
    expect(fs.readdirSync(d)).toEqual([DB_FILE_NAME]);
  });

  it("refuses another application's SQLite database", () => {
    const d = dir();
    const f = path.join(d, DB_FILE_NAME);
    const other = new Database(f);
    other.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users VALUES (1, 'a')");
    other.close();
    const before = sha(f);
    const e = openError(d);
    expect(e.problem).toBe('foreign');
    expect(e.message).toMatch(/holds other tables: users/);
    expect(sha(f)).toBe(before);
  });

  it('reports a damaged file clearly and does not modify it', async () => {
    const d = dir();
    const s = SqliteStore.open(d);
    await s.putBars(makeBars(['gate', 'okx-swap', 'bitmex'], T0, T0 + 5 * 1440 * MIN), 'fill');
    await s.close();
    const f = path.join(d, DB_FILE_NAME);
    const buf = fs.readFileSync(f);
    const pageSize = buf.readUInt16BE(16);
    // trash every page but the first (schema) page
    for (let at = pageSize; at < buf.length; at++) buf[at] = (at * 7919) & 0xff;
    fs.writeFileSync(f, buf);
    const before = sha(f);
    let err: unknown;
    try {
      const again = SqliteStore.open(d);
      await again.readBars({ fromMs: T0, toMs: T0 + 5 * 1440 * MIN }).catch((e: unknown) => (err = e));
      await again.close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).problem).toBe('corrupt');
    expect((err as Error).message).toContain(`database file ${f} is damaged`);
    expect((err as Error).message).toMatch(/Move it aside/);
    expect(sha(f)).toBe(before);
  });

  it('refuses a file from a newer liqmap', () => {
    const d = dir();
    SqliteStore.open(d).close();
    const raw = new Database(path.join(d, DB_FILE_NAME));
    raw.pragma('user_version = 99');
    raw.close();
    const e = openError(d);
    expect(e.problem).toBe('newer');
    expect(e.message).toMatch(/newer liqmap \(schema 99/);
  });

  it('disk full: the failing batch leaves nothing behind and the store stays usable', async () => {
    const d = dir();
    const s = SqliteStore.open(d, { maxBytes: 2 * 1024 * 1024 });
    let stored = 0;
    let err: unknown;
    for (let day = 0; day < 200 && !err; day++) {
      const batch = makeBars(['binance-usdm', 'bybit-linear', 'okx-swap'], T0 + day * 1440 * MIN, T0 + (day + 1) * 1440 * MIN);
      try {
        await s.putBars(batch, 'fill');
        stored += batch.length;
      } catch (e) {
        err = e;
      }
    }
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).problem).toBe('full');
    expect((err as Error).message).toMatch(/no space left .* nothing of this write was stored/);
    expect(stored).toBeGreaterThan(0);
    const all = await s.readBars({ fromMs: T0, toMs: T0 + 400 * 1440 * MIN });
    expect(all).toHaveLength(stored);
    await s.close();
    const again = SqliteStore.open(d);
    expect((await again.stats()).bars).toBe(stored);
    await again.close();
  });

  it('read-only data directory: a clear error naming the directory', () => {
    const d = dir();
    fs.chmodSync(d, 0o555);
    const out = openAsUnprivileged(path.join(d, 'data'));
    expect(out.problem).toBe('readonly');
    expect(out.message).toMatch(/read-only or not accessible\. Point --data-dir \(env LIQMAP_DATA_DIR\) at a writable directory/);
    expect(out.message).toContain(d);
    expect(fs.readdirSync(d)).toEqual([]);
  });

  it('read-only database file in a read-only directory: refused before any change', async () => {
    const d = dir();
    const s = SqliteStore.open(d);
    await s.putBars(makeBars(['gate'], T0, T0 + 3 * MIN));
    await s.close();
    const f = path.join(d, DB_FILE_NAME);
    const before = sha(f);
    fs.chmodSync(f, 0o444);
    fs.chmodSync(d, 0o555);
    const out = openAsUnprivileged(d);
    expect(out.problem).toBe('readonly');
    expect(out.message).toContain(f);
    expect(sha(f)).toBe(before);
  });
});
