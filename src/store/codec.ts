// Binary layouts of stored bars. A chunk (one series-day) is columnar; each column picks the
// smallest of: one constant, an arithmetic run (timestamps), runs of equal values, decimal
// fixed-point deltas (prices on a tick, sizes on a lot) in 16 or 32 bits, or raw float64.
// A row blob is one bar's fields as raw float64. Values round-trip bit for bit.
import os from 'node:os';
import { BAR_FIELDS, FIELD_COUNT, emptyColumns, type BarColumns, type BarField, type SeriesKey } from './columns.js';

if (os.endianness() !== 'LE') throw new Error('liqmap store: big-endian hosts are not supported');

const VERSION = 1;
const enum Tag {
  Const = 0,
  Raw = 1,
  Arith = 2,
  Runs = 3,
  Scaled16 = 4,
  Scaled32 = 5,
}
const MAX_DECIMALS = 8;
const MAX_RUN = 0xffff;

function same(a: number, b: number): boolean {
  return Object.is(a, b);
}

function countRuns(col: Float64Array, n: number): number {
  let runs = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && j - i < MAX_RUN && same(col[j] as number, col[i] as number)) j++;
    runs++;
    i = j;
  }
  return runs;
}

function isArithmetic(col: Float64Array, n: number): boolean {
  if (n < 2) return false;
  const step = (col[1] as number) - (col[0] as number);
  if (!Number.isSafeInteger(step) || !Number.isSafeInteger(col[0])) return false;
  for (let i = 1; i < n; i++) {
    // -0 would decode as +0
    if (!Number.isSafeInteger(col[i]) || (col[i] as number) - (col[i - 1] as number) !== step || Object.is(col[i], -0)) return false;
  }
  return !Object.is(col[0], -0);
}

/**
 * The fewest decimals e such that every value is k/10^e exactly (k an integer), with the widest
 * step between neighbours in bits (16 or 32); null when no such form exists.
 */
function scaledForm(col: Float64Array, n: number): { e: number; bits: 16 | 32 } | null {
  if (n < 2) return null;
  for (let e = 0; e <= MAX_DECIMALS; e++) {
    const sc = 10 ** e;
    let ok = true;
    let bits: 16 | 32 = 16;
    let prev = 0;
    for (let i = 0; i < n && ok; i++) {
      const v = col[i] as number;
      const k = Math.round(v * sc);
      if (!Number.isSafeInteger(k) || k / sc !== v || Object.is(v, -0)) ok = false;
      else if (i > 0) {
        const d = k - prev;
        if (d < -0x80000000 || d > 0x7fffffff) ok = false;
        else if (d < -0x8000 || d > 0x7fff) bits = 32;
      }
      prev = k;
    }
    if (ok) return { e, bits };
  }
  return null;
}

/** Encode `c` (all of it) as a chunk blob. */
export function encodeChunk(c: BarColumns): Uint8Array {
  const n = c.length;
  const plans: Plan[] = [];
  let total = 5;
  for (const f of BAR_FIELDS) {
    const col = c.cols[f];
    let plan: Plan;
    const runs = n === 0 ? 0 : countRuns(col, n);
    if (runs <= 1) plan = { tag: Tag.Const, size: 8 };
    else if (isArithmetic(col, n)) plan = { tag: Tag.Arith, size: 16 };
    else {
      plan = { tag: Tag.Raw, size: n * 8 };
      if (4 + runs * 10 < plan.size) plan = { tag: Tag.Runs, size: 4 + runs * 10, runs };
      const sf = scaledForm(col, n);
      const scaledSize = sf ? 9 + ((n - 1) * sf.bits) / 8 : Infinity;
      if (sf && scaledSize < plan.size) plan = { tag: sf.bits === 16 ? Tag.Scaled16 : Tag.Scaled32, size: scaledSize, e: sf.e };
    }
    plans.push(plan);
    total += 1 + plan.size;
  }
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint8(0, VERSION);
  dv.setUint32(1, n, true);
  let at = 5;
  BAR_FIELDS.forEach((f, k) => {
    const col = c.cols[f];
    const plan = plans[k] as Plan;
    dv.setUint8(at++, plan.tag);
    switch (plan.tag) {
      case Tag.Const:
        dv.setFloat64(at, n === 0 ? 0 : (col[0] as number), true);
        break;
      case Tag.Arith:
        dv.setFloat64(at, col[0] as number, true);
        dv.setFloat64(at + 8, (col[1] as number) - (col[0] as number), true);
        break;
      case Tag.Runs: {
        dv.setUint32(at, plan.runs as number, true);
        let p = at + 4;
        for (let i = 0; i < n; ) {
          let j = i + 1;
          while (j < n && j - i < MAX_RUN && same(col[j] as number, col[i] as number)) j++;
          dv.setUint16(p, j - i, true);
          dv.setFloat64(p + 2, col[i] as number, true);
          p += 10;
          i = j;
        }
        break;
      }
      case Tag.Raw:
        out.set(new Uint8Array(col.buffer, col.byteOffset, n * 8), at);
        break;
      case Tag.Scaled16:
      case Tag.Scaled32: {
        // e (1 byte), k0 (float64), then n-1 deltas of k
        const sc = 10 ** (plan.e as number);
        dv.setUint8(at, plan.e as number);
        let prev = Math.round((col[0] as number) * sc);
        dv.setFloat64(at + 1, prev, true);
        let p = at + 9;
        for (let i = 1; i < n; i++) {
          const kk = Math.round((col[i] as number) * sc);
          if (plan.tag === Tag.Scaled16) {
            dv.setInt16(p, kk - prev, true);
            p += 2;
          } else {
            dv.setInt32(p, kk - prev, true);
            p += 4;
          }
          prev = kk;
        }
        break;
      }
    }
    at += plan.size;
  });
  return out;
}

interface Plan {
  readonly tag: Tag;
  readonly size: number;
  readonly runs?: number;
  /** Decimals of a scaled column. */
  readonly e?: number;
}

export class ChunkFormatError extends Error {}

/** Bars in a chunk blob (from its header). */
export function chunkLength(blob: Uint8Array): number {
  if (blob.byteLength < 5 || blob[0] !== VERSION) throw new ChunkFormatError(`unknown bar chunk format (byte 0 = ${blob[0]})`);
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(1, true);
}

/** Decode a chunk blob into `cols` starting at index `at`; returns the number of bars. */
export function decodeChunkInto(blob: Uint8Array, cols: Readonly<Record<BarField, Float64Array>>, at0: number): number {
  const n = chunkLength(blob);
  const dv = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let at = 5;
  for (const f of BAR_FIELDS) {
    const col = cols[f];
    if (col.length < at0 + n) throw new ChunkFormatError('bar chunk: target too short');
    const tag = dv.getUint8(at++) as Tag;
    switch (tag) {
      case Tag.Const:
        col.fill(dv.getFloat64(at, true), at0, at0 + n);
        at += 8;
        break;
      case Tag.Arith: {
        const start = dv.getFloat64(at, true);
        const step = dv.getFloat64(at + 8, true);
        for (let i = 0; i < n; i++) col[at0 + i] = start + i * step;
        at += 16;
        break;
      }
      case Tag.Runs: {
        const runs = dv.getUint32(at, true);
        let p = at + 4;
        let i = at0;
        for (let r = 0; r < runs; r++) {
          const len = dv.getUint16(p, true);
          const v = dv.getFloat64(p + 2, true);
          const stop = Math.min(i + len, at0 + n);
          // short runs (most of them) are cheaper written here than through fill()
          if (len < 32) for (let j = i; j < stop; j++) col[j] = v;
          else col.fill(v, i, i + len);
          i += len;
          p += 10;
        }
        if (i !== at0 + n) throw new ChunkFormatError(`bar chunk column ${f}: runs cover ${i - at0} of ${n} bars`);
        at = p;
        break;
      }
      case Tag.Scaled16:
      case Tag.Scaled32: {
        const sc = 10 ** dv.getUint8(at);
        let kk = dv.getFloat64(at + 1, true);
        const width = tag === Tag.Scaled16 ? 2 : 4;
        const end = at + 9 + (n - 1) * width;
        if (n < 1 || end > blob.byteLength) throw new ChunkFormatError(`bar chunk column ${f}: truncated`);
        // rebuild k from the deltas and divide once per value; the deltas are read in place
        // (a view when aligned, else through the DataView), never copied
        col[at0] = kk / sc;
        const p0 = at + 9;
        if (tag === Tag.Scaled16) {
          if ((blob.byteOffset + p0) % 2 === 0) {
            const deltas = new Int16Array(blob.buffer, blob.byteOffset + p0, n - 1);
            for (let i = 1; i < n; i++) {
              kk += deltas[i - 1] as number;
              col[at0 + i] = kk / sc;
            }
          } else {
            for (let i = 1; i < n; i++) {
              kk += dv.getInt16(p0 + (i - 1) * 2, true);
              col[at0 + i] = kk / sc;
            }
          }
        } else if ((blob.byteOffset + p0) % 4 === 0) {
          const deltas = new Int32Array(blob.buffer, blob.byteOffset + p0, n - 1);
          for (let i = 1; i < n; i++) {
            kk += deltas[i - 1] as number;
            col[at0 + i] = kk / sc;
          }
        } else {
          for (let i = 1; i < n; i++) {
            kk += dv.getInt32(p0 + (i - 1) * 4, true);
            col[at0 + i] = kk / sc;
          }
        }
        at = end;
        break;
      }
      case Tag.Raw:
        if (at + n * 8 > blob.byteLength) throw new ChunkFormatError(`bar chunk column ${f}: truncated`);
        new Uint8Array(col.buffer, col.byteOffset + at0 * 8, n * 8).set(blob.subarray(at, at + n * 8));
        at += n * 8;
        break;
      default:
        throw new ChunkFormatError(`bar chunk column ${f}: unknown tag ${tag as number}`);
    }
  }
  if (at !== blob.byteLength) throw new ChunkFormatError(`bar chunk: ${blob.byteLength - at} trailing bytes`);
  return n;
}

/** Decode a chunk blob written by encodeChunk. */
export function decodeChunk(key: SeriesKey, blob: Uint8Array): BarColumns {
  const c = emptyColumns(key, chunkLength(blob));
  decodeChunkInto(blob, c.cols, 0);
  return c;
}

export function encodeRow(row: Float64Array): Uint8Array {
  return new Uint8Array(row.buffer.slice(row.byteOffset, row.byteOffset + FIELD_COUNT * 8));
}

export function decodeRow(blob: Uint8Array): Float64Array {
  if (blob.byteLength !== FIELD_COUNT * 8) throw new ChunkFormatError(`bar row: ${blob.byteLength} bytes, expected ${FIELD_COUNT * 8}`);
  const out = new Float64Array(FIELD_COUNT);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
