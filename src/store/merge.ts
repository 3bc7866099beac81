// How stored and new bars combine (see WriteMode). Rows are bars' numeric fields in BAR_FIELDS order.
import { BAR_FIELDS, NULLABLE_FIELDS, type BarField } from './columns.js';
import type { WriteMode } from './store.js';

const idx = (f: BarField): number => BAR_FIELDS.indexOf(f);
const NULLABLE_IDX = [...NULLABLE_FIELDS].map(idx);
const LIQ_IDX = (['liqLongBtc', 'liqLongUsd', 'liqLongCount', 'liqShortBtc', 'liqShortUsd', 'liqShortCount'] as const).map(idx);

/** `fill`: keep `stored`; take the new bar's values only where the stored bar has none. */
export function fillRow(stored: Float64Array, incoming: Float64Array): Float64Array {
  const out = stored.slice();
  for (const i of NULLABLE_IDX) if (Number.isNaN(out[i])) out[i] = incoming[i] as number;
  if (LIQ_IDX.every((i) => out[i] === 0)) for (const i of LIQ_IDX) out[i] = incoming[i] as number;
  return out;
}

export function combineRow(mode: WriteMode, stored: Float64Array, incoming: Float64Array): Float64Array {
  return mode === 'replace' ? incoming : fillRow(stored, incoming);
}

/** Merge two ts-sorted row lists (ts in field 0); on equal ts `combine(base, top)` decides. */
export function mergeRows(
  base: readonly Float64Array[],
  top: readonly Float64Array[],
  combine: (base: Float64Array, top: Float64Array) => Float64Array,
): Float64Array[] {
  const out: Float64Array[] = [];
  let i = 0;
  let j = 0;
  while (i < base.length || j < top.length) {
    const a = base[i];
    const b = top[j];
    if (b === undefined || (a !== undefined && (a[0] as number) < (b[0] as number))) {
      out.push(a as Float64Array);
      i++;
    } else if (a === undefined || (b[0] as number) < (a[0] as number)) {
      out.push(b);
      j++;
    } else {
      out.push(combine(a, b));
      i++;
      j++;
    }
  }
  return out;
}

/** Sort rows by ts; of several rows with one ts the last given wins. */
export function sortDedupe(rows: readonly Float64Array[]): Float64Array[] {
  const byTs = new Map<number, Float64Array>();
  for (const r of rows) byTs.set(r[0] as number, r);
  return [...byTs.values()].sort((a, b) => (a[0] as number) - (b[0] as number));
}
