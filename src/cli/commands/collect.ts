// `liqmap collect --bus nats://… --venues a,b`: venues → normalised events and closed bars on JetStream.
import path from 'node:path';
import type { Command } from 'commander';
import { NatsLink } from '../../bus/link.js';
import { log } from '../../log.js';
import { startCollect } from '../../scale/collect.js';
import { addScaleFlags, scaleConfig, untilSignal, type ScaleFlags } from '../../scale/options.js';

export function registerCollect(program: Command): void {
  const cmd = program
    .command('collect')
    .description('scale-out: collect a set of venues and publish events and closed bars to NATS JetStream')
    .option('--max-memory <n>', 'messages buffered in memory while NATS is away before spilling to disk', '50000');
  addScaleFlags(cmd, { db: false }).action(async (f: ScaleFlags & { maxMemory: string }) => {
    const { cfg, bus } = scaleConfig(program, f, false);
    const venues = cfg.venues.filter((v) => cfg.venue[v]?.enabled !== false);
    const spoolDir = path.join(cfg.dataDir, 'spool', `collect-${venues.join('+')}`);
    const link = await NatsLink.connect({ url: bus, prefix: f.prefix, name: `liqmap-collect ${venues.join(',')}`, spoolDir, maxMemory: Number(f.maxMemory), log });
    const c = await startCollect({ cfg, venues, link, log });
    log.info({ venues, bus, stream: link.subjects.stream, spoolDir }, 'collecting');
    await untilSignal();
    log.info({ ...c.stats, ...link.publisher.stats() }, 'stopping');
    await Promise.race([c.stop(), new Promise((r) => setTimeout(r, 10_000))]);
    await link.close();
  });
}
