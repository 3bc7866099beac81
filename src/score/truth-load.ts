// Ground-truth snapshots from `liqmap sim --truth`: one open position per line, each with the
// snapshot time `ts`. Lines are grouped into snapshots by ts; a position id seen twice in one
// snapshot counts once.
import { InputError } from './input-error.js';
import { forEachLine } from './read-lines.js';

/** Every open position at one instant, as parallel arrays. */
export interface TruthSnapshot {
  readonly ts: number;
  /** 0 = long, 1 = short. */
  readonly side: Uint8Array;
  readonly liqPrice: Float64Array;
  readonly notionalUsd: Float64Array;
}

export interface TruthInput {
  readonly file: string;
  /** Increasing ts. */
  readonly snapshots: readonly TruthSnapshot[];
  readonly positions: number;
}

interface Building {
  readonly ts: number;
  readonly ids: Set<number>;
  readonly side: number[];
  readonly liq: number[];
  readonly usd: number[];
}

function field(obj: Record<string, unknown>, name: string, file: string, line: number, ok: (v: number) => boolean): number {
  const v = obj[name];
  if (typeof v !== 'number' || !ok(v)) throw new InputError(file, line, name, `expected ${name === 'ts' ? 'epoch ms' : 'a positive number'}, got ${JSON.stringify(v)}`);
  return v;
}

function finish(b: Building): TruthSnapshot {
  return { ts: b.ts, side: Uint8Array.from(b.side), liqPrice: Float64Array.from(b.liq), notionalUsd: Float64Array.from(b.usd) };
}

/** Parses truth lines handed over one by one (line numbers from 1). */
export class TruthParser {
  private readonly done: TruthSnapshot[] = [];
  private cur: Building | null = null;
  private count = 0;

  constructor(private readonly file: string) {}

  line(raw: string, line: number): void {
    const text = raw.trim();
    if (text === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      throw new InputError(this.file, line, null, `not JSON: ${(e as Error).message}`);
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw new InputError(this.file, line, null, 'not a truth position object');
    const o = obj as Record<string, unknown>;
    const ts = field(o, 'ts', this.file, line, (v) => Number.isInteger(v) && v > 1e11);
    const liq = field(o, 'liqPrice', this.file, line, (v) => v > 0 && Number.isFinite(v));
    const usd = field(o, 'notionalUsd', this.file, line, (v) => v >= 0 && Number.isFinite(v));
    if (o.side !== 'long' && o.side !== 'short') throw new InputError(this.file, line, 'side', `expected "long" or "short", got ${JSON.stringify(o.side)}`);
    if (this.cur && ts < this.cur.ts) throw new InputError(this.file, line, 'ts', `snapshot time goes backwards (${ts} after ${this.cur.ts})`);
    if (!this.cur || ts !== this.cur.ts) {
      if (this.cur) this.done.push(finish(this.cur));
      this.cur = { ts, ids: new Set(), side: [], liq: [], usd: [] };
    }
    const id = o.id;
    if (typeof id === 'number') {
      if (this.cur.ids.has(id)) return;
      this.cur.ids.add(id);
    }
    this.cur.side.push(o.side === 'long' ? 0 : 1);
    this.cur.liq.push(liq);
    this.cur.usd.push(usd);
    this.count++;
  }

  end(): TruthInput {
    if (this.cur) this.done.push(finish(this.cur));
    this.cur = null;
    if (this.done.length === 0) throw new InputError(this.file, null, null, 'no truth positions');
    return { file: this.file, snapshots: this.done, positions: this.count };
  }
}

export function parseTruth(file: string, text: string): TruthInput {
  const p = new TruthParser(file);
  text.split('\n').forEach((l, i) => p.line(l, i + 1));
  return p.end();
}

/** Reads a truth JSONL file line by line (it is often too large for one string). */
export function readTruthFile(file: string): TruthInput {
  const p = new TruthParser(file);
  forEachLine(file, (l, n) => p.line(l, n));
  return p.end();
}
