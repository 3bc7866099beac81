// `liqmap sim`: run the simulated market offline; events and/or ground truth as JSONL.
import type { Command } from 'commander';
import fs from 'node:fs';
import { Simulator } from '../../sim/simulator.js';
import { parseDuration } from '../duration.js';
import { UsageError } from '../errors.js';
import { writeJsonl } from '../output.js';

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run the simulated market: normalised events and/or its ground truth (true liquidation levels)')
    .option('--seed <n>', 'random seed', '42')
    .option('--duration <d>', 'simulated time, e.g. 1h, 24h, 3d', '1h')
    .option('--start <iso>', 'simulated start time', '2026-01-05T00:00:00Z')
    .option('--events <file>', 'write every event as JSONL (- for stdout)')
    .option('--truth <file>', 'write the open positions (true liquidation price and notional) at the end as JSONL')
    .option('--truth-every <d>', 'also write truth snapshots at this period (each line carries its ts)')
    .action(async (o: { seed: string; duration: string; start: string; events?: string; truth?: string; truthEvery?: string }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got "${o.seed}"`);
      const startTs = Date.parse(o.start);
      if (!Number.isFinite(startTs)) throw new UsageError(`--start: not a date: "${o.start}"`);
      const ms = parseDuration(o.duration, '--duration');
      const every = o.truthEvery ? parseDuration(o.truthEvery, '--truth-every') : null;
      if (!o.events && !o.truth) throw new UsageError('give --events and/or --truth');
      const sim = new Simulator({ seed, startTs });
      const evOut = o.events ? writeJsonl(o.events === '-' ? process.stdout : fs.createWriteStream(o.events)) : null;
      const truthOut = o.truth ? writeJsonl(o.truth === '-' ? process.stdout : fs.createWriteStream(o.truth)) : null;
      const end = sim.now + ms;
      let nextTruth = every ? sim.now + every : Infinity;
      while (sim.now + sim.params.stepMs <= end) {
        const ev = sim.step();
        if (evOut) for (const e of ev) await evOut.write(e);
        if (truthOut && sim.now >= nextTruth) {
          nextTruth += every as number;
          for (const p of sim.truth()) await truthOut.write({ ts: sim.now, ...p });
        }
      }
      if (truthOut) for (const p of sim.truth()) await truthOut.write({ ts: sim.now, ...p });
      await evOut?.end();
      await truthOut?.end();
      process.stderr.write(`sim seed ${seed}: ${JSON.stringify(sim.stats)}\n`);
    });
}
