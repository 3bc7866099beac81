// Clusters (DESIGN §3): the top-N price bands by notional at one instant — local maxima of the smoothed
// per-side profile, each taken with its two neighbouring bands — with their venue and leverage breakdown.
import type { LiqModel } from '../model.js';
import type { Cluster, ClusterQuery, ClustersView, Side } from '../types.js';
import { tierLabel } from './filter.js';
import { spread } from './liqmap.js';
import { snapshot, type SnapshotEntry } from './snapshot.js';

interface Peak {
  side: Side;
  /** First and last band index of the cluster window. */
  a: number;
  z: number;
  usd: number;
}

export function clusters(model: LiqModel, q: ClusterQuery): ClustersView {
  if (!(Number.isInteger(q.top) && q.top > 0)) throw new RangeError('clusters top must be a positive integer');
  const snap = snapshot(model, q);
  const price = snap.price;
  if (price === null) return { price, clusters: [] };
  const band = q.bandUsd ?? Math.max(model.params.bucketUsd, price * 0.001);
  if (!(band > 0)) throw new RangeError('clusters bandUsd must be positive');
  const reach = q.maxDistance ?? 0.2;
  const lo = Math.floor((price * (1 - reach)) / band);
  const n = Math.max(1, Math.ceil((price * (1 + reach)) / band) - lo);
  const profile = { long: new Float64Array(n), short: new Float64Array(n) };
  for (const e of snap.entries) spread(profile[e.side], e.priceLo / band - lo, e.priceHi / band - lo, e.usd);

  const peaks: Peak[] = [];
  for (const side of ['long', 'short'] as const) {
    const raw = profile[side];
    const sm = smooth(raw);
    for (let i = 0; i < n; i++) {
      const v = sm[i]!;
      if (v <= 0 || !(v > (sm[i - 1] ?? 0)) || v < (sm[i + 1] ?? 0)) continue;
      const a = Math.max(0, i - 1);
      const z = Math.min(n - 1, i + 1);
      let usd = 0;
      for (let j = a; j <= z; j++) usd += raw[j]!;
      peaks.push({ side, a, z, usd });
    }
  }
  peaks.sort((x, y) => y.usd - x.usd || x.a - y.a || (x.side < y.side ? -1 : 1));
  const chosen: Peak[] = [];
  for (const p of peaks) {
    if (chosen.length >= q.top) break;
    if (chosen.some((c) => c.side === p.side && c.a <= p.z && p.a <= c.z)) continue;
    chosen.push(p);
  }
  const out = chosen.map((p) => describe(p, snap.entries, lo, band, price));
  return { price, clusters: out };
}

function smooth(a: Float64Array): Float64Array {
  const s = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) s[i] = ((a[i - 1] ?? 0) + 2 * a[i]! + (a[i + 1] ?? 0)) / 4;
  return s;
}

function describe(p: Peak, entries: readonly SnapshotEntry[], lo: number, band: number, price: number): Cluster {
  const priceLo = (lo + p.a) * band;
  const priceHi = (lo + p.z + 1) * band;
  const byVenue: Record<string, number> = {};
  const byLeverage: Record<string, number> = {};
  let usd = 0;
  for (const e of entries) {
    if (e.side !== p.side) continue;
    // Share of the entry's price span inside the band window.
    const overlap = Math.min(priceHi, e.priceHi) - Math.max(priceLo, e.priceLo);
    if (overlap <= 0) continue;
    const part = e.usd * Math.min(1, overlap / (e.priceHi - e.priceLo));
    usd += part;
    byVenue[e.venue] = (byVenue[e.venue] ?? 0) + part;
    const t = tierLabel(e.leverage);
    byLeverage[t] = (byLeverage[t] ?? 0) + part;
  }
  return { priceLo, priceHi, usd, side: p.side, distance: ((priceLo + priceHi) / 2 - price) / price, byVenue, byLeverage };
}

export interface ClustersJson {
  price: number | null;
  clusters: Cluster[];
}

export function clustersToJson(v: ClustersView): ClustersJson {
  return { price: v.price, clusters: [...v.clusters] };
}
