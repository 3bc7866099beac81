import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (env: Record<string, string>, args: string[] = []) =>
  execFileSync('node', ['bin/liqmap.mjs', ...args, 'config'], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, ...env } });

describe('liqmap config', () => {
  it('prints the effective configuration without secrets', () => {
    const out = run({ LIQMAP_API_KEY: 'k'.repeat(24), LIQMAP_DB: 'postgres://bob:hunter2@db:5432/x', LIQMAP_BINANCE_USDM_WS: 'ws://127.0.0.1:9001' });
    const cfg = JSON.parse(out) as { apiKey: string; db: string; venue: Record<string, { ws: string }> };
    expect(cfg.apiKey).toBe('[set]');
    expect(cfg.db).toBe('postgres://bob:[redacted]@db:5432/x');
    expect(cfg.venue['binance-usdm']?.ws).toBe('ws://127.0.0.1:9001');
    expect(out).not.toContain('hunter2');
  });

  it('names the bad key and exits 2', () => {
    try {
      run({ LIQMAP_PORT: 'eighty' });
      expect.unreachable();
    } catch (e) {
      const err = e as { status: number; stderr: string };
      expect(err.status).toBe(2);
      expect(err.stderr).toMatch(/port \(env LIQMAP_PORT\)/);
    }
  });
});
