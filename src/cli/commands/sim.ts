// `liqmap sim`: run the simulated market offline; events, 1-minute bars and/or ground truth as JSONL.
import type { Command } from 'commander';
import fs from 'node:fs';
import { BarBuilder } from '../../bars/builder.js';
import { Simulator } from '../../sim/simulator.js';
import { parseDuration } from '../duration.js';
import { UsageError } from '../errors.js';
import { writeJsonl, type JsonlWriter } from '../output.js';

interface SimFlags {
  seed: string;
  duration: string;
  start: string;
  events?: string;
  bars?: string;
  truth?: string;
  truthEvery?: string;
}

const BAR_MS = 60_000;

function out(file: string | undefined): JsonlWriter | null {
  if (!file) return null;
  return writeJsonl(file === '-' ? process.stdout : fs.createWriteStream(file));
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run the simulated market: normalised events, bars and/or its ground truth (true liquidation levels)')
    .option('--seed <n>', 'random seed', '42')
    .option('--duration <d>', 'simulated time, e.g. 1h, 24h, 3d', '1h')
    .option('--start <iso>', 'simulated start time', '2026-01-05T00:00:00Z')
    .option('--events <file>', 'write every event as JSONL (- for stdout)')
    .option('--bars <file>', 'write the 1-minute bars of every venue-market, built from the events by the live bar builder, as JSONL')
    .option('--truth <file>', 'write the open positions (true liquidation price and notional) at the end as JSONL')
    .option('--truth-every <d>', 'also write truth snapshots at this period (each line carries its ts)')
    .action(async (o: SimFlags) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got "${o.seed}"`);
      const startTs = Date.parse(o.start);
      if (!Number.isFinite(startTs)) throw new UsageError(`--start: not a date: "${o.start}"`);
      const ms = parseDuration(o.duration, '--duration');
      const every = o.truthEvery ? parseDuration(o.truthEvery, '--truth-every') : null;
      if (!o.events && !o.truth && !o.bars) throw new UsageError('give --events, --bars and/or --truth');
      if ([o.events, o.bars, o.truth].filter((f) => f === '-').length > 1) throw new UsageError('at most one output can go to stdout (-)');
      const sim = new Simulator({ seed, startTs });
      const evOut = out(o.events);
      const barsOut = out(o.bars);
      const truthOut = out(o.truth);
      // No grace: simulated events arrive in time order, so a bar is final when the clock passes it.
      const builder = barsOut ? new BarBuilder({ barMs: BAR_MS, graceMs: 0 }) : null;
      const end = sim.now + ms;
      let nextTruth = every ? sim.now + every : Infinity;
      let lastTruthTs: number | null = null;
      const writeTruth = async () => {
        if (!truthOut || lastTruthTs === sim.now) return;
        lastTruthTs = sim.now;
        for (const p of sim.truth()) await truthOut.write({ ts: sim.now, ...p });
      };
      while (sim.now + sim.params.stepMs <= end) {
        const ev = sim.step();
        if (evOut) for (const e of ev) await evOut.write(e);
        if (builder && barsOut) for (const e of ev) for (const b of builder.push(e)) await barsOut.write(b);
        if (sim.now >= nextTruth) {
          nextTruth += every as number;
          await writeTruth();
        }
      }
      // The bars that end by the last simulated instant (a partial last bar is left out).
      if (builder && barsOut) for (const b of builder.advance(Math.floor(sim.now / BAR_MS) * BAR_MS)) await barsOut.write(b);
      await writeTruth();
      await evOut?.end();
      await barsOut?.end();
      await truthOut?.end();
      process.stderr.write(`sim seed ${seed}: ${JSON.stringify(sim.stats)}\n`);
    });
}
