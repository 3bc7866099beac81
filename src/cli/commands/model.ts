// `liqmap model --bus nats://… --db postgres://…`: bars from JetStream → model → PostgreSQL, heatmap updates out.
import type { Command } from 'commander';
import { PostgresAlertStore } from '../../alerts/postgres-store.js';
import { NatsLink } from '../../bus/link.js';
import { log } from '../../log.js';
import { DEFAULT_PARAMS } from '../../model/index.js';
import { ModelWorker } from '../../scale/model-worker.js';
import { addScaleFlags, scaleConfig, untilSignal, type ScaleFlags } from '../../scale/options.js';
import { openStore } from '../../store/open.js';

export function registerModel(program: Command): void {
  const cmd = program
    .command('model')
    .description('scale-out: run the model on the bars in NATS JetStream (durable consumer) and store bars and checkpoints in PostgreSQL')
    .option('--durable <name>', 'durable consumer name', 'liqmap-model')
    .option('--checkpoint-every <min>', 'bar minutes between checkpoints', '15');
  addScaleFlags(cmd, { db: true }).action(async (f: ScaleFlags & { durable: string; checkpointEvery: string }) => {
    const { cfg, bus, db } = scaleConfig(program, f, true);
    const store = openStore({ dataDir: cfg.dataDir, db: db as string });
    const alertStore = PostgresAlertStore.open(db as string, { onIdleError: (e) => log.warn({ err: e.message }, 'PostgreSQL connection lost (alerts)') });
    const link = await NatsLink.connect({ url: bus, prefix: f.prefix, name: 'liqmap-model', log });
    const venues = cfg.venues.filter((v) => cfg.venue[v]?.enabled !== false);
    const worker = new ModelWorker({
      link,
      store,
      params: DEFAULT_PARAMS,
      venues,
      barMs: cfg.barMs,
      durable: f.durable,
      checkpointEveryMs: Number(f.checkpointEvery) * 60_000,
      alerts: { store: alertStore, allowPrivateTargets: cfg.alertsAllowPrivateTargets },
      log,
    });
    await worker.start();
    log.info({ bus, db: store.location, durable: f.durable }, 'model running');
    await untilSignal();
    await worker.stop();
    log.info({ ...worker.stats }, 'model stopped');
    await link.close();
    await store.close();
    await alertStore.close();
  });
}
