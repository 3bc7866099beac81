// fast-check arbitraries that mutate verbatim frames (for the venues' fuzz tests).
import fc from 'fast-check';

type J = null | boolean | number | string | J[] | { [k: string]: J };

const weird: fc.Arbitrary<J> = fc.oneof(
  fc.constantFrom<J>('', 'NaN', '-1', '0', '1e400', 'Buy', 'Sell', 'abc', null, true, [], {}, -0.5, 1e21, 1786310819680),
  fc.double().map((d): J => (Number.isFinite(d) ? d : 0)),
  fc.string({ maxLength: 12 }),
);

/** Replace the value at a pseudo-random path (picked by `pick`) with `value`, or delete it. */
function mutate(v: J, pick: readonly number[], value: J, del: boolean, depth = 0): J {
  if (v === null || typeof v !== 'object') return value;
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  if (keys.length === 0) return value;
  const k = keys[(pick[depth] ?? 0) % keys.length] as string | number;
  const stop = depth + 1 >= pick.length;
  if (Array.isArray(v)) {
    const copy = [...v];
    if (stop && del) copy.splice(k as number, 1);
    else copy[k as number] = stop ? value : mutate(copy[k as number] as J, pick, value, del, depth + 1);
    return copy;
  }
  const copy: { [k: string]: J } = { ...v };
  if (stop && del) delete copy[k as string];
  else copy[k as string] = stop ? value : mutate(copy[k as string] as J, pick, value, del, depth + 1);
  return copy;
}

/** A frame from `frames`, mutated structurally (value swapped or field deleted) or textually (cut, byte flip). */
export function mutatedFrame(frames: readonly string[]): fc.Arbitrary<string> {
  const base = fc.constantFrom(...frames);
  const structural = fc
    .tuple(base, fc.array(fc.nat(64), { minLength: 1, maxLength: 5 }), weird, fc.boolean())
    .map(([f, pick, value, del]) => JSON.stringify(mutate(JSON.parse(f) as J, pick, value, del)));
  const cut = fc.tuple(base, fc.nat()).map(([f, n]) => f.slice(0, n % Math.max(1, f.length)));
  const flip = fc.tuple(base, fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([f, n, c]) => {
    const i = n % Math.max(1, f.length);
    return f.slice(0, i) + c + f.slice(i + 1);
  });
  return fc.oneof({ arbitrary: structural, weight: 4 }, { arbitrary: cut, weight: 1 }, { arbitrary: flip, weight: 1 });
}
