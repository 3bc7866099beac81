// Reads the Bybit venues' fixture files (fixtures/<channel>.jsonl) for tests and benches (../../testing/fixtures.ts).
import path from 'node:path';
import { fixtureLines as venueFixtureLines, type FixtureLine } from '../../testing/fixtures.js';

export type { FixtureLine };

const EXCHANGES = path.resolve(import.meta.dirname, '..', '..');

export function fixtureLines(venue: 'bybit-linear' | 'bybit-inverse', channel: string): FixtureLine[] {
  return venueFixtureLines(path.join(EXCHANGES, venue), channel);
}

export function fixtureFrames(venue: 'bybit-linear' | 'bybit-inverse', channel: string): string[] {
  return fixtureLines(venue, channel).map((l) => l.raw);
}
