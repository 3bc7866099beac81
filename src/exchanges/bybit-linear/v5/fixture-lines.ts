// Reads the venue fixture files (fixtures/<channel>.jsonl: {"source","raw"} per line) for tests and benches.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixtureLine {
  readonly source: string;
  readonly raw: string;
}

const EXCHANGES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function fixtureLines(venue: 'bybit-linear' | 'bybit-inverse', channel: string): FixtureLine[] {
  const file = path.join(EXCHANGES, venue, 'fixtures', `${channel}.jsonl`);
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FixtureLine);
}

export function fixtureFrames(venue: 'bybit-linear' | 'bybit-inverse', channel: string): string[] {
  return fixtureLines(venue, channel).map((l) => l.raw);
}
