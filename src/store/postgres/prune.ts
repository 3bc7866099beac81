// Checkpoint retention, as in the SQLite store: checkpoints older than `beforeMs` go, those older
// than two days are thinned to the newest per UTC day, and the newest of each model always stays.
import type { PoolClient } from 'pg';

const DAY_MS = 86_400_000;
const KEEP_ALL_MS = 2 * 3_600_000; // as SQLite: recent ones for restarts, then one per day

export async function pruneCheckpoints(c: PoolClient, beforeMs: number, max: number): Promise<number> {
  const newest = new Set((await c.query<{ id: string }>('SELECT max(id) AS id FROM checkpoints GROUP BY params_hash, venues')).rows.map((r) => String(r.id)));
  const cands = await c.query<{ id: string; p: string; v: string; ts: number }>(
    'SELECT id, params_hash AS p, venues AS v, ts FROM checkpoints WHERE ts < $1 ORDER BY ts DESC, id DESC',
    [Math.max(beforeMs, Date.now() - KEEP_ALL_MS)],
  );
  const keptDay = new Set<string>();
  let n = 0;
  for (const cp of cands.rows) {
    if (n >= max) break;
    if (newest.has(String(cp.id))) continue;
    const day = `${cp.p}\u0000${cp.v}\u0000${Math.floor(cp.ts / DAY_MS)}`;
    const keep = cp.ts >= beforeMs && !keptDay.has(day);
    if (keep) keptDay.add(day);
    else n += (await c.query('DELETE FROM checkpoints WHERE id = $1', [cp.id])).rowCount ?? 0;
  }
  return n;
}
