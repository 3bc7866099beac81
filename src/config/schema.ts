// One zod schema for the whole configuration. Sources merge: defaults < config file < env < flags.
import { z } from 'zod';
import { VENUE_IDS } from '../core/events.js';

const venueOverride = z
  .object({
    ws: z.string().url().optional(),
    rest: z.string().url().optional(),
    markets: z.array(z.string().min(1)).min(1).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();

export const ConfigSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8080),
    dataDir: z.string().min(1).default('./data'),
    venues: z.array(z.enum(VENUE_IDS)).min(1).default([...VENUE_IDS]),
    /** Open-interest REST poll period where the venue pushes none, ms. */
    pollIntervalMs: z.number().int().min(1000).max(300_000).default(5000),
    /** Bar length, ms. */
    barMs: z.number().int().min(1000).max(3_600_000).default(60_000),
    /** Late events within this window after a bar closes are folded into it, ms. */
    lateGraceMs: z.number().int().min(0).max(60_000).default(5000),
    retentionDays: z.number().int().min(90).max(3650).default(400),
    venue: z.partialRecord(z.enum(VENUE_IDS), venueOverride).default({}),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    apiKey: z.string().min(16).optional(),
    /** Origins allowed to call the API from a browser (CORS); '*' = any. */
    corsOrigins: z.array(z.string().min(1)).default(['*']),
    /** API requests per client IP per minute. */
    rateLimitPerMin: z.number().int().min(1).max(10_000_000).default(1200),
    bus: z.string().optional(),
    db: z.string().optional(),
    /** Webhook targets in private, loopback or link-local ranges are refused unless allowed. */
    alertsAllowPrivateTargets: z.boolean().default(false),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;
