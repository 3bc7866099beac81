// `liqmap normalize --venue <id>`: raw frames on stdin (capture lines or bare venue frames) →
// normalised events as JSONL on stdout; drops counted and summarised on stderr.
import type { Command } from 'commander';
import { isVenueId, CaptureLineSchema } from '../../core/events.js';
import { loadAdapter } from '../../exchanges/registry.js';
import { readLines } from '../../feed/capture.js';
import { DropCounter, parseRestSafe, parseWsSafe } from '../../feed/parse-safe.js';
import { UsageError } from '../errors.js';
import { writeJsonl } from '../output.js';

export function registerNormalize(program: Command): void {
  program
    .command('normalize')
    .description('raw venue frames (JSONL on stdin) → normalised events (JSONL on stdout)')
    .requiredOption('--venue <id>', 'venue id, e.g. binance-usdm')
    .option('--strict', 'exit 1 when any frame was dropped')
    .option('--in <file>', 'read this file instead of stdin (.gz ok)', '-')
    .action(async (o: { venue: string; strict?: boolean; in: string }) => {
      if (!isVenueId(o.venue)) throw new UsageError(`--venue: unknown venue "${o.venue}"`);
      const adapter = await loadAdapter(o.venue);
      const parser = adapter.createParser(adapter.fallbackMarkets);
      const drops = new DropCounter();
      const out = writeJsonl(process.stdout);
      let frames = 0;
      let events = 0;
      let lineNo = 0;
      for await (const text of readLines(o.in)) {
        lineNo++;
        if (text.trim() === '') continue;
        frames++;
        const now = Date.now();
        const cap = text.startsWith('{"venue"') ? CaptureLineSchema.safeParse(safeJson(text)) : null;
        let res;
        if (cap?.success) {
          if (cap.data.venue !== o.venue) {
            drops.add(`line ${lineNo}: capture line of venue ${cap.data.venue}, not ${o.venue}`);
            continue;
          }
          const c = cap.data;
          res =
            c.source === 'rest'
              ? parseRestSafe(parser, { method: c.body !== undefined ? 'POST' : 'GET', path: c.path ?? '', ...(c.body !== undefined ? { body: c.body } : {}) }, c.raw, c.recvTs)
              : parseWsSafe(parser, c.raw, c.recvTs);
        } else {
          res = parseWsSafe(parser, text, now);
        }
        if (res.kind === 'drop') drops.add(res.reason);
        else if (res.kind === 'events') {
          for (const e of res.events) await out.write(e);
          events += res.events.length;
        }
      }
      await out.end();
      process.stderr.write(`normalize ${o.venue}: ${frames} frames, ${events} events, ${drops.total} dropped\n`);
      for (const [reason, n] of Object.entries(drops.toJSON())) process.stderr.write(`  ${n}× ${reason}\n`);
      if (o.strict && drops.total > 0) process.exitCode = 1;
    });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
