#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts in turn (or those whose name contains argv[2]).
import { register } from 'tsx/esm/api';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

register();
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench');
const filter = process.argv[2] ?? '';
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
for (const f of files) {
  console.log(`\n## ${f.replace('.bench.ts', '')}`);
  const mod = await import(path.join(dir, f));
  await mod.default();
}
