import { describe, expect, it } from 'vitest';
import { FrameError, epochMs, num, obj, parseJson, positive, str } from './fields.js';

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
