// Progress for long start-up work: a cli-progress bar on a TTY, a log line per 10% otherwise.
import cliProgress from 'cli-progress';
import type { Logger } from '../log.js';

export function stageProgress(log: Logger): { update(stage: string, fraction: number): void; stop(): void } {
  const tty = process.stderr.isTTY === true;
  const bars = new Map<string, cliProgress.SingleBar>();
  const multi = tty ? new cliProgress.MultiBar({ format: ' {stage} [{bar}] {percentage}%', hideCursor: true, stream: process.stderr, clearOnComplete: false }, cliProgress.Presets.shades_classic) : null;
  const lastLogged = new Map<string, number>();
  return {
    update(stage, fraction) {
      const pct = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      if (multi) {
        let b = bars.get(stage);
        if (!b) {
          b = multi.create(100, 0, { stage: stage.padEnd(18) });
          bars.set(stage, b);
        }
        b.update(pct, { stage: stage.padEnd(18) });
        return;
      }
      const step = Math.floor(pct / 10);
      if (step !== lastLogged.get(stage)) {
        lastLogged.set(stage, step);
        log.info({ stage, percent: pct }, 'starting');
      }
    },
    stop() {
      multi?.stop();
    },
  };
}
