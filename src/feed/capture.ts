// Raw capture files: JSONL, one line per received frame or REST body, gzip when the name ends in .gz.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { CaptureLineSchema, type CaptureLine } from '../core/events.js';

export interface CaptureWriter {
  write(line: CaptureLine): void;
  close(): Promise<void>;
  readonly lines: number;
}

export function openCaptureWriter(file: string): CaptureWriter {
  const out = fs.createWriteStream(file);
  const gz = file.endsWith('.gz') ? zlib.createGzip() : null;
  if (gz) gz.pipe(out);
  const sink: NodeJS.WritableStream = gz ?? out;
  let lines = 0;
  return {
    write(line) {
      sink.write(`${JSON.stringify(line)}\n`);
      lines++;
    },
    get lines() {
      return lines;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.once('finish', () => resolve());
        sink.end();
      }),
  };
}

/** Lines of a text stream, gunzipped when the file name ends in .gz. */
export function readLines(file: string): AsyncIterable<string> {
  const src: NodeJS.ReadableStream = file === '-' ? process.stdin : fs.createReadStream(file);
  const stream = file.endsWith('.gz') ? src.pipe(zlib.createGunzip()) : src;
  return readline.createInterface({ input: stream, crlfDelay: Infinity });
}

export type CaptureRead = { ok: true; line: CaptureLine } | { ok: false; lineNo: number; reason: string };

/** Capture lines with their validation; bad lines come back as reasons, not exceptions. */
export async function* readCapture(file: string): AsyncGenerator<CaptureRead> {
  let lineNo = 0;
  for await (const text of readLines(file)) {
    lineNo++;
    if (text.trim() === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch {
      yield { ok: false, lineNo, reason: 'not JSON' };
      continue;
    }
    const p = CaptureLineSchema.safeParse(v);
    if (p.success) yield { ok: true, line: p.data };
    else yield { ok: false, lineNo, reason: p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  }
}
