// Strict scanner over frame text: the fast path in front of JSON.parse for a venue's hot frames.
//
// API (small and stable):
//   const K = keys(['price', 'size'])   a key table (≤ 31 keys), made once
//   const sc = new Scan()               one per parser (not re-entrant)
//   sc.start(text)                      false when the text has a backslash (escapes: JSON.parse path)
//   sc.object()                         enters `{`; then `for (let k = sc.key(K); k >= 0; k = sc.key(K))`
//   sc.key(K)                           index of the next listed key (the value is next), or -1 at `}`
//                                       or on failure; values of unlisted keys are validated and skipped
//   sc.array(), sc.more()               enters `[`; more() is true while an element follows
//   sc.peek()                           the next value's first char code, to tell `{` from `[`
//   sc.str(), sc.is(s), sc.num(), sc.numeric(), sc.bool(), sc.nul(), sc.skip()   read one value
//   sc.done()                           true when nothing failed and only whitespace is left
// Any reader that meets something it does not accept marks the scan failed (sc.failed) and returns
// a neutral value (undefined, false, NaN, -1); the caller then takes the JSON.parse path.
//
// What the fast path accepts (everything else is "no match", never a different outcome):
// - one JSON value and JSON whitespace only (space, tab, LF, CR), nested at most 32 deep;
// - no backslash anywhere in the text (no escapes, in kept or skipped strings);
// - no control character inside a string; numbers per the JSON grammar, valued like JSON.parse;
// - a listed key at most once per object (JSON.parse keeps the last of duplicates: we fail instead).
// It checks syntax and the types the caller asks for, nothing else: range checks stay with the venue.

const MAX_DEPTH = 32;
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1f]/;

/** Listed keys of one object, matched in place: a candidate by length and first char, then the rest. */
export interface Keys {
  readonly names: readonly string[];
  /** [length × 128 + first char] → index + 1 of the only candidate, -1 for several, 0 for none. */
  readonly slots: Int8Array;
}

export function keys(names: readonly string[]): Keys {
  if (names.length > 31) throw new Error('scan: at most 31 keys per table');
  const slots = new Int8Array((Math.max(0, ...names.map((n) => n.length)) + 1) * 128);
  names.forEach((n, i) => {
    const c = n.charCodeAt(0);
    if (!(c < 128)) throw new Error(`scan: key ${n} must start with an ASCII char`);
    const at = n.length * 128 + c;
    slots[at] = slots[at] === 0 ? i + 1 : -1;
  });
  return { names, slots };
}

export class Scan {
  private s = '';
  private i = 0;
  private n = 0;
  private depth = 0;
  /** No control character in the text: a string ends at the next quote, which indexOf finds. */
  private plain = false;
  /** Listed keys seen, per open object (a stack of bit sets, one per depth). */
  private readonly seen: number[] = [];
  /** Just entered an object or array: the first member needs no comma. */
  private fresh = false;
  failed = false;

  start(text: string): boolean {
    this.s = text;
    this.i = 0;
    this.n = text.length;
    this.depth = 0;
    this.failed = text.indexOf('\\') >= 0;
    this.plain = !this.failed && !CONTROL.test(text);
    return !this.failed;
  }

  done(): boolean {
    const ok = !this.failed && this.space() === -1;
    this.s = '';
    return ok;
  }

  /** The next value's first char code (`{` 123, `[` 91, `"` 34, …) without reading it; -1 at the end. */
  peek(): number {
    return this.space();
  }

  /** Enters an object: true when the next value is `{`. */
  object(): boolean {
    if (this.space() !== 123 || !this.deeper()) return this.fail();
    this.i++;
    this.seen[this.depth] = 0;
    this.fresh = true;
    return true;
  }

  /**
   * The next listed key of the current object (positioned at its value): its index in `k`.
   * -1 when the object closed (after `}`) or on failure (see `failed`).
   */
  key(k: Keys): number {
    let c = this.space();
    if (c === 125) return this.close();
    if (this.fresh) this.fresh = false;
    else if (c === 44) {
      this.i++;
      c = this.space();
    } else return this.failKey();
    for (;;) {
      if (c !== 34) return this.failKey();
      const start = this.i + 1;
      const stop = this.stringEnd(start);
      if (stop < 0) return this.failKey();
      const idx = this.match(k, start, stop - start);
      this.i = stop + 1;
      if (this.space() !== 58) return this.failKey();
      this.i++;
      if (idx >= 0) {
        const bit = 1 << idx;
        const seen = this.seen[this.depth] ?? 0;
        if (seen & bit) return this.failKey();
        this.seen[this.depth] = seen | bit;
        return idx;
      }
      if (!this.skip()) return this.failKey();
      c = this.space();
      if (c === 125) return this.close();
      if (c !== 44) return this.failKey();
      this.i++;
      c = this.space();
    }
  }

  /** At `}`: leaves the object; -1 for key(). */
  private close(): -1 {
    this.fresh = false;
    this.i++;
    this.depth--;
    return -1;
  }

  /** Enters an array: true when the next value is `[`. */
  array(): boolean {
    if (this.space() !== 91 || !this.deeper()) return this.fail();
    this.i++;
    this.fresh = true;
    return true;
  }

  /** True while another element follows in the current array; false after `]` or on failure. */
  more(): boolean {
    const c = this.space();
    if (c === 93) {
      this.fresh = false;
      this.i++;
      this.depth--;
      return false;
    }
    if (this.fresh) {
      this.fresh = false;
      return !this.failed;
    }
    if (c !== 44) return this.fail();
    this.i++;
    return !this.failed;
  }

  /** A string value, or undefined. */
  str(): string | undefined {
    if (this.space() !== 34) return this.failUndefined();
    const start = this.i + 1;
    const stop = this.stringEnd(start);
    if (stop < 0) return this.failUndefined();
    this.i = stop + 1;
    return this.s.slice(start, stop);
  }

  /** Whether the value is the string `v` (another string: false, not failed; not a string: failed). */
  is(v: string): boolean {
    if (this.space() !== 34) return this.fail();
    const start = this.i + 1;
    const stop = this.stringEnd(start);
    if (stop < 0) return this.fail();
    this.i = stop + 1;
    return stop - start === v.length && this.s.startsWith(v, start);
  }

  /** A JSON number value (NaN, failed, when the value is not a number). */
  num(): number {
    const c = this.space();
    if (c !== 45 && !(c >= 48 && c <= 57)) {
      this.fail();
      return NaN;
    }
    return this.number(c, true);
  }

  /**
   * fields.ts toNum's rule: a finite JSON number, or a string of 1–39 chars whose Number() is
   * finite. NaN (failed) for anything else.
   */
  numeric(): number {
    const c = this.space();
    let v: number;
    if (c === 34) {
      v = this.decimal(this.i + 1, 34);
      if (!Number.isNaN(v)) return v;
      const t = this.str();
      v = t !== undefined && t.length > 0 && t.length < 40 ? Number(t) : NaN;
    } else v = this.num();
    if (Number.isFinite(v)) return v;
    this.fail();
    return NaN;
  }

  /** true or false, else undefined (failed). */
  bool(): boolean | undefined {
    const c = this.space();
    if (c === 116 && this.word('true')) return true;
    if (c === 102 && this.word('false')) return false;
    return this.failUndefined();
  }

  /** Whether the value is null (anything else: false, and the value is left unread). */
  nul(): boolean {
    return this.space() === 110 && this.word('null');
  }

  /** Validates and passes over any JSON value. */
  skip(): boolean {
    const c = this.space();
    if (c === 34) {
      const stop = this.stringEnd(this.i + 1);
      this.i = stop + 1;
      return stop >= 0 || this.fail();
    }
    if (c === 123 || c === 91) return this.skipContainer(c === 123);
    if (c === 116) return this.word('true') || this.fail();
    if (c === 102) return this.word('false') || this.fail();
    if (c === 110) return this.word('null') || this.fail();
    if (c === 45 || (c >= 48 && c <= 57)) return !Number.isNaN(this.number(c, false)) || this.fail();
    return this.fail();
  }

  private skipContainer(isObject: boolean): boolean {
    if (!this.deeper()) return this.fail();
    const close = isObject ? 125 : 93;
    this.i++;
    let c = this.space();
    if (c === close) {
      this.i++;
      this.depth--;
      return true;
    }
    for (;;) {
      if (isObject) {
        if (c !== 34) return this.fail();
        const stop = this.stringEnd(this.i + 1);
        if (stop < 0) return this.fail();
        this.i = stop + 1;
        if (this.space() !== 58) return this.fail();
        this.i++;
      }
      if (!this.skip()) return false;
      c = this.space();
      if (c === 44) {
        this.i++;
        c = this.space();
      } else if (c === close) {
        this.i++;
        this.depth--;
        return true;
      } else return this.fail();
    }
  }

  private deeper(): boolean {
    return ++this.depth <= MAX_DEPTH;
  }

  private match(k: Keys, start: number, length: number): number {
    const c = this.s.charCodeAt(start);
    const at = length * 128 + c;
    if (c >= 128 || at >= k.slots.length) return -1;
    const slot = k.slots[at] as number;
    if (slot > 0) return this.same(k.names[slot - 1] as string, start) ? slot - 1 : -1;
    if (slot === 0) return -1;
    for (let x = 0; x < k.names.length; x++) {
      const name = k.names[x] as string;
      if (name.length === length && name.charCodeAt(0) === c && this.same(name, start)) return x;
    }
    return -1;
  }

  /** Whether the text at `start` is `name`, whose first char matched (a char loop: cheaper than startsWith on short keys). */
  private same(name: string, start: number): boolean {
    const s = this.s;
    for (let j = 1; j < name.length; j++) if (s.charCodeAt(start + j) !== name.charCodeAt(j)) return false;
    return true;
  }

  /** Skips JSON whitespace; the next char code, or -1 at the end. */
  private space(): number {
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

  /** Index of the closing quote of a string whose text starts at `start`, or -1 (control char, end). */
  private stringEnd(start: number): number {
    if (this.plain) return this.s.indexOf('"', start);
    const s = this.s;
    for (let j = start; j < this.n; j++) {
      const c = s.charCodeAt(j);
      if (c === 34) return j;
      if (c < 32) return -1;
    }
    return -1;
  }

  private word(w: string): boolean {
    if (!this.s.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  /**
   * `-?\d+(\.\d+)?` with at most 15 digits at `start`, followed by char `close` (not consumed if
   * absent): its value, read in place, and `i` moved past `close`; NaN (nothing moved) otherwise.
   * Exact: the digits as an integer m < 2^53 and 10^k (k ≤ 15) are both exact doubles, so m / 10^k
   * is the correctly rounded value, the one Number() and JSON.parse give.
   */
  private decimal(start: number, close: number): number {
    const s = this.s;
    let j = start;
    let c = s.charCodeAt(j);
    if (c === 45) c = s.charCodeAt(++j);
    const first = j;
    let m = 0;
    while (c >= 48 && c <= 57) {
      m = m * 10 + (c - 48);
      c = s.charCodeAt(++j);
    }
    if (j === first) return NaN;
    let digits = j - first;
    let frac = 0;
    if (c === 46) {
      const f = ++j;
      c = s.charCodeAt(j);
      while (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48);
        c = s.charCodeAt(++j);
      }
      frac = j - f;
      if (frac === 0) return NaN;
      digits += frac;
    }
    if (digits > 15 || (close >= 0 ? c !== close : c === 101 || c === 69)) return NaN;
    this.i = close >= 0 ? j + 1 : j;
    const v = frac === 0 ? m : m / (POW10[frac] as number);
    return s.charCodeAt(start) === 45 ? -v : v;
  }

  /** A JSON number literal -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? at `i` (first char code `c`); NaN if malformed. */
  private number(c: number, value: boolean): number {
    const s = this.s;
    const start = this.i;
    let i = start;
    if (c === 45) c = s.charCodeAt(++i);
    // JSON forbids leading zeros ("01"); "0", "0.5" and "-0" are fine.
    const lead = c === 48 && (s.charCodeAt(i + 1) >= 48 && s.charCodeAt(i + 1) <= 57);
    if (value && !lead) {
      const v = this.decimal(start, -1);
      if (!Number.isNaN(v)) return v;
    }
    if (c === 48) c = s.charCodeAt(++i);
    else if (c >= 49 && c <= 57) {
      do c = s.charCodeAt(++i);
      while (c >= 48 && c <= 57);
    } else return NaN;
    if (c === 46) {
      const d = ++i;
      while ((c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
      if (i === d) return NaN;
    }
    if (c === 101 || c === 69) {
      c = s.charCodeAt(++i);
      if (c === 43 || c === 45) i++;
      const d = i;
      while ((c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
      if (i === d) return NaN;
    }
    this.i = i;
    return value ? Number(s.slice(start, i)) : 0;
  }

  private fail(): false {
    this.failed = true;
    return false;
  }

  private failKey(): -1 {
    this.failed = true;
    return -1;
  }

  private failUndefined(): undefined {
    this.failed = true;
    return undefined;
  }
}
