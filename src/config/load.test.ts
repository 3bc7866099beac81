import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envName, loadConfig } from './load.js';

describe('loadConfig', () => {
  it('defaults < file < env < flags', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liqmap-cfg-'));
    const file = path.join(dir, 'liqmap.json');
    fs.writeFileSync(file, JSON.stringify({ port: 9000, pollIntervalMs: 7000, venue: { bitget: { ws: 'ws://file/ws' } } }));
    const cfg = loadConfig({
      file,
      env: { LIQMAP_PORT: '9100', LIQMAP_BINANCE_USDM_WS: 'ws://127.0.0.1:9001' },
      flags: { port: 9200 },
    });
    expect(cfg.port).toBe(9200);
    expect(cfg.pollIntervalMs).toBe(7000);
    expect(cfg.host).toBe('127.0.0.1');
    expect(cfg.venue['binance-usdm']?.ws).toBe('ws://127.0.0.1:9001');
    expect(cfg.venue.bitget?.ws).toBe('ws://file/ws');
    fs.rmSync(dir, { recursive: true });
  });

  it('names the bad key', () => {
    expect(() => loadConfig({ env: { LIQMAP_PORT: 'eighty' } })).toThrow(/port \(env LIQMAP_PORT\)/);
    expect(() => loadConfig({ env: {}, flags: { retentionDays: 30 } })).toThrow(/retentionDays/);
    expect(() => loadConfig({ env: {}, flags: { venue: { 'binance-usdm': { ws: 'not a url' } } } })).toThrow(ConfigError);
    expect(() => loadConfig({ env: {}, flags: { nope: 1 } })).toThrow(/nope|Unrecognized/);
    expect(() => loadConfig({ env: { LIQMAP_VENUES: 'binance-usdm,mtgox' } })).toThrow(/venues/);
  });

  it('maps venue ids to env names', () => {
    expect(envName('binance-usdm')).toBe('BINANCE_USDM');
    expect(envName('okx-swap')).toBe('OKX_SWAP');
  });
});
