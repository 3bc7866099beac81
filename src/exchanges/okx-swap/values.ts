// Value readers for the hot parse paths (OKX and Bitget): the parser reads `row.px` itself
// (monomorphic property access) and validates the value here — measurably cheaper than the
// generic key-based fields.ts readers. Errors name the field the same way.
import { FrameError, isEpochMs, type Json, type JsonObject } from '../../core/fields.js';
import { quickNum } from '../../core/numbers.js';

function describe(v: unknown): string {
  // Objects are not shown: the scanner's projection of one lacks the keys nobody reads.
  return v === undefined ? 'missing' : Array.isArray(v) ? 'an array' : typeof v === 'object' && v !== null ? 'an object' : JSON.stringify(v).slice(0, 40);
}
export function parse(frame: string): JsonObject {
  let v: unknown;
  try {
    v = JSON.parse(frame);
  } catch {
    throw new FrameError('frame', `not JSON (${frame.length} chars, starts ${JSON.stringify(frame.slice(0, 24))})`);
  }
  return obj(v, 'frame');
}
export function obj(v: Json | unknown, path: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new FrameError(path, `expected an object, got ${describe(v)}`);
  return v as JsonObject;
}
export function arr(v: Json | undefined, path: string): readonly Json[] {
  if (!Array.isArray(v)) throw new FrameError(path, `expected an array, got ${describe(v)}`);
  return v as readonly Json[];
}
export function num(v: Json | undefined, path: string): number {
  const n = quickNum(v);
  if (n !== n) throw new FrameError(path, `expected a finite number, got ${describe(v)}`);
  return n;
}

export function pos(v: Json | undefined, path: string): number {
  const n = num(v, path);
  if (!(n > 0)) throw new FrameError(path, `expected > 0, got ${n}`);
  return n;
}
export function optNum(v: Json | undefined, path: string): number | undefined {
  return v === undefined || v === null || v === '' ? undefined : num(v, path);
}
/** Epoch milliseconds within 2009..2100 (same bounds as fields.ts checkMs). */
export function ms(v: Json | undefined, path: string): number {
  const n = num(v, path);
  if (!isEpochMs(n)) throw new FrameError(path, `not an epoch-ms timestamp: ${n}`);
  return n;
}
export function text(v: Json | undefined, path: string): string {
  if (typeof v !== 'string') throw new FrameError(path, `expected a string, got ${describe(v)}`);
  return v;
}
export function side(s: Json | undefined, path: string): 'buy' | 'sell' {
  if (s !== 'buy' && s !== 'sell') throw new FrameError(path, `expected buy or sell, got ${describe(s)}`);
  return s;
}
/** A figure derived from several fields (size × price, …) must stay finite and ≥ 0 (> 0 when `positive`). */
export function finite(n: number, path: string, positive = true): number {
  if (!Number.isFinite(n) || n < 0 || (positive && n === 0)) throw new FrameError(path, `out of range after conversion: ${n}`);
  return n;
}
