// The strict scanners (scan-cursor.ts, scan.ts project) against JSON.parse: they never accept text
// JSON.parse rejects, accept what they document, and read numbers to JSON.parse's and toNum's values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNum } from './fields.js';
import { arrayOf, either, keys, object, project, Scan, scalar } from './scan.js';

const sc = new Scan();

/** Whole-text validation: skip one value, then nothing but whitespace. */
function accepts(text: string): boolean {
  return sc.start(text) && sc.skip() && sc.done();
}

function jsonOk(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON text with random JSON whitespace after structural chars (outside strings). */
const spaced = fc.tuple(fc.jsonValue(), fc.array(fc.constantFrom(' ', '\n', '\t', '\r', '  '), { minLength: 1, maxLength: 4 })).map(([v, ws]) => {
  let k = 0;
  let inStr = false;
  let out = '';
  for (const ch of JSON.stringify(v)) {
    out += ch;
    if (ch === '"' && out[out.length - 2] !== '\\') inStr = !inStr;
    if (!inStr && (ch === ',' || ch === ':' || ch === '[' || ch === '{')) out += ws[k++ % ws.length];
  }
  return out;
});

/** Cut, spliced and random text: mostly not JSON. */
const garbled = fc.oneof(
  fc.tuple(fc.jsonValue(), fc.nat(), fc.nat(), fc.string({ maxLength: 3 })).map(([v, a, b, ins]) => {
    const t = JSON.stringify(v);
    const i = a % (t.length + 1);
    return t.slice(0, i) + ins + t.slice(i + (b % 3));
  }),
  fc.string(),
  fc.string({ unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '1', '-', '.', 'e', '0', ' ', '\u0001', 't', 'n') }),
);

describe('Scan (cursor)', () => {
  it('accepts every JSON text without a backslash, with any JSON whitespace', () => {
    fc.assert(
      fc.property(spaced, (t) => {
        expect(accepts(t)).toBe(!t.includes('\\'));
      }),
      { numRuns: 500 },
    );
  });

  it('never accepts what JSON.parse rejects', () => {
    fc.assert(
      fc.property(garbled, (t) => {
        if (accepts(t)) expect(jsonOk(t)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects what the doc says it rejects', () => {
    for (const t of ['{"a":"\\u0041"}', '{"a":"x\ny"}', '{"a":01}', '{"a":1.}', '{"a":.5}', '{"a":1,}', '[1,]', '{"a" 1}', '\ufeff{}', '{"a":tru}', '{}x', '-', '"abc']) {
      expect(accepts(t), t).toBe(false);
    }
    const deep = '['.repeat(40) + ']'.repeat(40);
    expect(jsonOk(deep)).toBe(true);
    expect(accepts(deep)).toBe(false);
  });

  it('num() and numeric() give JSON.parse and toNum values', () => {
    const K = keys(['v']);
    const read = (text: string, how: 'num' | 'numeric'): number => {
      if (!sc.start(text) || !sc.object() || sc.key(K) !== 0) return NaN;
      const v = how === 'num' ? sc.num() : sc.numeric();
      return sc.key(K) === -1 && sc.done() ? v : NaN;
    };
    const literal = fc.oneof(
      fc.double().filter(Number.isFinite).map(String),
      fc.integer().map(String),
      fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(99999999), fc.nat(8)).map(([a, b, z]) => `${a}.${'0'.repeat(z)}${b}`),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
    );
    fc.assert(
      fc.property(literal, (lit) => {
        expect(Object.is(read(`{"v":${lit}}`, 'num'), JSON.parse(lit))).toBe(true);
        expect(Object.is(read(`{"v":"${lit}"}`, 'numeric'), toNum(lit, 'v'))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const odd of ['" 12 "', '"0x10"', '"1e3"', '"5."', '"-0"', '"-0.0"', '"007.50"']) {
      expect(Object.is(read(`{"v":${odd}}`, 'numeric'), toNum(JSON.parse(odd), 'v')), odd).toBe(true);
    }
    for (const bad of ['""', '"abc"', 'null', 'true', '"1e400"', '1e400', `"${'1'.repeat(40)}"`]) expect(read(`{"v":${bad}}`, 'numeric'), bad).toBeNaN();
  });

  it('key(): listed keys once each, unlisted values skipped, duplicates of a listed key fail', () => {
    const K = keys(['a', 'bb', 'bc']);
    const seen = (text: string): string => {
      if (!sc.start(text) || !sc.object()) return 'x';
      let out = '';
      for (let k = sc.key(K); k >= 0; k = sc.key(K)) out += `${K.names[k]}=${String(sc.num())};`;
      return sc.done() ? out : 'x';
    };
    expect(seen('{"z":{"a":[1,{"bb":2}]},"bc":3,"a":1,"b":"bb","bb":2}')).toBe('bc=3;a=1;bb=2;');
    expect(seen('{"a":1,"a":2}')).toBe('x');
    expect(seen('{"aa":1,"b":2}')).toBe('');
    expect(seen('{ }')).toBe('');
  });
});

describe('project()', () => {
  const ROW = object({ a: scalar, b: scalar });
  const SHAPE = object({ a: scalar, rows: either(ROW, arrayOf(ROW)) });

  /** JSON.parse's value with only the shape's keys. */
  function expected(v: unknown): unknown {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
    const o = v as Record<string, unknown>;
    const row = (r: unknown): unknown => {
      if (typeof r !== 'object' || r === null || Array.isArray(r)) return undefined;
      const x = r as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x)) if (k === 'a' || k === 'b') out[k] = x[k];
      return out;
    };
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o)) if (k === 'a' || k === 'rows') out[k] = k === 'a' ? o[k] : Array.isArray(o[k]) ? (o[k] as unknown[]).map(row) : row(o[k]);
    return out;
  }

  it('gives JSON.parse minus the unlisted keys, or declines', () => {
    const scalarValue = fc.oneof(fc.string(), fc.double().filter(Number.isFinite), fc.boolean(), fc.constant(null));
    const row = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'x'), fc.oneof(scalarValue, fc.jsonValue()));
    const frame = fc.record({ a: fc.oneof(scalarValue, fc.jsonValue()), rows: fc.oneof(row, fc.array(row)), z: fc.jsonValue() }, { requiredKeys: [] });
    fc.assert(
      fc.property(frame, (v) => {
        const text = JSON.stringify(v);
        const got = project(text, SHAPE);
        const want = expected(JSON.parse(text));
        if (got !== undefined) expect(got).toStrictEqual(want);
        else {
          const o = JSON.parse(text) as { a?: unknown; rows?: unknown };
          const complex = (x: unknown): boolean => typeof x === 'object' && x !== null;
          const rowsBad = o.rows !== undefined && (Array.isArray(o.rows) ? o.rows.some((r) => !complex(r) || Array.isArray(r) || Object.values(r as object).some(complex)) : !complex(o.rows) || Object.values(o.rows as object).some(complex));
          expect(text.includes('\\') || complex(o.a) || rowsBad).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('never accepts what JSON.parse rejects', () => {
    fc.assert(
      fc.property(garbled, (t) => {
        if (project(t, SHAPE) !== undefined) expect(jsonOk(t)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
