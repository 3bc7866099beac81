// Reads a venue's captured frames (<venue dir>/fixtures/<channel>.jsonl: one {"source","raw"} per
// line, REST lines also carry the request they answer) for tests and benches.
import fs from 'node:fs';
import path from 'node:path';
import type { RestRequest } from '../../core/venue.js';

export interface FixtureLine {
  readonly source: string;
  readonly raw: string;
  /** REST fixtures: the request the body answers. */
  readonly request?: RestRequest;
}

/** The fixture channels of `<dir>/fixtures` (file names without .jsonl), in directory order. */
export function fixtureChannels(dir: string): string[] {
  return fs
    .readdirSync(path.join(dir, 'fixtures'))
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => f.replace(/\.jsonl$/, ''));
}

/** The lines of `<dir>/fixtures/<channel>.jsonl`. */
export function fixtureLines(dir: string, channel: string): FixtureLine[] {
  return fs
    .readFileSync(path.join(dir, 'fixtures', `${channel}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as FixtureLine);
}

/** The lines of every channel of `<dir>/fixtures` that `keep` accepts (all by default). */
export function allFixtureLines(dir: string, keep: (channel: string) => boolean = () => true): FixtureLine[] {
  return fixtureChannels(dir)
    .filter(keep)
    .flatMap((c) => fixtureLines(dir, c));
}

/** Fixture readers bound to one venue directory (pass `import.meta.dirname`). */
export function venueFixtures(dir: string): { fixture(channel: string): FixtureLine[]; allFixtureFrames(): string[] } {
  return {
    fixture: (channel) => fixtureLines(dir, channel),
    allFixtureFrames: () => allFixtureLines(dir).map((l) => l.raw),
  };
}
