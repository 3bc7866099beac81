// Query-parameter schemas shared by the routes. Query strings arrive as strings; these coerce, bound and
// describe them (the descriptions end up in the OpenAPI document).
import { z } from 'zod';
import { VENUE_IDS } from '../core/events.js';

export const DAY_MS = 86_400_000;

/** Named time ranges of the UI and their length, ms. */
export const RANGES = { '12h': 12 * 3_600_000, '24h': DAY_MS, '3d': 3 * DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS, '180d': 180 * DAY_MS, '1y': 365 * DAY_MS } as const;
export type RangeName = keyof typeof RANGES;
export const RANGE_NAMES = Object.keys(RANGES) as [RangeName, ...RangeName[]];

/** Latest time accepted anywhere: year 2100. */
const MAX_TS = 4_102_444_800_000;

/** Epoch ms or an ISO 8601 date-time. */
export const timeParam = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const t = /^\d{1,16}$/.test(s) ? Number(s) : /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : NaN;
    if (!Number.isFinite(t) || t < 0 || t > MAX_TS) {
      ctx.addIssue({ code: 'custom', message: `expected epoch ms or an ISO date-time before 2100, got ${JSON.stringify(s)}` });
      return z.NEVER;
    }
    return t;
  });

export function intParam(lo: number, hi: number) {
  return z.coerce.number().int().min(lo).max(hi);
}

export function numParam(lo: number, hi: number) {
  return z.coerce.number().min(lo).max(hi);
}

export const priceParam = z.coerce.number().positive().max(100_000_000);

/** A comma-separated list of enum values (empty items ignored, duplicates removed). */
export function listParam<const T extends readonly [string, ...string[]]>(values: T) {
  return z
    .string()
    .max(400)
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values)).min(1, 'expected at least one value'));
}

export const venuesParam = listParam(VENUE_IDS).describe(`comma-separated venue ids (${VENUE_IDS.join(', ')}); default all`);
export const sidesParam = listParam(['long', 'short'] as const).describe('comma-separated position sides: long, short; default both');
/** Leverage tiers like 25,50,100 or 25x,50x; checked against the model's tiers by the route. */
export const leverageParam = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const out: number[] = [];
    for (const raw of s.split(',').map((x) => x.trim()).filter(Boolean)) {
      const n = Number(raw.replace(/x$/i, ''));
      if (!Number.isFinite(n) || n <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected leverage tiers like 25,50,100, got ${JSON.stringify(raw)}` });
        return z.NEVER;
      }
      out.push(n);
    }
    if (out.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'expected at least one leverage tier' });
      return z.NEVER;
    }
    return [...new Set(out)];
  })
  .describe('comma-separated leverage tiers of the model, e.g. 25,50,100 (see /api/v1/meta); default all');
export const rangeParam = z.enum(RANGE_NAMES).describe('window ending now; alternative to from/to');
