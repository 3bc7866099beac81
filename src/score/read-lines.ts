// Line-by-line reading of large text files in chunks: simulator outputs run to hundreds of MB,
// beyond what one string can hold.
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from './input-error.js';

/** Calls `each(line, lineNumber)` for every line (numbers from 1, without the newline). */
export function forEachLine(file: string, each: (line: string, n: number) => void, chunkBytes = 4 << 20): void {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new InputError(file, null, null, `cannot read: ${(e as Error).message}`);
  }
  const buf = Buffer.alloc(chunkBytes);
  // The decoder keeps a multi-byte character split across chunks for the next one.
  const utf8 = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  try {
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, null);
      if (got === 0) break;
      const parts = (rest + utf8.write(buf.subarray(0, got))).split('\n');
      rest = parts.pop() ?? '';
      for (const l of parts) each(l, ++n);
    }
    rest += utf8.end();
    if (rest !== '') each(rest, ++n);
  } finally {
    closeSync(fd);
  }
}

/** The first non-blank line within the first 64 KB, trimmed ('' when none): enough to tell formats apart. */
export function firstLine(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new InputError(file, null, null, `cannot read: ${(e as Error).message}`);
  }
  const buf = Buffer.alloc(64 << 10);
  try {
    const got = readSync(fd, buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, got).split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  } finally {
    closeSync(fd);
  }
}
