// Bench helpers: time a function over repeated runs and print figures with a ratio to a baseline.
import { performance } from 'node:perf_hooks';

export interface Timing {
  readonly label: string;
  readonly opsPerSec: number;
  readonly msPerRun: number;
}

/** Run `fn` (which processes `ops` items) until `minMs` has passed; report the best run. */
export function measure(label: string, ops: number, fn: () => void, minMs = 400): Timing {
  fn(); // warm-up
  let best = Infinity;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return { label, opsPerSec: (ops / best) * 1000, msPerRun: best };
}

export function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(2);
}

/** Print `t` and its ratio to `baseline` on one line. */
export function report(t: Timing, baseline?: Timing, target?: string): void {
  const ratio = baseline ? `  ratio ${(t.opsPerSec / baseline.opsPerSec).toFixed(2)}× vs ${baseline.label}` : '';
  console.log(`${t.label.padEnd(44)} ${fmt(t.opsPerSec).padStart(14)} ops/s  ${t.msPerRun.toFixed(2)} ms/run${ratio}${target ? `  (target ${target})` : ''}`);
}
