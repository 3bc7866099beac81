// Strict projecting scanner: a fast path in front of JSON.parse for a venue's hot frames.
//
// API (small and stable):
//   scalar                     any JSON string, number, true, false or null
//   object({ key: shape, … })  an object; the listed keys are kept (read by `shape`), others skipped
//   arrayOf(shape)             an array whose every element matches `shape`
//   either(a, b, …)            a value matching any of them (e.g. an object or an array of objects)
//   project(text, shape)       the frame's JSON value with only the listed keys, or undefined
//
// project() returns what JSON.parse(text) returns minus the keys the shapes do not list, or
// undefined ("no match": take the JSON.parse path). A parser that reads only listed keys (and never
// enumerates or serialises a projected object) sees what JSON.parse gives. Duplicate keys: the last
// one wins, as in JSON.parse.
//
// Accepted (else undefined):
// - one JSON value and JSON whitespace only (space, tab, LF, CR), nested at most 32 deep;
// - no backslash anywhere in the text (escaped text takes the JSON.parse path);
// - no control character inside a string; numbers per the JSON grammar, valued by Number() of the
//   literal (what JSON.parse gives);
// - kept values of the shape asked for; skipped values may be any valid JSON.
//
// The cursor form (./scan-cursor.ts, re-exported: Scan, keys) reads values in place instead, for
// parsers that build events straight from the text; it accepts the same text.
//
// Measured (bench/, 2026-11): on Gate and KuCoin frames, where most members are read, neither form
// beat JSON.parse plus the object parser; they pay when most of a frame is skipped.
// Where a venue writes a frame's keys in one fixed order, ./scan-template.ts (one native regex match
// per frame) beats JSON.parse instead (Binance events, BitMEX tables, Bybit tickers, 2026-11-26).
import type { Json } from './fields.js';

export { keys, Scan, type Keys } from './scan-cursor.js';

export interface Shape {
  readonly scalar: boolean;
  /** Kept keys of an object value, by key length (cheap to match in place). */
  readonly byLength: readonly (readonly Field[] | undefined)[] | undefined;
  readonly items: Shape | undefined;
}

interface Field {
  readonly name: string;
  /** Char code of the name's first letter (checked before startsWith). */
  readonly first: number;
  readonly shape: Shape;
}

export const scalar: Shape = { scalar: true, byLength: undefined, items: undefined };

export function object(fields: Readonly<Record<string, Shape>>): Shape {
  const byLength: Field[][] = [];
  for (const [name, shape] of Object.entries(fields)) {
    if (name === '__proto__') throw new Error('scan: __proto__ cannot be a kept key');
    (byLength[name.length] ??= []).push({ name, first: name.charCodeAt(0), shape });
  }
  return { scalar: false, byLength: Array.from(byLength, (f) => f), items: undefined };
}

export function arrayOf(items: Shape): Shape {
  return { scalar: false, byLength: undefined, items };
}

export function either(...shapes: readonly Shape[]): Shape {
  const pick = <K extends 'byLength' | 'items'>(k: K): Shape[K] | undefined => shapes.find((s) => s[k] !== undefined)?.[k];
  return { scalar: shapes.some((s) => s.scalar), byLength: pick('byLength'), items: pick('items') };
}

/** Returned by the readers on anything not accepted. */
const NO: unique symbol = Symbol('no match');
type Read = Json | typeof NO;
type Fields = readonly (readonly Field[] | undefined)[];
const MAX_DEPTH = 32;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1f]/;

/** Projection state over one frame. */
class Projector {
  s = '';
  i = 0;
  n = 0;
  /** No control character in the frame: a string ends at the next quote, which indexOf finds. */
  plain = false;

  run(text: string, shape: Shape): Json | undefined {
    this.s = text;
    this.i = 0;
    this.n = text.length;
    this.plain = !CONTROL.test(text);
    const v = this.value(shape, 0);
    const ok = v !== NO && this.space() === -1;
    this.s = '';
    return ok ? v : undefined;
  }

  /** Skips JSON whitespace; the next char code, or -1 at the end. */
  space(): number {
    const s = this.s;
    let i = this.i;
    for (; i < this.n; i++) {
      const c = s.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        this.i = i;
        return c;
      }
    }
    this.i = i;
    return -1;
  }

  value(shape: Shape, depth: number): Read {
    const c = this.space();
    if (c === 34) return shape.scalar ? this.str() : NO;
    if (c === 123) return shape.byLength ? this.obj(shape.byLength, depth) : NO;
    if (c === 91) return shape.items ? this.arr(shape.items, depth) : NO;
    return shape.scalar ? this.literal(c) : NO;
  }

  obj(byLength: Fields, depth: number): Read {
    if (depth >= MAX_DEPTH) return NO;
    this.i++;
    const out: { [k: string]: Json } = {};
    let c = this.space();
    if (c === 125) {
      this.i++;
      return out;
    }
    for (;;) {
      if (c !== 34) return NO;
      const start = this.i + 1;
      const stop = this.stringEnd(start);
      if (stop < 0) return NO;
      const field = this.match(byLength, start, stop - start);
      this.i = stop + 1;
      if (this.space() !== 58) return NO;
      this.i++;
      if (field) {
        const v = this.value(field.shape, depth + 1);
        if (v === NO) return NO;
        out[field.name] = v;
      } else if (!this.skip(depth + 1)) return NO;
      c = this.space();
      if (c === 44) {
        this.i++;
        c = this.space();
      } else if (c === 125) {
        this.i++;
        return out;
      } else return NO;
    }
  }

  match(byLength: Fields, start: number, length: number): Field | undefined {
    const fields = byLength[length];
    if (fields === undefined) return undefined;
    const c = this.s.charCodeAt(start);
    for (let k = 0; k < fields.length; k++) {
      const f = fields[k] as Field;
      if (f.first === c && this.s.startsWith(f.name, start)) return f;
    }
    return undefined;
  }

  arr(items: Shape, depth: number): Read {
    if (depth >= MAX_DEPTH) return NO;
    this.i++;
    const out: Json[] = [];
    let c = this.space();
    if (c === 93) {
      this.i++;
      return out;
    }
    for (;;) {
      const v = this.value(items, depth + 1);
      if (v === NO) return NO;
      out.push(v);
      c = this.space();
      if (c === 44) this.i++;
      else if (c === 93) {
        this.i++;
        return out;
      } else return NO;
    }
  }

  /** Index of the closing quote of a string whose text starts at `start`, or -1 (control char, end). */
  stringEnd(start: number): number {
    if (this.plain) return this.s.indexOf('"', start);
    const s = this.s;
    for (let j = start; j < this.n; j++) {
      const c = s.charCodeAt(j);
      if (c === 34) return j;
      if (c < 32) return -1;
    }
    return -1;
  }

  str(): Read {
    const start = this.i + 1;
    const stop = this.stringEnd(start);
    if (stop < 0) return NO;
    this.i = stop + 1;
    return this.s.slice(start, stop);
  }

  /** A number, true, false or null (first char code `c`). */
  literal(c: number): Read {
    if (c === 116) return this.word('true') ? true : NO;
    if (c === 102) return this.word('false') ? false : NO;
    if (c === 110) return this.word('null') ? null : NO;
    return this.num(c);
  }

  word(w: string): boolean {
    if (!this.s.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  /** A JSON number literal: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  num(c: number): Read {
    const s = this.s;
    const start = this.i;
    let i = start;
    if (c === 45) c = s.charCodeAt(++i);
    if (c === 48) c = s.charCodeAt(++i);
    else if (c >= 49 && c <= 57) {
      let v = 0;
      do v = v * 10 + (c - 48);
      while ((c = s.charCodeAt(++i)) >= 48 && c <= 57);
      // Up to 15 digits an integer is exact: no slice, no Number().
      if (c !== 46 && c !== 101 && c !== 69 && i - start <= 15) {
        this.i = i;
        return s.charCodeAt(start) === 45 ? -v : v;
      }
    } else return NO;
    if (c === 46) {
      const d = ++i;
      while ((c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
      if (i === d) return NO;
    }
    if (c === 101 || c === 69) {
      c = s.charCodeAt(++i);
      if (c === 43 || c === 45) i++;
      const d = i;
      while ((c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
      if (i === d) return NO;
    }
    this.i = i;
    return Number(s.slice(start, i));
  }

  /** Validates and passes over any JSON value. */
  skip(depth: number): boolean {
    const c = this.space();
    if (c === 34) {
      const stop = this.stringEnd(this.i + 1);
      this.i = stop + 1;
      return stop >= 0;
    }
    if (c === 123 || c === 91) return this.skipContainer(c === 123, depth);
    return this.literal(c) !== NO;
  }

  skipContainer(isObject: boolean, depth: number): boolean {
    if (depth >= MAX_DEPTH) return false;
    const close = isObject ? 125 : 93;
    this.i++;
    let c = this.space();
    if (c === close) {
      this.i++;
      return true;
    }
    for (;;) {
      if (isObject) {
        if (c !== 34) return false;
        const stop = this.stringEnd(this.i + 1);
        if (stop < 0) return false;
        this.i = stop + 1;
        if (this.space() !== 58) return false;
        this.i++;
      }
      if (!this.skip(depth + 1)) return false;
      c = this.space();
      if (c === 44) {
        this.i++;
        c = this.space();
      } else if (c === close) {
        this.i++;
        return true;
      } else return false;
    }
  }
}

const projector = new Projector();

export function project(text: string, shape: Shape): Json | undefined {
  if (text.indexOf('\\') >= 0) return undefined;
  return projector.run(text, shape);
}
