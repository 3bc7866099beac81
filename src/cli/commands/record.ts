// `liqmap record --venues <ids|all> --out capture.jsonl.gz [--duration 10m]`: raw frames to a capture file.
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.js';
import { parseVenueList } from '../../exchanges/registry.js';
import { openCaptureWriter } from '../../feed/capture.js';
import { startFeed } from '../../feed/runtime.js';
import { log } from '../../log.js';
import { UsageError } from '../errors.js';
import { parseDuration } from '../duration.js';

export function registerRecord(program: Command): void {
  program
    .command('record')
    .description('record raw venue frames and REST polls to a JSONL capture (gzip when .gz)')
    .requiredOption('--out <file>', 'capture file, e.g. capture.jsonl.gz')
    .option('--venues <ids>', 'comma-separated venue ids or all', 'binance-usdm')
    .option('--duration <d>', 'stop after this long (e.g. 90s, 10m, 1h); default: until Ctrl-C')
    .action(async (o: { out: string; venues: string; duration?: string }) => {
      let venues;
      try {
        venues = parseVenueList(o.venues);
      } catch (e) {
        throw new UsageError(`--venues: ${(e as Error).message}`);
      }
      const ms = o.duration ? parseDuration(o.duration, '--duration') : null;
      const cfg = loadConfig({ file: program.opts<{ config?: string }>().config });
      const writer = openCaptureWriter(o.out);
      const feed = await startFeed(cfg, venues, { onEvent: () => undefined, onRaw: (l) => writer.write(l) }, log);
      log.info({ venues, out: o.out }, 'recording');
      await new Promise<void>((resolve) => {
        const done = () => resolve();
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        if (ms !== null) setTimeout(done, ms).unref();
      });
      feed.stop();
      await writer.close();
      process.stderr.write(`recorded ${writer.lines} lines to ${o.out}\n`);
      for (const c of feed.collectors) process.stderr.write(`  ${JSON.stringify(c.health())}\n`);
    });
}
