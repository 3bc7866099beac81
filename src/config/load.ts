// Build the effective configuration: defaults < config file < env < flags, validated once.
import fs from 'node:fs';
import { z } from 'zod';
import { ConfigSchema, type Config } from './schema.js';
import { VENUE_IDS, type VenueId } from '../core/events.js';

export class ConfigError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** `binance-usdm` → `BINANCE_USDM`. */
export function envName(venue: VenueId): string {
  return venue.toUpperCase().replace(/-/g, '_');
}

type Raw = Record<string, unknown>;

function readFile(file: string): Raw {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`config file ${file}: cannot read (${(e as Error).message})`);
  }
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('top level must be an object');
    return v as Raw;
  } catch (e) {
    throw new ConfigError(`config file ${file}: invalid JSON (${(e as Error).message})`);
  }
}

function intEnv(env: NodeJS.ProcessEnv, name: string, key: string, out: Raw): void {
  const v = env[name];
  if (v === undefined || v === '') return;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new ConfigError(`${key} (env ${name}): expected a number, got ${JSON.stringify(v)}`);
  out[key] = n;
}

function fromEnv(env: NodeJS.ProcessEnv): Raw {
  const out: Raw = {};
  if (env.LIQMAP_HOST) out.host = env.LIQMAP_HOST;
  intEnv(env, 'LIQMAP_PORT', 'port', out);
  if (env.LIQMAP_DATA_DIR) out.dataDir = env.LIQMAP_DATA_DIR;
  if (env.LIQMAP_VENUES) out.venues = env.LIQMAP_VENUES.split(',').map((s) => s.trim()).filter(Boolean);
  intEnv(env, 'LIQMAP_POLL_INTERVAL_MS', 'pollIntervalMs', out);
  if (env.LIQMAP_LOG_LEVEL) out.logLevel = env.LIQMAP_LOG_LEVEL;
  if (env.LIQMAP_API_KEY) out.apiKey = env.LIQMAP_API_KEY;
  if (env.LIQMAP_BUS) out.bus = env.LIQMAP_BUS;
  if (env.LIQMAP_DB) out.db = env.LIQMAP_DB;
  const venue: Raw = {};
  for (const id of VENUE_IDS) {
    const ws = env[`LIQMAP_${envName(id)}_WS`];
    const rest = env[`LIQMAP_${envName(id)}_REST`];
    if (ws || rest) venue[id] = { ...(ws ? { ws } : {}), ...(rest ? { rest } : {}) };
  }
  if (Object.keys(venue).length) out.venue = venue;
  return out;
}

function merge(a: Raw, b: Raw): Raw {
  const out: Raw = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    if (v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object' && !Array.isArray(prev)) {
      out[k] = merge(prev as Raw, v as Raw);
    } else if (v !== undefined) {
      out[k] = v;
    }
  }
  return out;
}

function explain(err: z.ZodError): string {
  return err.issues
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

export interface LoadOptions {
  readonly file?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Values from command-line flags (undefined entries ignored). */
  readonly flags?: Raw;
}

export function loadConfig(opts: LoadOptions = {}): Config {
  const env = opts.env ?? process.env;
  const file = opts.file ?? env.LIQMAP_CONFIG;
  let raw: Raw = {};
  if (file) raw = merge(raw, readFile(file));
  raw = merge(raw, fromEnv(env));
  if (opts.flags) raw = merge(raw, opts.flags);
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${explain(parsed.error)}`);
  return parsed.data;
}
