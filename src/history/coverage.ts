// Which time ranges a history job has finished, kept in the store's meta table so an
// interrupted backfill or import resumes where it stopped.
import type { Store } from '../store/store.js';

export type Interval = readonly [from: number, to: number];

/** Union of intervals, sorted, touching ones merged. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

export function covers(list: readonly Interval[], from: number, to: number): boolean {
  return list.some(([a, b]) => a <= from && to <= b);
}

export class Coverage {
  private constructor(
    private readonly store: Store,
    private readonly key: string,
    private list: Interval[],
  ) {}

  static async load(store: Store, key: string): Promise<Coverage> {
    const raw = await store.getMeta(key);
    let list: Interval[] = [];
    if (raw) {
      const v: unknown = JSON.parse(raw);
      if (Array.isArray(v)) list = v.filter((x): x is [number, number] => Array.isArray(x) && x.length === 2 && x.every(Number.isFinite));
    }
    return new Coverage(store, key, mergeIntervals(list));
  }

  covers(from: number, to: number): boolean {
    return covers(this.list, from, to);
  }

  async add(from: number, to: number): Promise<void> {
    this.list = mergeIntervals([...this.list, [from, to]]);
    await this.store.setMeta(this.key, JSON.stringify(this.list));
  }
}
