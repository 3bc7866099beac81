// Regular-expression templates of flat JSON objects: the fast path for venues that write a hot
// frame's keys in one fixed order (Binance events, BitMEX tables, Bybit tickers). One native regex match both checks the text
// and captures the wanted values, which a JS scanner (./scan-cursor.ts) cannot match for speed.
//
//   object({ e: 'string', E: 'number', m: 'boolean', x: 'scalar' })
//       regex source of `{…}` whose first key is the first listed one and whose other listed keys,
//       each optional and at most once, come in the listed order, each value of its kind; any
//       other key (a scalar, a flat object or an array of scalars) may sit between them. One capture group per listed key: a
//       string's text between the quotes, a number's or boolean's literal, a scalar's JSON text;
//       undefined when absent.
//       A kind may also be a list of strings: the value one of them, a capture group for each.
//   open(…)               object() without its closing brace.
//   either(first, orders)   object() of keys written in one of several orders, one regex.
//   exact(wanted, optional)   `{…}` of exactly the listed keys in the listed order (those in
//       `optional` may be absent), compact; groups as object()'s. Cheaper than object() when a
//       venue writes no other keys.
//   num(raw), bool(raw), value(raw)   such a capture as JSON.parse gives it.
//   flat()                regex source of any object of scalars (nothing captured).
//   spaced: true          (object, open, either, flat) JSON whitespace allowed around every token.
//   rows(text, at, row, build, out)   an array of objects at `at`, each matched by the sticky
//       regex `row` (new RegExp(object(…), 'y')) and built from its groups.
//   skip(text, i)         the index after any whitespace at i.
//
// Accepted (else no match: the JSON.parse path): no whitespace unless spaced; listed keys' values scalars, others
// scalars, flat objects or arrays of scalars (deeper values are written into the template explicitly); strings without escapes or control chars (so a
// string's text is its value); numbers per the JSON grammar.

import { decimal } from './numbers.js';

export type Kind = 'string' | 'number' | 'boolean' | 'scalar';
/** A kind, or a string that is one of those listed: a group for each, the matched one's defined. */
export type Want = Kind | readonly string[];
type Member = [string, Want];

/** A JSON string's text without escapes or control chars (so the text is the value). */
export const TEXT = '[^"\\\\\\u0000-\\u001f]*';
/** A JSON string without escapes or control chars. */
export const STRING = `"${TEXT}"`;
const NUMBER = '-?(?:0|[1-9]\\d*)(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';
/** Any JSON scalar. */
export const SCALAR = `(?:${STRING}|${NUMBER}|true|false|null)`;
/** JSON whitespace. */
export const WS = '[ \\t\\n\\r]*';
const CAPTURE: Readonly<Record<Kind, string>> = { string: `"(${TEXT})"`, number: `(${NUMBER})`, boolean: '(true|false)', scalar: `(${SCALAR})` };

function capture(want: Want): string {
  return typeof want === 'string' ? CAPTURE[want] : `"(?:${want.map((v) => `(${escape(v)})`).join('|')})"`;
}

function escape(key: string): string {
  return key.replace(/[^A-Za-z0-9_]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `{`, the first listed key (required, first), the others as described above, `}`. `banned`: keys
 * that may not appear at all (ones the caller would read from the object as well, say).
 */
export function object(wanted: Readonly<Record<string, Want>>, banned: readonly string[] = [], spaced = false): string {
  return `${open(wanted, banned, spaced)}\\}`;
}

/** object() without its closing `}`: the caller's template goes on with more of the object. */
export function open(wanted: Readonly<Record<string, Want>>, banned: readonly string[] = [], spaced = false): string {
  const [first, ...rest] = Object.entries(wanted) as [Member, ...Member[]];
  const p = parts([...Object.keys(wanted), ...banned], spaced);
  return `\\{${p.w}${p.required(first)}${rest.map(p.member).join('')}`;
}

/**
 * object() of a venue that writes the keys after `first` in one of several `orders`: `{`, the
 * `first` key (required), then one order's keys, its first one required (orders must start with
 * different keys, so at most one can go on at any point; an object with none of them does not
 * match), `}`. Groups: first's, then every order's keys in turn (those of the orders not taken
 * undefined).
 */
export function either(first: Readonly<Record<string, Want>>, orders: readonly Readonly<Record<string, Want>>[], spaced = false): string {
  const [head] = Object.entries(first) as [Member];
  const p = parts([head[0], ...new Set(orders.flatMap((o) => Object.keys(o)))], spaced);
  const branch = (o: Readonly<Record<string, Want>>) => {
    const [k, ...rest] = Object.entries(o) as [Member, ...Member[]];
    return `,${p.w}${p.required(k)}${rest.map(p.member).join('')}`;
  };
  return `\\{${p.w}${p.required(head)}(?:${orders.map(branch).join('|')})\\}`;
}

/**
 * The pieces of open() and either() for objects of the keys `names`: `required` a key's member
 * with the other members after it, `member` the same, optional.
 */
function parts(names: readonly string[], spaced: boolean): { w: string; required: (m: Member) => string; member: (m: Member) => string } {
  const w = spaced ? WS : '';
  const others = `(?:,${w}"(?!(?:${names.map(escape).join('|')})")${TEXT}"${w}:${w}(?:${SCALAR}|${flat(spaced)}|\\[${w}(?:${SCALAR}${w}(?:,${w}${SCALAR}${w})*)?\\])${w})*`;
  // The members after a wanted one sit inside its optional group: each other member can then be
  // read one way only, so a text that fails to match fails in linear time (no backtracking blow-up).
  // Whitespace runs are followed by a non-whitespace token, so they too are read one way only.
  const required = ([k, v]: Member) => `"${escape(k)}"${w}:${w}${capture(v)}${w}${others}`;
  return { w, required, member: (m: Member) => `(?:,${w}${required(m)})?` };
}

/** `{`, exactly the listed keys in order (the first required, `optional` ones may be absent), `}`; no whitespace. */
export function exact(wanted: Readonly<Record<string, Kind>>, optional: readonly string[] = []): string {
  const [[first, kind], ...rest] = Object.entries(wanted) as [[string, Kind], ...[string, Kind][]];
  const member = ([k, v]: [string, Kind]) => (optional.includes(k) ? `(?:,"${escape(k)}":${CAPTURE[v]})?` : `,"${escape(k)}":${CAPTURE[v]}`);
  return `\\{"${escape(first)}":${CAPTURE[kind]}${rest.map(member).join('')}\\}`;
}

/** Regex source of any flat object (scalar values, any keys), nothing captured. */
export function flat(spaced = false): string {
  const w = spaced ? WS : '';
  const m = `${STRING}${w}:${w}${SCALAR}${w}`;
  return `\\{${w}(?:${m}(?:,${w}${m})*)?\\}`;
}

/** A captured number as JSON.parse gives it (undefined: the key was absent). */
export function num(raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : decimal(raw);
}

/** A captured boolean (undefined: the key was absent). */
export function bool(raw: string | undefined): boolean | undefined {
  return raw === undefined ? undefined : raw === 'true';
}

/** A captured scalar's JSON text as JSON.parse gives it (undefined: the key was absent). */
export function value(raw: string | undefined): string | number | boolean | null | undefined {
  if (raw === undefined) return undefined;
  const c = raw.charCodeAt(0);
  if (c === 34) return raw.slice(1, -1);
  if (c === 116) return true;
  if (c === 102) return false;
  if (c === 110) return null;
  return decimal(raw);
}

/** The index of the first non-whitespace char at or after `i`. */
export function skip(s: string, i: number): number {
  for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++i));
  return i;
}

/**
 * The array at `at` of objects each matched by `row` (a sticky regex), built into `out`: the index
 * after its `]`, or -1 when the text there is not such an array. Whitespace between rows is skipped.
 */
export function rows<T>(s: string, at: number, row: RegExp, build: (g: RegExpExecArray) => T, out: T[]): number {
  if (s.charCodeAt(at) !== 91) return -1;
  let i = skip(s, at + 1);
  if (s.charCodeAt(i) === 93) return i + 1;
  for (;;) {
    row.lastIndex = i;
    const g = row.exec(s);
    if (g === null) return -1;
    out.push(build(g));
    i = skip(s, row.lastIndex);
    const c = s.charCodeAt(i);
    if (c === 93) return i + 1;
    if (c !== 44) return -1;
    i = skip(s, i + 1);
  }
}
