import { describe, expect, it } from 'vitest';
import { bool, either, flat, num, object, rows, value } from './scan-template.js';

const ROW = object({ id: 'string', a: 'number', b: 'boolean', c: 'scalar' });
const whole = new RegExp(`^${ROW}$`);

describe('scan-template', () => {
  it('captures the listed keys in order, others skipped, absent ones undefined', () => {
    const g = whole.exec('{"id":"x","z":1,"a":-1.5e3,"q":null}');
    expect(g?.slice(1)).toEqual(['x', '-1.5e3', undefined, undefined]);
    expect(num(g?.[2])).toBe(-1500);
    expect(whole.exec('{"id":"x","b":true,"c":"s"}')?.slice(1)).toEqual(['x', undefined, 'true', '"s"']);
    expect(whole.exec('{"id":"x","o":{"k":1,"j":"s"},"a":2}')?.[2]).toBe('2'); // a flat object value skipped
    expect(bool('false')).toBe(false);
    expect([value('"s"'), value('null'), value('true'), value('0.1'), value(undefined)]).toEqual(['s', null, true, 0.1, undefined]);
  });

  it('rejects what JSON.parse would read otherwise or not at all', () => {
    for (const t of [
      '{"id":"x","a":1,"a":2}', // repeated key
      '{"a":1,"id":"x"}', // first key not first
      '{"id":"x","b":true,"a":1}', // listed keys out of order
      '{"id":"x","a":"1"}', // wrong kind
      '{"id":"x","a":01}', // not JSON
      '{"id":"x\\"y"}', // escape
      '{"id":"x", "a":1}', // whitespace
      '{"id":"x","o":{"p":[1]}}', // a value deeper than a flat object
      '{"id":"x","a":{}}', // a listed key's value not a scalar
    ])
      expect(whole.test(t), t).toBe(false);
  });

  it('spaced: JSON whitespace around every token, nothing else changed', () => {
    const spaced = new RegExp(`^${object({ id: 'string', a: 'number' }, [], true)}$`);
    expect(spaced.exec('{ "id" : "x" ,\n "o": { "k" : 1 } , "a":\t2 }')?.slice(1)).toEqual(['x', '2']);
    for (const t of ['{"id":"x","a":1,"a":2}', '{"id":"x", "a": 01}', '{ "id": "x" , }']) expect(spaced.test(t), t).toBe(false);
    const members = Array.from({ length: 2000 }, (_, i) => `"x${i}" : ${i} `).join(',');
    const t0 = performance.now();
    for (const tail of ['} ', ', "a" : 1 ,}', ',"id":"y"}']) expect(spaced.test(`{ "id":"x" ,${members},"a":1,${members}${tail}`)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('fails in linear time on long texts that do not match', () => {
    const members = Array.from({ length: 2000 }, (_, i) => `"x${i}":${i}`).join(',');
    const t0 = performance.now();
    for (const tail of ['} ', ',"a":1}', ',"id":"y"}']) expect(whole.test(`{"id":"x",${members},"b":false,${members}${tail}`)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('either: the keys after the first in one of the orders, groups per order', () => {
    const re = new RegExp(`^${either({ id: 'string' }, [{ a: 'number', b: 'scalar' }, { b: 'scalar', a: 'number' }])}$`);
    expect(re.exec('{"id":"x","z":1,"a":1,"q":2,"b":true}')?.slice(1)).toEqual(['x', '1', 'true', undefined, undefined]);
    expect(re.exec('{"id":"x","b":null,"a":2}')?.slice(1)).toEqual(['x', undefined, undefined, 'null', '2']);
    expect(re.exec('{"id":"x","a":3}')?.slice(1)).toEqual(['x', '3', undefined, undefined, undefined]);
    for (const t of ['{"id":"x"}', '{"id":"x","a":1,"b":2,"a":3}', '{"id":"x","b":1,"b":2}', '{"id":"x","a":1,"a":2}', '{"id":"x","a":"1"}']) expect(re.test(t), t).toBe(false);
    const spaced = new RegExp(`^${either({ id: 'string' }, [{ a: 'number' }, { b: 'number' }], true)}$`);
    expect(spaced.exec('{ "id" : "x" , "b" : 2 }')?.slice(1)).toEqual(['x', undefined, '2']);
    const members = Array.from({ length: 2000 }, (_, i) => `"x${i}":${i}`).join(',');
    const t0 = performance.now();
    for (const tail of ['} ', ',"a":1,"a":1}', ',"b":1,"a":1,"b":1}']) expect(re.test(`{"id":"x",${members},"b":false,${members}${tail}`)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('a list of strings as a kind: one of them, a group each', () => {
    const re = new RegExp(`^${object({ ch: ['a.b', 'c'], n: 'number' })}$`);
    expect(re.exec('{"ch":"c","n":1}')?.slice(1)).toEqual([undefined, 'c', '1']);
    expect(re.exec('{"ch":"a.b"}')?.slice(1)).toEqual(['a.b', undefined, undefined]);
    for (const t of ['{"ch":"axb"}', '{"ch":"cc"}', '{"ch":"a\\u002eb"}']) expect(re.test(t), t).toBe(false);
  });

  it('reads an array of rows with a sticky row regex', () => {
    const out: string[] = [];
    const row = new RegExp(ROW, 'y');
    const text = '[{"id":"p"},{"id":"q","a":2}]';
    expect(rows(text, 0, row, (g) => `${g[1]}${g[2] ?? ''}`, out)).toBe(text.length);
    expect(out).toEqual(['p', 'q2']);
    expect(rows('[{"id":"p"} ]', 0, row, () => 0, [])).toBe(13);
    expect(rows('[{"id":"p"} {"id":"q"}]', 0, row, () => 0, [])).toBe(-1);
    expect(rows('[]', 0, row, () => 0, [])).toBe(2);
    expect(new RegExp(`^${flat()}$`).test('{"k":1,"j":"s"}')).toBe(true);
  });
});
