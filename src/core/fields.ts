// Boundary validation for venue frames: small, fast field readers whose errors name the field.
// Parsers use these instead of casts, so no `any` travels inward.

export class FrameError extends Error {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'FrameError';
  }
}

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };
export type JsonObject = { readonly [k: string]: Json };

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  // Objects are not String()ed: a frame like {"toString":1} would throw a TypeError here.
  if (typeof v === 'object') return 'an object';
  const s = typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
  return `${typeof v} ${s}`;
}

/** JSON.parse that reports bad text as a FrameError. */
export function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new FrameError('frame', `not JSON (${text.length} chars, starts ${JSON.stringify(text.slice(0, 24))})`);
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, field: string): JsonObject {
  if (!isObject(v)) throw new FrameError(field, `expected an object, got ${describe(v)}`);
  return v;
}

export function arr(v: unknown, field: string): readonly Json[] {
  if (!Array.isArray(v)) throw new FrameError(field, `expected an array, got ${describe(v)}`);
  return v as readonly Json[];
}

export function str(o: JsonObject, key: string, path = key): string {
  const v = o[key];
  if (typeof v !== 'string') throw new FrameError(path, `expected a string, got ${describe(v)}`);
  return v;
}

export function optStr(o: JsonObject, key: string, path = key): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new FrameError(path, `expected a string, got ${describe(v)}`);
  return v;
}

/** A finite number given as a JSON number or a numeric string. */
export function num(o: JsonObject, key: string, path = key): number {
  return toNum(o[key], path);
}

export function optNum(o: JsonObject, key: string, path = key): number | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  return toNum(v, path);
}

export function toNum(v: unknown, path: string): number {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.length > 0 && v.length < 40) n = Number(v);
  else throw new FrameError(path, `expected a number, got ${describe(v)}`);
  if (!Number.isFinite(n)) throw new FrameError(path, `not a finite number: ${describe(v)}`);
  return n;
}

export function positive(o: JsonObject, key: string, path = key): number {
  const n = num(o, key, path);
  if (!(n > 0)) throw new FrameError(path, `expected > 0, got ${n}`);
  return n;
}

/** Epoch milliseconds within 2009..2100 (catches seconds/ns mix-ups). */
export function epochMs(o: JsonObject, key: string, path = key): number {
  return checkMs(num(o, key, path), path);
}

export function checkMs(n: number, path: string): number {
  if (!isEpochMs(n)) throw new FrameError(path, `not an epoch-ms timestamp: ${n}`);
  return n;
}

/** checkMs's test without the throw (for callers that build the path only on failure). */
export function isEpochMs(n: number): boolean {
  return Number.isInteger(n) && n >= 1_230_000_000_000 && n <= 4_102_444_800_000;
}

export function bool(o: JsonObject, key: string, path = key): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new FrameError(path, `expected a boolean, got ${describe(v)}`);
  return v;
}

/** Inverse contracts: BTC quantity of `contracts` worth `usdPerContract` each at `price`. */
export function inverseQtyBtc(contracts: number, usdPerContract: number, price: number): number {
  return (contracts * usdPerContract) / price;
}

// Readers for fields of array items (`result[3].price`): the path is built only when one fails,
// so hot loops over rows allocate no path strings.

/** `prefix[index].key` (or `prefix[index]` without a key). */
export function itemPath(prefix: string, index: number, key?: string): string {
  return key === undefined ? `${prefix}[${index}]` : `${prefix}[${index}].${key}`;
}

export function itemObj(v: unknown, prefix: string, index: number): JsonObject {
  if (!isObject(v)) throw new FrameError(itemPath(prefix, index), `expected an object, got ${describe(v)}`);
  return v;
}

export function itemStr(o: JsonObject, key: string, prefix: string, index: number): string {
  const v = o[key];
  if (typeof v !== 'string') throw new FrameError(itemPath(prefix, index, key), `expected a string, got ${describe(v)}`);
  return v;
}

export function itemNum(o: JsonObject, key: string, prefix: string, index: number): number {
  const v = o[key];
  let n = NaN;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && v.length > 0 && v.length < 40) n = Number(v);
  if (Number.isFinite(n)) return n;
  return toNum(v, itemPath(prefix, index, key)); // throws, with toNum's message
}

export function itemOptNum(o: JsonObject, key: string, prefix: string, index: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null || v === '') return undefined;
  return itemNum(o, key, prefix, index);
}

export function itemPositive(o: JsonObject, key: string, prefix: string, index: number): number {
  const n = itemNum(o, key, prefix, index);
  if (!(n > 0)) throw new FrameError(itemPath(prefix, index, key), `expected > 0, got ${n}`);
  return n;
}
