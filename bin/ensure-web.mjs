#!/usr/bin/env node
// Builds the web UI (web/ → web/dist/ with Vite) when web/dist is missing or older than its sources,
// so that `npm ci && npm start` serves the UI on a fresh clone. `--force` always builds.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const dist = path.join(web, 'dist', 'index.html');

/** Newest modification time among the UI sources, ms. */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['index.html', 'vite.config.ts', 'src', 'public']) if (fs.existsSync(path.join(web, p))) walk(path.join(web, p));
  walk(path.join(root, 'package-lock.json'));
  return newest;
}

export function webIsStale() {
  return !fs.existsSync(dist) || fs.statSync(dist).mtimeMs < newestSource();
}

export async function ensureWeb({ force = false, quiet = false } = {}) {
  if (!force && !webIsStale()) return false;
  const { build } = await import('vite');
  const t0 = Date.now();
  await build({ configFile: path.join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
  if (!quiet) process.stderr.write(`liqmap: web UI built into web/dist in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await ensureWeb({ force: process.argv.includes('--force') });
  } catch (e) {
    // Not fatal: the server then serves a page that says how to build the UI.
    process.stderr.write(`liqmap: building the web UI failed: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
