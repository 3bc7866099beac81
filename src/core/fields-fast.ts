// fields.ts's readers, value first: the caller reads `o['key']` itself (one named property load with
// its own type feedback; inside a shared reader `o[key]` is a megamorphic keyed load, about three
// times slower), the number is read by numbers.ts quickNum. Same results; on any failure fields.ts
// reads the field again and throws its own error, so messages are unchanged.
// Used by the hot paths of the Hyperliquid, BitMEX, Deribit, Gate, KuCoin and Binance parsers.
import * as fields from './fields.js';
import type { Json, JsonObject } from './fields.js';
import { quickNum } from './numbers.js';

export function str(v: Json | undefined, o: JsonObject, key: string, path = key): string {
  return typeof v === 'string' ? v : fields.str(o, key, path);
}

export function optStr(v: Json | undefined, o: JsonObject, key: string, path = key): string | undefined {
  return typeof v === 'string' ? v : fields.optStr(o, key, path);
}

export function num(v: Json | undefined, o: JsonObject, key: string, path = key): number {
  const n = quickNum(v);
  return n === n ? n : fields.num(o, key, path);
}

export function optNum(v: Json | undefined, o: JsonObject, key: string, path = key): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = quickNum(v);
  return n === n ? n : fields.num(o, key, path);
}

export function positive(v: Json | undefined, o: JsonObject, key: string, path = key): number {
  const n = quickNum(v);
  return n > 0 ? n : fields.positive(o, key, path);
}

export function epochMs(v: Json | undefined, o: JsonObject, key: string, path = key): number {
  const n = quickNum(v);
  return fields.isEpochMs(n) ? n : fields.epochMs(o, key, path);
}

// Row readers (fields.ts item*): the path `prefix[index].key` is built only when one fails.

export function itemStr(v: Json | undefined, o: JsonObject, key: string, prefix: string, index: number): string {
  return typeof v === 'string' ? v : fields.itemStr(o, key, prefix, index);
}

export function itemNum(v: Json | undefined, o: JsonObject, key: string, prefix: string, index: number): number {
  const n = quickNum(v);
  return n === n ? n : fields.itemNum(o, key, prefix, index);
}

export function itemOptNum(v: Json | undefined, o: JsonObject, key: string, prefix: string, index: number): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = quickNum(v);
  return n === n ? n : fields.itemNum(o, key, prefix, index);
}

export function itemPositive(v: Json | undefined, o: JsonObject, key: string, prefix: string, index: number): number {
  const n = quickNum(v);
  return n > 0 ? n : fields.itemPositive(o, key, prefix, index);
}
