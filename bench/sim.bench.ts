// Simulated events per second, a simulated day of all venues (target: under 30 s), and the demo's
// start-up history: three days through the bar builder at the history cadence.
import { performance } from 'node:perf_hooks';
import { pregenerate } from '../src/demo/history.js';
import { Simulator } from '../src/sim/simulator.js';
import { Rng } from '../src/sim/rng.js';
import { measure, report } from './util.js';

export default async function bench(): Promise<void> {
  // Baseline: drawing the same number of normals the price path needs, with no market at all.
  const rng = new Rng(1);
  const base = measure('baseline: 86,400 normal draws', 86_400, () => {
    let s = 0;
    for (let i = 0; i < 86_400; i++) s += rng.normal();
    if (s === Infinity) console.log(s);
  });
  report(base);
  const t0 = performance.now();
  const sim = new Simulator({ seed: 1 });
  let events = 0;
  sim.runUntil(sim.now + 86_400_000, (ev) => {
    events += ev.length;
  });
  const ms = performance.now() - t0;
  const simT = { label: 'simulated day, 13 venue-markets', opsPerSec: (86_400 / ms) * 1000, msPerRun: ms };
  report(simT, base);
  console.log(`  ${events.toLocaleString('en-US')} events in ${(ms / 1000).toFixed(2)} s = ${Math.round((events / ms) * 1000).toLocaleString('en-US')} events/s (target: a day in < 30 s)`);
  const h0 = performance.now();
  const hist = new Simulator({ seed: 1 });
  const gen = await pregenerate(hist, hist.now + 3 * 86_400_000, 60_000, { bars: async () => undefined, liquidations: async () => undefined });
  const hms = performance.now() - h0;
  report({ label: 'demo history: 3 simulated days → 1-minute bars', opsPerSec: (3 * 86_400 / hms) * 1000, msPerRun: hms }, simT);
  console.log(`  ${gen.bars.toLocaleString('en-US')} bars, ${gen.liquidations.toLocaleString('en-US')} liquidations in ${(hms / 1000).toFixed(2)} s (part of the demo's < 10 s start)`);
}
