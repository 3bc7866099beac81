// Test helpers for the Deribit suite: fixture lines, condition polling.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RestRequest } from '../../core/venue.js';

export interface FixtureLine {
  readonly source: string;
  readonly raw: string;
  /** REST fixtures: the request the body answers. */
  readonly request?: RestRequest;
}

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(channel: string): FixtureLine[] {
  return fs
    .readFileSync(path.join(DIR, `${channel}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FixtureLine);
}

export function allFixtureFrames(): string[] {
  return fs
    .readdirSync(DIR)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => fixture(f.replace(/\.jsonl$/, '')).map((l) => l.raw));
}

/** Resolves once `cond()` holds; rejects after `ms` naming `what`. */
export async function until(what: string, cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
