// Fuzz tests shared by the venues: real frames mutated (a value replaced or a key removed somewhere
// in the JSON tree, text cut or spliced) never make an exception escape parseWsSafe/parseRestSafe,
// every drop has a reason, and every event that still comes out satisfies the event schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import type { ParseOutcome, RestRequest, VenueParser } from '../../core/venue.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';

/** Replacement values for the structural mutations, unless the venue brings its own. */
export const weirdValues = fc.constantFrom<unknown>(null, '', '-1', 'abc', '1e400', -5, 0, 1.5, [], {}, true, 'NaN', '9'.repeat(50), 1e30);

/** JSON-ish values plus the venue's own tricky strings (numbers as text, enum words, ids). */
export function jsonValues(...strings: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ maxLength: 8 }),
    fc.constantFrom(...strings),
    fc.constant([]),
    fc.constant({}),
  );
}

/**
 * `v` with the value at the path `picks` (each step modulo the keys there) replaced by `replacement`,
 * or removed when `del`; a leaf or empty container met early is replaced itself.
 */
export function mutateJson(v: unknown, picks: readonly number[], replacement: unknown, del = false, depth = 0): unknown {
  const pick = picks[depth] ?? 0;
  const last = depth >= picks.length - 1;
  if (Array.isArray(v)) {
    if (v.length === 0) return replacement;
    const i = pick % v.length;
    const copy: unknown[] = [...v];
    if (del && last) copy.splice(i, 1);
    else copy[i] = last ? replacement : mutateJson(copy[i], picks, replacement, del, depth + 1);
    return copy;
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 0) return replacement;
    const k = keys[pick % keys.length]!;
    const copy: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    if (del && last) delete copy[k];
    else copy[k] = last ? replacement : mutateJson(copy[k], picks, replacement, del, depth + 1);
    return copy;
  }
  return replacement;
}

export function checkOutcome(out: ParseOutcome): void {
  if (out.kind === 'drop') expect(out.reason.length).toBeGreaterThan(0);
  if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
}

export interface FuzzSuiteDef {
  /** Venue id, for the describe title. */
  readonly name: string;
  /** Verbatim WebSocket frames to mutate. */
  readonly frames: readonly string[];
  /** The parser each mutated frame goes to (a fresh one per frame). */
  parser(): VenueParser;
  /** Receive time handed to the parser (default 1 781 416 944 000). */
  readonly recvTs?: number;
  /** Replacement values (default `weirdValues`). */
  readonly values?: fc.Arbitrary<unknown>;
  /** Structural mutations may also remove the picked key. */
  readonly deletes?: boolean;
  /** Longest path of a structural mutation. */
  readonly maxDepth: number;
  /** 'replace': truncation or one character replaced; 'splice': the cut text, and junk spliced in. */
  readonly text: 'replace' | 'splice';
  readonly runs: { readonly structural: number; readonly text: number };
  /** REST bodies (with the request each answers), mutated structurally. */
  readonly rest?: {
    readonly name: string;
    readonly bodies: readonly { readonly request: RestRequest; readonly raw: string }[];
    parser(): VenueParser;
    readonly maxDepth: number;
    readonly numRuns: number;
  };
}

export function fuzzSuite(def: FuzzSuiteDef): void {
  const RECV = def.recvTs ?? 1_781_416_944_000;
  const values = def.values ?? weirdValues;
  const del = def.deletes ? fc.boolean() : fc.constant(false);
  const check = (frame: string): void => checkOutcome(parseWsSafe(def.parser(), frame, RECV));

  describe(`${def.name} parser fuzz`, () => {
    it(def.deletes ? 'survives structural mutations of real frames' : 'survives field-level mutations of real frames', () => {
      const parsable = def.frames.filter((f) => f.startsWith('{') || f.startsWith('['));
      fc.assert(
        fc.property(fc.constantFrom(...parsable), fc.array(fc.nat(), { minLength: 1, maxLength: def.maxDepth }), values, del, (raw, picks, repl, d) => {
          check(JSON.stringify(mutateJson(JSON.parse(raw), picks, repl, d)));
        }),
        { numRuns: def.runs.structural },
      );
    });

    if (def.text === 'replace') {
      const textMutation = fc.oneof(
        fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('char' as const), at: fc.nat(), ch: fc.string({ minLength: 1, maxLength: 1 }) }),
      );
      it('survives truncation and byte noise', () => {
        fc.assert(
          fc.property(fc.constantFrom(...def.frames), textMutation, (raw, m) => {
            const at = m.at % (raw.length + 1);
            check(m.kind === 'truncate' ? raw.slice(0, at) : raw.slice(0, at) + m.ch + raw.slice(at + 1));
          }),
          { numRuns: def.runs.text },
        );
      });
    } else {
      it('survives cut and spliced text', () => {
        fc.assert(
          fc.property(fc.constantFrom(...def.frames), fc.nat(), fc.string({ maxLength: 6 }), (raw, at, junk) => {
            const i = at % (raw.length + 1);
            check(raw.slice(0, i));
            check(raw.slice(0, i) + junk + raw.slice(i));
          }),
          { numRuns: def.runs.text },
        );
      });
    }

    const rest = def.rest;
    if (rest) {
      it(rest.name, () => {
        fc.assert(
          fc.property(fc.constantFrom(...rest.bodies), fc.array(fc.nat(), { minLength: 1, maxLength: rest.maxDepth }), values, del, (body, picks, repl, d) => {
            const mutated = JSON.stringify(mutateJson(JSON.parse(body.raw), picks, repl, d));
            checkOutcome(parseRestSafe(rest.parser(), body.request, mutated, RECV));
          }),
          { numRuns: rest.numRuns },
        );
      });
    }
  });
}
