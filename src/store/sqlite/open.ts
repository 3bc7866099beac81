// Open (or create) the SQLite database file: refuse foreign, damaged or newer files without
// touching them, set WAL mode, run migrations. Errors name the file and what to do.
import fs from 'node:fs';
import path from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './migrations.js';

export const DB_FILE_NAME = 'liqmap.db';
const SQLITE_MAGIC = 'SQLite format 3\u0000';
const OUR_TABLES = ['series', 'bar_chunks', 'bar_rows', 'liquidations', 'checkpoints', 'meta'];

export interface OpenOptions {
  /** Open an existing store for reading only (no migrations, no writes). */
  readonly readonly?: boolean;
  /** Refuse to grow the file beyond this many bytes (a quota; writes past it fail as "full"). */
  readonly maxBytes?: number;
}

function codeOf(e: unknown): string {
  const c = (e as { code?: unknown }).code;
  return typeof c === 'string' ? c : '';
}

/** Turn a SQLite or file-system failure into a StoreError that says what to do. */
export function storeError(e: unknown, file: string, doing: string): Error {
  if (e instanceof StoreError) return e;
  const code = codeOf(e);
  const detail = (e as Error).message;
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') {
    return new StoreError(
      `no space left while ${doing} ${file} (${detail}): nothing of this write was stored and the database is unchanged. Free disk space (or raise the quota) and retry.`,
      'full',
      file,
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StoreError(
      `cannot write ${file} while ${doing} (${detail}): the data directory ${path.dirname(file)} is read-only or not accessible. Point --data-dir (env LIQMAP_DATA_DIR) at a writable directory.`,
      'readonly',
      file,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return damaged(file, detail);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(`${file} is locked by another process while ${doing} (${detail}); stop the other liqmap process or retry.`, 'io', file);
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new StoreError(`I/O error while ${doing} ${file} (${detail}); check the disk, then retry.`, 'io', file);
  }
  return e as Error;
}

export function damaged(file: string, detail: string): StoreError {
  return new StoreError(
    `database file ${file} is damaged (${detail}). liqmap leaves it as it is. Move it aside (mv ${file} ${file}.damaged, with its -wal and -shm files) and restart to create a new store, then rebuild history with \`liqmap backfill\` / \`liqmap import\`; or restore the file from a backup.`,
    'corrupt',
    file,
  );
}

function foreign(file: string, why: string): StoreError {
  return new StoreError(
    `${file} is not a liqmap database (${why}). liqmap never overwrites it: choose another --data-dir (env LIQMAP_DATA_DIR) or move the file away.`,
    'foreign',
    file,
  );
}

/** Look at the first 100 bytes without opening the file as a database. */
function checkHeader(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if (codeOf(e) === 'ENOENT') return;
    throw storeError(e, file, 'opening');
  }
  try {
    const head = Buffer.alloc(100);
    const n = fs.readSync(fd, head, 0, 100, 0);
    if (n === 0) return; // empty file: becomes a new store
    if (n < 100 || head.toString('latin1', 0, 16) !== SQLITE_MAGIC) throw foreign(file, 'it is not an SQLite file');
    const appId = head.readUInt32BE(68);
    const version = head.readUInt32BE(60);
    if (appId !== APPLICATION_ID && appId !== 0) throw foreign(file, `SQLite application id 0x${appId.toString(16)}, not liqmap's`);
    if (appId === APPLICATION_ID && version > SCHEMA_VERSION) {
      throw new StoreError(
        `${file} was written by a newer liqmap (schema ${version}, this one knows up to ${SCHEMA_VERSION}). Upgrade liqmap; the file was not changed.`,
        'newer',
        file,
      );
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** An SQLite file without liqmap's id is only accepted when it holds no tables at all. */
function checkTables(db: Db, file: string): void {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
  if (appId !== APPLICATION_ID) {
    if (tables.length > 0) throw foreign(file, `it holds other tables: ${tables.slice(0, 5).join(', ')}`);
    return;
  }
  const missing = OUR_TABLES.filter((t) => !tables.includes(t));
  if (missing.length > 0) throw damaged(file, `tables missing: ${missing.join(', ')}`);
  // Touch every table's root page so a damaged file fails now, not mid-run.
  for (const t of OUR_TABLES) db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get();
}

/** Bytes of the database file read through a memory map (SQLite maps at most the file's size). */
const MMAP_BYTES = 1024 * 1024 * 1024;

export function openDatabase(dataDir: string, opts: OpenOptions = {}): { db: Db; file: string } {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, DB_FILE_NAME);
  if (!opts.readonly) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (e) {
      throw storeError(e, file, 'creating the data directory for');
    }
  } else if (!fs.existsSync(file)) {
    throw new StoreError(`no liqmap database at ${file}; start liqmap with this --data-dir once to create it.`, 'io', file);
  }
  checkHeader(file);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: opts.readonly ?? false, timeout: 5000 });
    checkTables(db, file);
    // Read pages through a memory map instead of read() into SQLite's page cache: a 90-day
    // history read copies ~70 MB of chunk blobs once instead of twice. Writes still go through
    // write() (SQLite maps read-only), so a full disk is reported as before.
    db.pragma(`mmap_size = ${MMAP_BYTES}`);
    if (!opts.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode !== 'wal') throw new StoreError(`${file}: cannot switch to WAL mode (got ${mode}); is the file on a network file system?`, 'io', file);
      db.pragma('synchronous = NORMAL');
      // WAL checkpoints run in maintenance (SqliteStore.compact), never inside a live commit
      db.pragma('wal_autocheckpoint = 0');
      if (opts.maxBytes !== undefined) {
        const pageSize = db.pragma('page_size', { simple: true }) as number;
        db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxBytes / pageSize))}`);
      }
      migrate(db);
    } else if ((db.pragma('user_version', { simple: true }) as number) !== SCHEMA_VERSION) {
      throw new StoreError(`${file} has schema ${String(db.pragma('user_version', { simple: true }))}, expected ${SCHEMA_VERSION}; start the writer once to migrate it.`, 'io', file);
    }
    return { db, file };
  } catch (e) {
    db?.close();
    throw storeError(e, file, 'opening');
  }
}
