// Progress of long history jobs: one bar per task on a terminal (stderr), periodic log lines
// otherwise, so that logs of unattended runs stay readable.
import cliProgress from 'cli-progress';
import type { Logger } from '../log.js';

export interface ProgressTask {
  /** Advance by `n` units; `status` replaces the short text after the bar. */
  tick(n?: number, status?: string): void;
  /** Grow the total (work discovered late). */
  setTotal(total: number): void;
  finish(status: string): void;
}

export interface Progress {
  task(name: string, total: number): ProgressTask;
  stop(): void;
}

/** Bars when `tty`, else an info line per task at most every `intervalMs` and when it ends. */
export function createProgress(opts: { readonly tty: boolean; readonly log: Pick<Logger, 'info'>; readonly intervalMs?: number; readonly stream?: NodeJS.WritableStream }): Progress {
  return opts.tty ? barProgress(opts.stream ?? process.stderr) : logProgress(opts.log, opts.intervalMs ?? 10_000);
}

function barProgress(stream: NodeJS.WritableStream): Progress {
  const multi = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WriteStream,
      format: '{name} [{bar}] {percentage}% {value}/{total} {status}',
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      barsize: 30,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    task(name, total) {
      const bar = multi.create(Math.max(total, 1), 0, { name: name.padEnd(14), status: '' });
      return {
        tick: (n = 1, status) => bar.increment(n, status === undefined ? {} : { status }),
        setTotal: (t) => bar.setTotal(Math.max(t, 1)),
        finish: (status) => bar.update(bar.getTotal(), { status }),
      };
    },
    stop: () => multi.stop(),
  };
}

function logProgress(log: Pick<Logger, 'info'>, intervalMs: number): Progress {
  return {
    task(name, total) {
      let value = 0;
      let last = Date.now();
      let status = '';
      return {
        tick(n = 1, s) {
          value += n;
          if (s !== undefined) status = s;
          if (Date.now() - last >= intervalMs) {
            last = Date.now();
            log.info(`${name}: ${value}/${total} (${Math.floor((100 * value) / Math.max(total, 1))}%) ${status}`.trim());
          }
        },
        setTotal(t) {
          total = t;
        },
        finish(s) {
          log.info(`${name}: ${s}`);
        },
      };
    },
    stop() {},
  };
}
