// A stand-in for the liquidation model in store tests: order-sensitive state, checkpointable as bytes.
import type { Bar } from '../../bars/bar.js';

export interface ToyState {
  n: number;
  h: number;
  lastTs: number;
}

export const emptyToy = (): ToyState => ({ n: 0, h: 17, lastTs: -1 });

export function stepToy(s: ToyState, b: Bar): void {
  s.n++;
  s.h = (Math.imul(s.h, 31) + Math.round(b.close * 100) + b.venue.length) >>> 0;
  s.lastTs = b.ts;
}

export const toyToBytes = (s: ToyState): Uint8Array => new TextEncoder().encode(JSON.stringify(s));
export const toyFromBytes = (d: Uint8Array): ToyState => JSON.parse(new TextDecoder().decode(d)) as ToyState;
