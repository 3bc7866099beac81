import { UsageError } from './errors.js';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** "90s", "10m", "24h", "3d", "1y" → ms; a clear error naming the option otherwise. */
export function parseDuration(text: string, option: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)$/.exec(text.trim());
  if (!m) throw new UsageError(`${option}: expected a duration like 90s, 10m, 24h, 3d or 1y, got "${text}"`);
  const ms = Number(m[1]) * (UNITS[m[2] as string] ?? 0);
  if (!(ms > 0)) throw new UsageError(`${option}: duration must be > 0`);
  return ms;
}
