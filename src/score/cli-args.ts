// Parsing of the score verb's option values.
import { UsageError } from '../cli/errors.js';

/** ISO-8601 or epoch milliseconds. */
export function parseInstant(flag: string, raw: string): number {
  if (/^\d+$/.test(raw)) {
    const v = Number(raw);
    if (v < 1e11) throw new UsageError(`${flag} ${raw}: looks like seconds; give epoch milliseconds or an ISO time`);
    return v;
  }
  const v = Date.parse(raw);
  if (!Number.isFinite(v)) throw new UsageError(`${flag} ${raw}: not an ISO time or epoch milliseconds`);
  return v;
}

const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration like 30m, 4h, 1d. */
export function parseDuration(flag: string, raw: string): number {
  const m = /^(\d+(?:\.\d+)?)([mhd])$/.exec(raw.trim());
  if (!m) throw new UsageError(`${flag} ${raw}: expected a duration like 30m, 4h or 1d`);
  const ms = Number(m[1]) * (UNIT_MS[m[2] as string] as number);
  if (!(ms > 0)) throw new UsageError(`${flag} ${raw}: must be positive`);
  return ms;
}

export function parseHorizons(raw: string): { readonly label: string; readonly ms: number }[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((label) => ({ label, ms: parseDuration('--horizon', label) }));
}

export function parsePositiveInt(flag: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v <= 0) throw new UsageError(`${flag} ${raw}: expected a positive whole number`);
  return v;
}
