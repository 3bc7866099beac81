// Property test shared by the venues whose parsers put core/scan.ts in front of JSON.parse: on
// every fixture frame and on mutated ones (whitespace, key order, escapes, extra and duplicate keys,
// number spellings, wrong types, cut text) a scanning parser and a JSON.parse-only parser give
// identical outcomes, frame after frame through the same parser state.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { VenueParser } from '../../core/venue.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { jsonValues, mutateJson } from './fuzz-suite.js';

export interface ScanEquivalenceDef {
  readonly name: string;
  /** Every fixture frame of the venue (data, control, errors). */
  readonly frames: readonly string[];
  /** Frames the fast path must take unchanged (so the property is not vacuous). */
  readonly hot: readonly string[];
  /** True when `frame` is answered by the scanner's projection. */
  takesFastPath(frame: string): boolean;
  /** A parser that scans, and one that never does. */
  fast(): VenueParser;
  full(): VenueParser;
  /** Keys the parser reads (added as extra or duplicate keys). */
  readonly keys: readonly string[];
  /** Strings the venue uses (symbols, sides, numbers as text), as mutation values. */
  readonly words: readonly string[];
  readonly recvTs?: number;
  readonly numRuns?: number;
}

/** Positions in `raw` outside strings, after a structural char (where JSON allows whitespace). */
function gaps(raw: string): number[] {
  const out: number[] = [];
  let inStr = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inStr) {
      if (c === '\\') i++;
      else if (c === '"') inStr = false;
    } else if (c === '"') inStr = true;
    else if (c === '{' || c === '[' || c === ',' || c === ':') out.push(i + 1);
  }
  return out;
}

/** Index ranges of string contents in `raw` (keys and values). */
function stringSpans(raw: string): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (start >= 0) {
      if (c === '\\') i++;
      else if (c === '"') {
        if (i > start) out.push([start, i]);
        start = -1;
      }
    } else if (c === '"') start = i + 1;
  }
  return out;
}

function shuffleKeys(v: unknown, seed: number): unknown {
  if (Array.isArray(v)) return v.map((x, i) => shuffleKeys(x, seed + i));
  if (v === null || typeof v !== 'object') return v;
  const entries = Object.entries(v);
  entries.sort((a, b) => ((hash(a[0]) ^ seed) & 0xff) - ((hash(b[0]) ^ seed) & 0xff));
  return Object.fromEntries(entries.map(([k, x]) => [k, shuffleKeys(x, seed * 31 + 7)]));
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 33 + s.charCodeAt(i)) | 0;
  return h;
}

const WS = fc.constantFrom(' ', '\n', '\t', '\r\n', '  ');
const NUMBER_SPELLINGS = fc.constantFrom('0', '-0', '1E2', '1e+2', '100.0', '1.5e-3', '-7', '12345678901234567', '1e400', '0.1');

/** One mutation of a frame's text. */
function mutation(words: readonly string[], keys: readonly string[]): fc.Arbitrary<(raw: string) => string> {
  const value = fc.oneof(jsonValues(...words), fc.constantFrom(...words));
  return fc.oneof(
    fc.constant((raw: string) => raw),
    fc.tuple(fc.nat(), WS).map(([at, ws]) => (raw: string) => {
      const g = gaps(raw);
      const i = g.length > 0 ? g[at % g.length]! : 0;
      return raw.slice(0, i) + ws + raw.slice(i);
    }),
    fc.tuple(fc.constantFrom(0, 1, 2, '\t'), fc.boolean()).map(([indent, pad]) => (raw: string) => {
      const text = JSON.stringify(JSON.parse(raw), null, indent);
      return pad ? ` ${text}\n` : text;
    }),
    fc.nat().map((seed) => (raw: string) => JSON.stringify(shuffleKeys(JSON.parse(raw), seed))),
    fc.nat().map((at) => (raw: string) => {
      const spans = stringSpans(raw);
      if (spans.length === 0) return raw;
      const [s, e] = spans[at % spans.length]!;
      const i = s + (at % (e - s));
      return `${raw.slice(0, i)}\\u${raw.charCodeAt(i).toString(16).padStart(4, '0')}${raw.slice(i + 1)}`;
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...keys, 'extra', 'x'), value).map(([at, key, v]) => (raw: string) => {
      const opens = gaps(raw).filter((i) => raw[i - 1] === '{' && raw[i] !== '}');
      if (opens.length === 0) return raw;
      const i = opens[at % opens.length]!;
      return `${raw.slice(0, i)}${JSON.stringify(key)}:${JSON.stringify(v) ?? 'null'},${raw.slice(i)}`;
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...keys), value).map(([at, key, v]) => (raw: string) => {
      const closes = [...raw.matchAll(/[^{\s]\s*\}/g)].map((m) => m.index + m[0].length - 1);
      if (closes.length === 0) return raw;
      const i = closes[at % closes.length]!;
      return `${raw.slice(0, i)},${JSON.stringify(key)}:${JSON.stringify(v) ?? 'null'}${raw.slice(i)}`;
    }),
    fc.tuple(fc.nat(), NUMBER_SPELLINGS).map(([at, n]) => (raw: string) => {
      const nums = [...raw.matchAll(/:\s*(-?\d[\d.eE+-]*)/g)];
      if (nums.length === 0) return raw;
      const m = nums[at % nums.length]!;
      const i = m.index + m[0].length - m[1]!.length;
      return raw.slice(0, i) + n + raw.slice(i + m[1]!.length);
    }),
    fc.tuple(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), value, fc.boolean()).map(([picks, v, del]) => (raw: string) => JSON.stringify(mutateJson(JSON.parse(raw), picks, v, del))),
    fc.nat().map((at) => (raw: string) => raw.slice(0, at % (raw.length + 1))),
  );
}

export function scanEquivalence(def: ScanEquivalenceDef): void {
  const R = def.recvTs ?? 1_781_416_944_000;
  describe(`${def.name}: scanner fast path ≡ JSON.parse path`, () => {
    it('the hot fixture frames take the fast path', () => {
      expect(def.hot.length).toBeGreaterThan(0);
      for (const f of def.hot) expect(def.takesFastPath(f), f).toBe(true);
    });

    it('every fixture frame, in order through one parser pair: identical outcomes', () => {
      const fast = def.fast();
      const full = def.full();
      for (const f of def.frames) expect(parseWsSafe(fast, f, R), f).toEqual(parseWsSafe(full, f, R));
    });

    it('mutated frames (whitespace, key order, escapes, extra/duplicate keys, numbers, types, cuts): identical outcomes', () => {
      const parsable = def.frames.filter((f) => f.startsWith('{') || f.startsWith('['));
      const step = fc.tuple(fc.constantFrom(...parsable), fc.array(mutation(def.words, def.keys), { minLength: 1, maxLength: 3 }));
      fc.assert(
        fc.property(fc.array(step, { minLength: 1, maxLength: 4 }), (steps) => {
          const fast = def.fast();
          const full = def.full();
          for (const [raw, muts] of steps) {
            let f = raw;
            for (const m of muts) {
              try {
                f = m(f);
              } catch {
                // A mutation that needs parsable text met a cut one: keep the text as it is.
              }
            }
            expect(parseWsSafe(fast, f, R), f).toEqual(parseWsSafe(full, f, R));
          }
        }),
        { numRuns: def.numRuns ?? 1500 },
      );
    });
  });
}
