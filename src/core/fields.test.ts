import { describe, expect, it } from 'vitest';
import { checkMs, FrameError, epochMs, isEpochMs, itemNum, itemObj, itemOptNum, itemPath, itemPositive, itemStr, num, obj, optNum, parseJson, positive, str, type JsonObject } from './fields.js';

describe('field readers', () => {
  it('read numbers from numbers and numeric strings', () => {
    const o = obj(parseJson('{"p":"123.5","q":2,"T":1700000000000,"s":"BTCUSDT"}'), 'frame');
    expect(num(o, 'p')).toBe(123.5);
    expect(positive(o, 'q')).toBe(2);
    expect(epochMs(o, 'T')).toBe(1_700_000_000_000);
    expect(str(o, 's')).toBe('BTCUSDT');
  });

  it('name the field on bad input', () => {
    const o = obj(parseJson('{"p":"abc","q":-1,"T":1700000000,"x":null}'), 'frame');
    expect(() => num(o, 'p', 'data.p')).toThrow(/data\.p: not a finite number/);
    expect(() => positive(o, 'q')).toThrow(/q: expected > 0/);
    expect(() => epochMs(o, 'T')).toThrow(/T: not an epoch-ms timestamp/);
    expect(() => str(o, 'x')).toThrow(/x: expected a string, got null/);
    expect(() => num(o, 'missing')).toThrow(FrameError);
    expect(() => parseJson('{"trunc')).toThrow(/frame: not JSON/);
    expect(() => num({ h: '1e400' }, 'h')).toThrow(/not a finite number/);
  });
});

describe('item readers (paths built only on failure)', () => {
  const values: unknown[] = [undefined, null, '', 'abc', '12.5', ' 7 ', '1e400', 'NaN', 0, -3, 1.5, Infinity, true, [], {}, 'x'.repeat(45), '-0'];
  /** The outcome of a reader: its value, or the FrameError message it threw. */
  const run = (f: () => unknown): unknown => {
    try {
      return f();
    } catch (e) {
      return e instanceof FrameError ? `error ${e.message}` : e;
    }
  };

  it('give the values and messages of the eager readers with the full path', () => {
    for (const v of values) {
      const o = { k: v } as JsonObject;
      expect(run(() => itemNum(o, 'k', 'result', 2))).toStrictEqual(run(() => num(o, 'k', 'result[2].k')));
      expect(run(() => itemOptNum(o, 'k', 'result', 2))).toStrictEqual(run(() => optNum(o, 'k', 'result[2].k')));
      expect(run(() => itemPositive(o, 'k', 'result', 2))).toStrictEqual(run(() => positive(o, 'k', 'result[2].k')));
      expect(run(() => itemStr(o, 'k', 'result', 2))).toStrictEqual(run(() => str(o, 'k', 'result[2].k')));
      expect(run(() => itemObj(v, 'data', 0))).toStrictEqual(run(() => obj(v, 'data[0]')));
    }
    expect(itemPath('result', 1)).toBe('result[1]');
  });

  it('isEpochMs is checkMs without the throw', () => {
    for (const n of [0, 1_230_000_000_000, 1_229_999_999_999, 4_102_444_800_000, 4_102_444_800_001, 1.5e12 + 0.5, NaN]) {
      expect(isEpochMs(n)).toBe(run(() => checkMs(n, 't')) === n);
    }
  });
});
