// Fuzz: mutated real frames never make the parser throw past parseWsSafe; drops carry a reason and
// whatever is emitted satisfies the event schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import { parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import type { VenueParser } from '../../core/venue.js';
import { adapter } from './index.js';
import { allFixtureFrames, fixture } from './test-support.js';

const RECV = 1_781_416_944_000;
const frames = allFixtureFrames();

/** A parser that has seen the instrument partial and a liquidation insert, so deltas hit state. */
function primed(): VenueParser {
  const p = adapter.createParser(adapter.fallbackMarkets);
  p.ws(fixture('instrument')[0]!.raw, RECV);
  p.ws(fixture('liquidation')[1]!.raw, RECV);
  return p;
}

const weird = fc.constantFrom<unknown>(null, '', '-1', 'abc', '1e400', -5, 0, 1.5, [], {}, true, 'NaN', '9'.repeat(50), 1e30);

/** Replace one value somewhere in the JSON tree. */
function mutateJson(v: unknown, path: readonly number[], repl: unknown): unknown {
  if (path.length === 0) return repl;
  const [head, ...rest] = path;
  if (Array.isArray(v) && v.length > 0) {
    const i = head! % v.length;
    return v.map((x, j) => (j === i ? mutateJson(x, rest, repl) : x));
  }
  if (typeof v === 'object' && v !== null) {
    const keys = Object.keys(v);
    if (keys.length === 0) return repl;
    const k = keys[head! % keys.length]!;
    return { ...(v as Record<string, unknown>), [k]: mutateJson((v as Record<string, unknown>)[k], rest, repl) };
  }
  return repl;
}

const textMutation = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), ch: fc.string({ minLength: 1, maxLength: 1 }) }),
);

function check(out: ReturnType<typeof parseWsSafe>): void {
  if (out.kind === 'drop') expect(out.reason.length).toBeGreaterThan(0);
  if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success).toBe(true);
}

describe('bitmex parser fuzz', () => {
  it('survives field-level mutations of real frames', () => {
    const parsable = frames.filter((f) => f.startsWith('{') || f.startsWith('['));
    fc.assert(
      fc.property(fc.constantFrom(...parsable), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), weird, (raw, path, repl) => {
        const frame = JSON.stringify(mutateJson(JSON.parse(raw), path, repl));
        check(parseWsSafe(primed(), frame, RECV));
      }),
      { numRuns: 2000 },
    );
  });

  it('survives truncation and byte noise', () => {
    fc.assert(
      fc.property(fc.constantFrom(...frames), textMutation, (raw, m) => {
        const at = m.at % (raw.length + 1);
        const frame = m.kind === 'truncate' ? raw.slice(0, at) : raw.slice(0, at) + m.ch + raw.slice(at + 1);
        check(parseWsSafe(primed(), frame, RECV));
      }),
      { numRuns: 2000 },
    );
  });

  it('REST bodies survive mutation too', () => {
    const rest = [...fixture('rest-instrument')];
    fc.assert(
      fc.property(fc.constantFrom(...rest), fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), weird, (line, path, repl) => {
        const body = JSON.stringify(mutateJson(JSON.parse(line.raw), path, repl));
        check(parseRestSafe(adapter.createParser(adapter.fallbackMarkets), line.request!, body, RECV));
      }),
      { numRuns: 1000 },
    );
  });
});
