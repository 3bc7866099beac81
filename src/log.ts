// pino logger: JSON by default, pretty on a TTY; LIQMAP_LOG_LEVEL sets the level. Logs go to stderr
// so that stdout stays clean for JSONL output of CLI verbs.
import { pino, type Logger } from 'pino';

function make(): Logger {
  const level = process.env.LIQMAP_LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');
  if (process.stderr.isTTY && !process.env.LIQMAP_LOG_JSON) {
    return pino({ level, transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } } });
  }
  return pino({ level }, pino.destination(2));
}

export const log: Logger = make();
export type { Logger };
