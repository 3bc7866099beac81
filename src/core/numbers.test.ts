// decimal()/quickNum() give exactly Number()'s value (fields.ts toNum's rule) on any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNum } from './fields.js';
import { decimal, quickNum, textNum } from './numbers.js';

const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 1, maxLength: 18 });
const decimalText = fc.tuple(fc.boolean(), digits, fc.option(digits)).map(([neg, a, b]) => `${neg ? '-' : ''}${a}${b === null ? '' : `.${b}`}`);
const oddText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', '-', '.5', '5.', '+5', ' 5', '5 ', '1e5', '0x10', '-0', '-0.0', 'Infinity', '1.2.3', '00.5', '1_0', '9'.repeat(40)),
  fc.double().map(String),
);

describe('values: numbers from text', () => {
  it('decimal(s) is Number(s) for plain decimals and anything else', () => {
    fc.assert(
      fc.property(fc.oneof(decimalText, oddText), (s) => {
        expect(Object.is(decimal(s), Number(s)), s).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('quickNum/textNum is toNum’s value, NaN exactly where toNum throws', () => {
    fc.assert(
      fc.property(fc.oneof(decimalText, oddText, fc.double(), fc.constantFrom(null, true, [], {})), (v) => {
        let want = NaN;
        try {
          want = toNum(v, 'x');
        } catch {
          // NaN: toNum rejects it
        }
        expect(Object.is(quickNum(v), want), String(v)).toBe(true);
        if (typeof v === 'string') expect(Object.is(textNum(v), want), v).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
