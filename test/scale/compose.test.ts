// docker-compose.yml, run without Docker: each liqmap service of the file (two collectors, the model,
// two API replicas) runs as a process with the file's own command and environment plus the image's ENV,
// the service hostnames (nats, postgres) pointed at the test servers and every venue at a local mock.
// It proves the file's commands, flags and variables start a working deployment.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VENUE_IDS, type VenueId } from '../../src/core/events.js';
import type { DemoMarket } from '../../src/demo/driver.js';
import { parsePgUrl } from '../../src/store/postgres/url.js';
import { uniqueSchema, withSchema } from '../../src/store/postgres/test-support.js';
import { mockEnv, ROOT, startMarket } from '../integration/support.js';
import { dropStream, testServers, uniquePrefix, waitFor } from './support.js';

interface Service {
  readonly image?: string;
  readonly command?: string[];
  readonly environment?: Record<string, string>;
  readonly ports?: string[];
  readonly volumes?: string[];
}

const servers = await testServers();
const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };

/** The image's `ENV` settings (Dockerfile), which every liqmap container starts with. */
function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n')) {
    const m = /^ENV\s+(.+)$/.exec(line.trim());
    if (m) for (const kv of m[1]!.split(/\s+/)) env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
  }
  return env;
}

/** A service's environment with the compose hostnames mapped to the test servers. */
function hostEnv(svc: Service, schema: string, dataDir: string): Record<string, string> {
  const env = { ...imageEnv(), ...svc.environment };
  const bus = new URL(env.LIQMAP_BUS!);
  expect(bus.hostname).toBe('nats');
  env.LIQMAP_BUS = servers.nats;
  const db = new URL(env.LIQMAP_DB!);
  expect(db.hostname).toBe('postgres');
  expect(db.searchParams.get('schema')).toBeTruthy();
  env.LIQMAP_DB = withSchema(servers.pg, schema);
  // Each container has its own /data volume and its own port 8080 (published as 8081, 8082).
  expect(env.LIQMAP_DATA_DIR).toBe('/data');
  env.LIQMAP_DATA_DIR = dataDir;
  if (svc.ports) env.LIQMAP_PORT = '0';
  return env;
}

interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly log: string[];
  url: string | null;
}

describe.skipIf(servers.skip !== null)('docker-compose.yml deployment (processes for containers)', () => {
  const prefix = uniquePrefix('compose');
  const schema = uniqueSchema('compose');
  const procs: Proc[] = [];
  let market: DemoMarket;
  let tmp: string;

  const liqmap = Object.entries(compose.services).filter(([, s]) => s.image === 'liqmap:local');
  const replicas = (): Proc[] => procs.filter((p) => p.url !== null);

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-compose-'));
    const m = await startMarket(VENUE_IDS, 60);
    market = m.demo;
    market.run();
    for (const [name, svc] of liqmap) {
      const dataDir = path.join(tmp, name);
      fs.mkdirSync(dataDir);
      const env = { PATH: process.env.PATH ?? '', HOME: tmp, ...hostEnv(svc, schema, dataDir), ...mockEnv(m.urls) };
      // The test deployment gets its own stream and subjects, given to every role alike.
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/liqmap.mjs'), ...svc.command!, '--prefix', prefix], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const p: Proc = { name, child, log: [], url: null };
      const onLine = (d: Buffer): void => {
        for (const l of d.toString('utf8').split('\n').filter(Boolean)) {
          p.log.push(l);
          const url = /"url":"(http:[^"]+)"/.exec(l)?.[1];
          if (url && svc.ports) p.url = url.replace('0.0.0.0', '127.0.0.1');
        }
      };
      child.stdout!.on('data', onLine);
      child.stderr!.on('data', onLine);
      procs.push(p);
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(
      procs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null) return resolve();
            const kill = setTimeout(() => p.child.kill('SIGKILL'), 15_000);
            p.child.once('exit', () => {
              clearTimeout(kill);
              resolve();
            });
            p.child.kill('SIGTERM');
          }),
      ),
    );
    await market?.stop();
    await dropStream(servers.nats, prefix).catch(() => undefined);
    const c = new pg.Client({ connectionString: parsePgUrl(servers.pg).connectionString });
    await c.connect();
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  const dump = (): string => procs.map((p) => `--- ${p.name} (exit ${p.child.exitCode})\n${p.log.slice(-15).join('\n')}`).join('\n');

  it('has two collectors that together cover every venue, one model and two published API replicas', () => {
    const roles = liqmap.map(([, s]) => s.command![0]);
    expect(roles.filter((r) => r === 'collect')).toHaveLength(2);
    expect(roles.filter((r) => r === 'model')).toHaveLength(1);
    expect(roles.filter((r) => r === 'serve')).toHaveLength(2);
    const collected = liqmap.filter(([, s]) => s.command![0] === 'collect').flatMap(([, s]) => s.command![s.command!.indexOf('--venues') + 1]!.split(','));
    expect([...collected].sort()).toEqual([...VENUE_IDS].sort());
    expect(new Set(liqmap.flatMap(([, s]) => s.ports ?? [])).size).toBe(2);
  });

  it('starts, streams every venue into the model, and both replicas serve it', async () => {
    await waitFor(`both replicas listening\n${dump()}`, () => replicas().length === 2 && procs.every((p) => p.child.exitCode === null), 45_000);
    const get = async <T>(p: Proc, q: string): Promise<T> => {
      const r = await fetch(`${p.url}${q}`);
      expect(r.status, `${p.name} ${q}`).toBe(200);
      return (await r.json()) as T;
    };
    // Every venue connected, as each replica reports it from the collectors' health on the bus.
    await waitFor(
      `every venue connected on both replicas\n${dump()}`,
      async () => {
        for (const p of replicas()) {
          const v = await get<{ venue: VenueId; connected: boolean }[]>(p, '/api/v1/venues');
          if (!VENUE_IDS.every((id) => v.some((x) => x.venue === id && x.connected))) return false;
        }
        return true;
      },
      60_000,
      500,
    );
    // Closed bars of every venue written by the model and read back by both replicas from PostgreSQL.
    await waitFor(
      `bars of every venue on both replicas\n${dump()}`,
      async () => {
        for (const p of replicas())
          for (const id of VENUE_IDS) {
            const b = await get<{ bars: unknown[] }>(p, `/api/v1/bars?venue=${id}&range=24h`);
            if (b.bars.length === 0) return false;
          }
        return true;
      },
      60_000,
      500,
    );
    const [a, b] = replicas();
    // The same stored bars from either replica for a window both have.
    const some = await get<{ bars: { ts: number }[] }>(a!, '/api/v1/bars?venue=binance-usdm&range=24h');
    const w = `/api/v1/bars?venue=binance-usdm&from=${some.bars[0]!.ts}&to=${some.bars.at(-1)!.ts}`;
    expect(await get(b!, w)).toEqual(await get(a!, w));
    const q = '/api/v1/heatmap?range=24h&cols=60&rows=40&format=json';
    const total = (h: { cells: number[][] }): number => h.cells.flat().reduce((s, x) => s + x, 0);
    const ha = await get<{ cells: number[][]; price: number | null }>(a!, q);
    const hb = await get<{ cells: number[][]; price: number | null }>(b!, q);
    expect(total(ha)).toBeGreaterThan(0);
    expect(total(hb)).toBeGreaterThan(0);
    expect(ha.price).not.toBeNull();
    expect(procs.every((p) => p.child.exitCode === null)).toBe(true);
  }, 180_000);
});
