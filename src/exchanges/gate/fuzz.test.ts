// Fuzz: real Gate frames mutated (values replaced, keys removed, text cut or spliced). Nothing may
// escape parseWsSafe, every drop has a reason, every event passes the event schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketEventSchema } from '../../core/events.js';
import type { Json } from '../../core/fields.js';
import { parseWsSafe } from '../../feed/parse-safe.js';
import { createGateParser } from './parse.js';
import { FIXTURE_CHANNELS, fixtures, TEST_MARKETS } from './testing.js';

const frames = FIXTURE_CHANNELS.flatMap((c) => fixtures(c).map((f) => f.raw));

const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('0', '-1', '1e400', 'NaN', '', '-108.5', '1541486601', '99999999999999999'),
  fc.constant([] as Json),
  fc.constant({} as Json),
);

/** Replace or delete the value at a pseudo-random path of the parsed frame. */
function mutate(v: Json, picks: readonly number[], replacement: Json, del: boolean, depth = 0): Json {
  const pick = picks[depth] ?? 0;
  if (Array.isArray(v)) {
    if (v.length === 0) return replacement;
    const i = pick % v.length;
    const copy = [...(v as Json[])];
    if (del && depth >= picks.length - 1) copy.splice(i, 1);
    else copy[i] = depth >= picks.length - 1 ? replacement : mutate(copy[i] as Json, picks, replacement, del, depth + 1);
    return copy;
  }
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v);
    if (keys.length === 0) return replacement;
    const k = keys[pick % keys.length] as string;
    const copy: Record<string, Json> = { ...(v as Record<string, Json>) };
    if (del && depth >= picks.length - 1) delete copy[k];
    else copy[k] = depth >= picks.length - 1 ? replacement : mutate(copy[k] as Json, picks, replacement, del, depth + 1);
    return copy;
  }
  return replacement;
}

function check(frame: string): void {
  const out = parseWsSafe(createGateParser(TEST_MARKETS), frame, 1_700_000_000_000);
  if (out.kind === 'drop') expect(out.reason.length).toBeGreaterThan(0);
  if (out.kind === 'events') for (const e of out.events) expect(MarketEventSchema.safeParse(e).success, JSON.stringify(e)).toBe(true);
}

describe('gate parser fuzz', () => {
  it('survives structural mutations of real frames', () => {
    fc.assert(
      fc.property(fc.constantFrom(...frames), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), jsonValue, fc.boolean(), (raw, picks, rep, del) => {
        check(JSON.stringify(mutate(JSON.parse(raw) as Json, picks, rep, del)));
      }),
      { numRuns: 3000 },
    );
  });

  it('survives cut and spliced text', () => {
    fc.assert(
      fc.property(fc.constantFrom(...frames), fc.nat(), fc.string({ maxLength: 6 }), (raw, at, junk) => {
        const i = at % (raw.length + 1);
        check(raw.slice(0, i));
        check(raw.slice(0, i) + junk + raw.slice(i));
      }),
      { numRuns: 2000 },
    );
  });
});
