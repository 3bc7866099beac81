import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLiquidations } from './load.js';
import { InputError } from '../input-error.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const H = 3_600_000;
const T0 = 1_764_828_000_000;

function expectInputError(fn: () => unknown, ...parts: string[]): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    for (const p of parts) expect((e as Error).message).toContain(p);
    return;
  }
  throw new Error('expected an InputError');
}

describe('liquidation events', () => {
  it('reads normalised JSONL, skips other kinds, sorts by time', () => {
    const f = fixture('liquidations.jsonl');
    const r = parseLiquidations(f, readFileSync(f, 'utf8'));
    expect(r.kind).toBe('events');
    if (r.kind !== 'events') return;
    expect(r.skipped).toBe(1);
    expect(r.events.map((e) => e.venue)).toEqual(['okx-swap', 'bybit-linear']);
  });
  it('reads a COIN-M liquidationSnapshot: SELL = long, 100 USD contracts, average price first', () => {
    const f = fixture('coinm-snapshot.csv');
    const r = parseLiquidations(f, readFileSync(f, 'utf8'));
    if (r.kind !== 'events') throw new Error('events expected');
    const [a, b] = r.events;
    expect(a).toMatchObject({ side: 'long', price: 30050, notionalUsd: 1200, venue: 'binance-coinm' });
    expect(a?.qty).toBeCloseTo(1200 / 30050, 12);
    expect(b).toMatchObject({ side: 'short', price: 30200, notionalUsd: 500 });
  });
  it('names the line and field of a bad JSONL event', () => {
    const bad = '{"kind":"liquidation","venue":"bybit-linear","market":"X","ts":1,"recvTs":1,"price":-5,"qty":1,"notionalUsd":1,"side":"long"}';
    expectInputError(() => parseLiquidations('liq.jsonl', `\n${bad}\n`), 'liq.jsonl, line 2', 'column "price"');
  });
});

describe('liquidation totals', () => {
  it('reads any bar length and reports gaps without filling them', () => {
    const rows = [0, 1, 2, 4, 5].map((k) => `${T0 + k * 30 * 60_000},${k * 10},${k}`);
    const r = parseLiquidations('t.csv', `ts,longUsd,shortUsd\n${rows.join('\n')}\n`);
    if (r.kind !== 'totals') throw new Error('totals expected');
    expect(r.durationMs).toBe(1_800_000);
    expect(r.bars).toHaveLength(5);
    expect(r.gaps).toEqual([{ afterTs: T0 + 2 * 1_800_000, beforeTs: T0 + 4 * 1_800_000, missingBars: 1 }]);
  });
  it('accepts the Coinglass layouts', () => {
    const r = parseLiquidations('c.csv', `timestamp,datetime_utc,longUsd,shortUsd,totalUsd\n${T0},x,1,2,3\n${T0 + H},y,4,5,9\n`);
    expect(r.kind === 'totals' && r.durationMs).toBe(H);
  });
  it('rejects duplicates, backwards time, off-grid bars, unknown columns and bad totals with file/line/column', () => {
    const head = 'ts,longUsd,shortUsd\n';
    expectInputError(() => parseLiquidations('d.csv', `${head}${T0},1,1\n${T0 + H},1,1\n${T0 + H},1,1\n`), 'd.csv, line 4', 'column "ts"', 'duplicate');
    expectInputError(() => parseLiquidations('b.csv', `${head}${T0},1,1\n${T0 + 2 * H},1,1\n${T0 + H},1,1\n`), 'b.csv, line 4', 'backwards');
    expectInputError(() => parseLiquidations('g.csv', `${head}${T0},1,1\n${T0 + H},1,1\n${T0 + 2 * H},1,1\n${T0 + 2 * H + 60_000},1,1\n`), 'g.csv, line 5', 'grid');
    expectInputError(() => parseLiquidations('u.csv', `ts,longUsd,shortUsd,foo\n${T0},1,1,1\n`), 'u.csv, line 1', 'column "foo"', 'unknown column #4');
    expectInputError(() => parseLiquidations('s.csv', `${head}${Math.floor(T0 / 1000)},1,1\n`), 'seconds');
    expectInputError(() => parseLiquidations('n.csv', `${head}${T0},abc,1\n${T0 + H},1,1\n`), 'n.csv, line 2', 'column "longUsd"', 'not a number');
    expectInputError(() => parseLiquidations('t.csv', `ts,longUsd,shortUsd,totalUsd\n${T0},1,1,5\n`), 'column "totalUsd"');
  });
  it('refuses a file that is neither', () => expectInputError(() => parseLiquidations('x.csv', 'a,b\n1,2\n'), 'not a liquidation file'));
});
