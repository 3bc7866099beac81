// Cheap guards on what enters the store: the encodings rely on finite numbers (NaN means null).
import type { Bar } from '../bars/bar.js';
import { isVenueId, type LiquidationEvent } from '../core/events.js';
import { BAR_FIELDS, NULLABLE_FIELDS } from './columns.js';

export class InvalidRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRecordError';
  }
}

export function checkBar(b: Bar): void {
  const where = `bar ${b.venue} ${b.market} ts=${b.ts}`;
  if (!isVenueId(b.venue)) throw new InvalidRecordError(`${where}: unknown venue`);
  if (typeof b.market !== 'string' || b.market === '') throw new InvalidRecordError(`${where}: empty market`);
  if (!Number.isSafeInteger(b.ts) || b.ts < 0) throw new InvalidRecordError(`${where}: ts must be a non-negative integer`);
  if (!Number.isSafeInteger(b.durationMs) || b.durationMs <= 0) throw new InvalidRecordError(`${where}: durationMs must be a positive integer`);
  for (const f of BAR_FIELDS) {
    const v = b[f];
    if (v === null && NULLABLE_FIELDS.has(f)) continue;
    if (f === 'gap' ? typeof v !== 'boolean' : typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidRecordError(`${where}: ${f} = ${String(v)} is not ${f === 'gap' ? 'a boolean' : 'a finite number'}`);
    }
  }
}

export function checkLiquidation(e: LiquidationEvent): void {
  const ok =
    isVenueId(e.venue) &&
    e.market !== '' &&
    Number.isSafeInteger(e.ts) &&
    Number.isSafeInteger(e.recvTs) &&
    [e.price, e.qty, e.notionalUsd].every((v) => Number.isFinite(v) && v > 0) &&
    (e.side === 'long' || e.side === 'short');
  if (!ok) throw new InvalidRecordError(`liquidation ${e.venue} ${e.market} ts=${e.ts}: invalid fields`);
}
