// `liqmap replay <capture> [--bars]`: a capture through the same parsers and bar builder as live.
import type { Command } from 'commander';
import fs from 'node:fs';
import { BarBuilder } from '../../bars/builder.js';
import { newReplayStats, replayEvents } from '../../feed/replay.js';
import { loadConfig } from '../../config/load.js';
import { UsageError } from '../errors.js';
import { writeJsonl } from '../output.js';

export function registerReplay(program: Command): void {
  program
    .command('replay')
    .description('replay a capture file: normalised events (or closed bars with --bars) as JSONL')
    .argument('<capture>', 'capture file (.jsonl or .jsonl.gz)')
    .option('--bars', 'print closed bars instead of events')
    .action(async (file: string, o: { bars?: boolean }) => {
      if (!fs.existsSync(file)) throw new UsageError(`${file}: no such file`);
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config });
      const stats = newReplayStats();
      const out = writeJsonl(process.stdout);
      const builder = o.bars ? new BarBuilder({ barMs: cfg.barMs, graceMs: cfg.lateGraceMs }) : null;
      for await (const e of replayEvents(file, stats)) {
        if (!builder) await out.write(e);
        else for (const b of builder.push(e)) await out.write(b);
      }
      if (builder) for (const b of builder.flush()) await out.write(b);
      await out.end();
      const late = builder ? `, ${builder.stats.late} late, ${builder.stats.duplicates} duplicate trades` : '';
      process.stderr.write(`replay ${file}: ${stats.lines} lines, ${stats.events} events, ${stats.controls} control, ${stats.drops.total} dropped${late}\n`);
      for (const [reason, n] of Object.entries(stats.drops.toJSON())) process.stderr.write(`  ${n}× ${reason}\n`);
    });
}
