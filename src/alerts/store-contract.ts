// The AlertStore contract as one test suite, run against every backend (SQLite and PostgreSQL).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Firing } from './rule.js';
import type { AlertStore, StoredRule } from './store.js';

export interface AlertStoreHarness {
  /** A new, empty store. */
  fresh(): Promise<AlertStore>;
  /** A second handle on the same data as `s`, as another process (or a restart) would open it. */
  reopen(s: AlertStore): Promise<AlertStore>;
  /** Runs once after the suite (e.g. drop test schemas). */
  cleanup?(): Promise<void>;
}

const rule = (id: string, createdTs: number, minUsd = 1e6, secret: string | null = null): StoredRule => ({
  id,
  createdTs,
  spec: { kind: 'large-liquidation', side: 'both', minUsd, cooldownMin: 30, windowMin: 0, enabled: true },
  secret,
});

const firing = (id: string, ruleId: string, ts: number): Firing => ({
  id,
  ruleId,
  kind: 'large-liquidation',
  ts,
  message: `fired ${id}`,
  side: 'long',
  price: 60_000,
  usd: 2e6,
  detail: { venue: 'bybit-linear' },
});

/** Register the contract tests for one backend; `skip` (a reason) registers one skipped test saying why. */
export function describeAlertStoreContract(name: string, harness: AlertStoreHarness, skip: string | null = null): void {
  describe(`AlertStore contract: ${name}`, () => {
    if (skip) {
      it.skip(`skipped: ${skip}`, () => undefined);
      return;
    }
    const open: AlertStore[] = [];
    const fresh = async (): Promise<AlertStore> => {
      const s = await harness.fresh();
      open.push(s);
      return s;
    };
    const reopen = async (s: AlertStore): Promise<AlertStore> => {
      const r = await harness.reopen(s);
      open.push(r);
      return r;
    };
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close().catch(() => undefined);
    });
    afterAll(async () => {
      await harness.cleanup?.();
    });

    it('rules: put, get, list (oldest first), replace, delete', async () => {
      const s = await fresh();
      expect(await s.listRules()).toEqual([]);
      expect(await s.getRule('a')).toBeNull();
      await s.putRule(rule('b', 2000, 1e6, 'secret-b-0123456789'));
      await s.putRule(rule('a', 1000));
      expect((await s.listRules()).map((r) => r.id)).toEqual(['a', 'b']);
      expect(await s.getRule('b')).toEqual(rule('b', 2000, 1e6, 'secret-b-0123456789'));
      await s.putRule(rule('a', 1000, 5e6));
      expect((await s.getRule('a'))?.spec.minUsd).toBe(5e6);
      expect(await s.listRules()).toHaveLength(2);
      expect(await s.deleteRule('a')).toBe(true);
      expect(await s.deleteRule('a')).toBe(false);
      expect((await s.listRules()).map((r) => r.id)).toEqual(['b']);
    });

    it('firings: idempotent by id, listed newest first, filtered by time and rule', async () => {
      const s = await fresh();
      expect(await s.putFiring(firing('f1', 'r1', 1000))).toBe(true);
      expect(await s.putFiring(firing('f1', 'r1', 1000))).toBe(false);
      expect(await s.putFiring({ ...firing('f1', 'r1', 1000), message: 'changed' })).toBe(false);
      expect(await s.putFiring(firing('f2', 'r2', 2000))).toBe(true);
      expect(await s.putFiring(firing('f3', 'r1', 3000))).toBe(true);
      expect((await s.listFirings({ limit: 10 })).map((f) => f.id)).toEqual(['f3', 'f2', 'f1']);
      expect(await s.listFirings({ limit: 10, ruleId: 'r1', fromMs: 0 })).toEqual([firing('f3', 'r1', 3000), firing('f1', 'r1', 1000)]);
      expect((await s.listFirings({ limit: 10, fromMs: 2000 })).map((f) => f.id)).toEqual(['f3', 'f2']);
      expect((await s.listFirings({ limit: 1 })).map((f) => f.id)).toEqual(['f3']);
    });

    it('deliveries: enqueue is idempotent; due, delivered, retryLater, deadLetter', async () => {
      const s = await fresh();
      await s.enqueue({ id: 'd1', ruleId: 'r1', url: 'https://example.com/a', body: '{"n":1}', nextTs: 1000 });
      await s.enqueue({ id: 'd1', ruleId: 'r1', url: 'https://example.com/other', body: '{"n":2}', nextTs: 5 });
      await s.enqueue({ id: 'd2', ruleId: 'r1', url: 'https://example.com/b', body: '{}', nextTs: 2000 });
      await s.enqueue({ id: 'd3', ruleId: 'r2', url: 'https://example.com/c', body: '{}', nextTs: 3000 });
      expect(await s.due(999, 10)).toEqual([]);
      const due = await s.due(2000, 10);
      expect(due.map((d) => d.id)).toEqual(['d1', 'd2']);
      expect(due[0]).toEqual({ id: 'd1', ruleId: 'r1', url: 'https://example.com/a', body: '{"n":1}', attempts: 0, nextTs: 1000, state: 'pending', lastError: null });
      expect((await s.due(10_000, 1)).map((d) => d.id)).toEqual(['d1']);

      await s.retryLater('d1', 1, 5000, 'HTTP 503');
      expect((await s.due(4000, 10)).map((d) => d.id)).toEqual(['d2', 'd3']);
      const d1 = (await s.due(5000, 10)).find((d) => d.id === 'd1');
      expect(d1).toMatchObject({ attempts: 1, nextTs: 5000, state: 'pending', lastError: 'HTTP 503' });

      await s.delivered('d1', 2);
      await s.deadLetter('d2', 8, 'timeout');
      expect((await s.due(10_000, 10)).map((d) => d.id)).toEqual(['d3']);
      expect(await s.deliveries({ state: 'delivered', limit: 10 })).toEqual([
        { id: 'd1', ruleId: 'r1', url: 'https://example.com/a', body: '{"n":1}', attempts: 2, nextTs: 5000, state: 'delivered', lastError: null },
      ]);
      expect(await s.deliveries({ state: 'dead', limit: 10 })).toMatchObject([{ id: 'd2', attempts: 8, state: 'dead', lastError: 'timeout' }]);
      expect((await s.deliveries({ limit: 10 })).map((d) => d.id)).toEqual(['d1', 'd3', 'd2']);
      expect(await s.deliveries({ limit: 1 })).toHaveLength(1);
      // A delivered one is not queued again.
      await s.enqueue({ id: 'd1', ruleId: 'r1', url: 'https://example.com/a', body: '{"n":1}', nextTs: 0 });
      expect((await s.deliveries({ state: 'delivered', limit: 10 })).map((d) => d.id)).toEqual(['d1']);
    });

    it('everything persists across a reopen', async () => {
      const s = await fresh();
      await s.putRule(rule('r1', 1000, 2e6, 'secret-r1-0123456789'));
      await s.putFiring(firing('f1', 'r1', 1000));
      await s.enqueue({ id: 'f1', ruleId: 'r1', url: 'https://example.com/a', body: '{}', nextTs: 1000 });
      await s.retryLater('f1', 3, 9000, 'refused');
      await s.close();
      open.splice(open.indexOf(s), 1);
      const r = await reopen(s);
      expect(await r.listRules()).toEqual([rule('r1', 1000, 2e6, 'secret-r1-0123456789')]);
      expect(await r.putFiring(firing('f1', 'r1', 1000))).toBe(false);
      expect(await r.listFirings({ limit: 10 })).toEqual([firing('f1', 'r1', 1000)]);
      expect(await r.due(9000, 10)).toMatchObject([{ id: 'f1', attempts: 3, nextTs: 9000, state: 'pending', lastError: 'refused' }]);
    });
  });
}
