// Evaluates alert rules on each closed bar (and on the live price). Pure: the caller passes
// time, prices, the model's clusters and the liquidations; no clock, no I/O.
import type { LiquidationEvent, VenueId } from '../core/events.js';
import type { Cluster, PredictedLiquidation, ViewFilter } from '../model/index.js';
import type { AlertRule, AlertRuleSpec, Firing } from './rule.js';

export interface AlertTick {
  /** Time of the step, ms (bar open time for closed bars). */
  readonly ts: number;
  /** Reference price now, and its extremes over the step. */
  readonly price: number;
  readonly high: number;
  readonly low: number;
  /** The model's clusters for a filter (asked per approach rule). */
  clusters(filter: ViewFilter): readonly Cluster[];
  /** Cohorts the model swept in this step. */
  readonly predicted: readonly PredictedLiquidation[];
  /** Real liquidations received since the previous tick. */
  readonly realised: readonly LiquidationEvent[];
  /** A closed bar (sweeps are judged on closed bars only; the live price re-checks the rest). */
  readonly closedBar: boolean;
}

interface Swept {
  readonly ts: number;
  readonly side: 'long' | 'short';
  readonly usd: number;
  readonly venue: VenueId;
  readonly leverage: number | null;
  readonly price: number;
}

interface PendingSweep {
  readonly ts: number;
  readonly side: 'long' | 'short';
  readonly usd: number;
  readonly sweepPrice: number;
  extreme: number;
}

interface RuleState {
  readonly lastFired: Map<string, number>;
  readonly pending: PendingSweep[];
}

const MIN = 60_000;

function sideOk(spec: AlertRuleSpec, side: 'long' | 'short'): boolean {
  return spec.side === 'both' || spec.side === side;
}

function passes(spec: AlertRuleSpec, s: Swept): boolean {
  if (!sideOk(spec, s.side)) return false;
  if (spec.venues && !spec.venues.includes(s.venue)) return false;
  if (spec.leverage && s.leverage !== null && !spec.leverage.includes(s.leverage)) return false;
  return true;
}

const usdFmt = (n: number) => (n >= 1e9 ? `$${(n / 1e9).toFixed(2)}B` : n >= 1e6 ? `$${(n / 1e6).toFixed(1)}M` : `$${Math.round(n / 1e3)}k`);

export class AlertEngine {
  private readonly state = new Map<string, RuleState>();
  private predicted: Swept[] = [];
  private realised: Swept[] = [];

  /** Evaluate every enabled rule; returns the firings of this tick. */
  evaluate(rules: readonly AlertRule[], tick: AlertTick): Firing[] {
    for (const p of tick.predicted) {
      this.predicted.push({ ts: tick.ts, side: p.side, usd: p.notionalUsd, venue: p.venue, leverage: p.leverage, price: p.price });
    }
    for (const e of tick.realised) this.realised.push({ ts: e.ts, side: e.side, usd: e.notionalUsd, venue: e.venue, leverage: null, price: e.price });
    const longest = Math.max(60, ...rules.map((r) => ('windowMin' in r.spec ? r.spec.windowMin : 0) + ('withinMin' in r.spec ? r.spec.withinMin : 0)));
    this.predicted = this.predicted.filter((s) => s.ts > tick.ts - longest * MIN);
    this.realised = this.realised.filter((s) => s.ts > tick.ts - longest * MIN);

    const out: Firing[] = [];
    for (const rule of rules) {
      if (!rule.spec.enabled) continue;
      let st = this.state.get(rule.id);
      if (!st) {
        st = { lastFired: new Map(), pending: [] };
        this.state.set(rule.id, st);
      }
      for (const f of this.rule(rule, st, tick)) {
        const last = st.lastFired.get(f.key);
        if (last !== undefined && tick.ts - last < rule.spec.cooldownMin * MIN) continue;
        st.lastFired.set(f.key, tick.ts);
        out.push(f.firing);
      }
    }
    return out;
  }

  /** Forget a deleted rule. */
  drop(ruleId: string): void {
    this.state.delete(ruleId);
  }

  private rule(rule: AlertRule, st: RuleState, t: AlertTick): { key: string; firing: Firing }[] {
    const s = rule.spec;
    switch (s.kind) {
      case 'approach':
        return this.approach(rule, s, t);
      case 'sweep':
        if (!t.closedBar) return [];
        return this.sweeps(s, t).map((w) => ({ key: w.side, firing: this.sweepFiring(rule, t, w) }));
      case 'sweep-reverse':
        return this.sweepReverse(rule, s, st, t);
      case 'large-liquidation':
        return this.large(rule, s, t);
    }
  }

  private approach(rule: AlertRule, s: Extract<AlertRuleSpec, { kind: 'approach' }>, t: AlertTick) {
    const filter: ViewFilter = {
      ...(s.venues ? { venues: s.venues } : {}),
      ...(s.leverage ? { leverage: s.leverage } : {}),
      ...(s.side !== 'both' ? { sides: [s.side] } : {}),
    };
    const out: { key: string; firing: Firing }[] = [];
    for (const c of t.clusters(filter)) {
      if (c.usd < s.minUsd || !sideOk(s, c.side)) continue;
      const mid = (c.priceLo + c.priceHi) / 2;
      const dist = ((mid - t.price) / t.price) * 100;
      if (Math.abs(dist) > s.distancePct) continue;
      const key = `${c.side}:${Math.round(c.priceLo)}`;
      out.push({
        key,
        firing: {
          id: `${rule.id}:approach:${key}:${t.ts}`,
          ruleId: rule.id,
          kind: 'approach',
          ts: t.ts,
          side: c.side,
          price: mid,
          usd: c.usd,
          message: `${usdFmt(c.usd)} of ${c.side} liquidations at ${Math.round(c.priceLo)}–${Math.round(c.priceHi)}, ${dist >= 0 ? '+' : ''}${dist.toFixed(2)}% from ${t.price.toFixed(1)}`,
          detail: { cluster: c, distancePct: dist, referencePrice: t.price },
        },
      });
    }
    return out;
  }

  /** Per side, predicted notional swept within the window if it reaches minUsd. */
  private sweeps(s: Extract<AlertRuleSpec, { kind: 'sweep' | 'sweep-reverse' }>, t: AlertTick) {
    const from = t.ts - s.windowMin * MIN;
    const out: { side: 'long' | 'short'; usd: number; realisedUsd: number; lo: number; hi: number; venues: Record<string, number> }[] = [];
    for (const side of ['long', 'short'] as const) {
      if (!sideOk(s, side)) continue;
      let usd = 0;
      let lo = Infinity;
      let hi = -Infinity;
      const venues: Record<string, number> = {};
      for (const p of this.predicted) {
        if (p.ts <= from || p.side !== side || !passes(s, p)) continue;
        usd += p.usd;
        lo = Math.min(lo, p.price);
        hi = Math.max(hi, p.price);
        venues[p.venue] = (venues[p.venue] ?? 0) + p.usd;
      }
      if (usd < s.minUsd) continue;
      const realisedUsd = this.realised.filter((r) => r.ts > from && r.side === side && passes(s, r)).reduce((a, r) => a + r.usd, 0);
      out.push({ side, usd, realisedUsd, lo, hi, venues });
    }
    return out;
  }

  private sweepFiring(rule: AlertRule, t: AlertTick, w: { side: 'long' | 'short'; usd: number; realisedUsd: number; lo: number; hi: number; venues: Record<string, number> }): Firing {
    return {
      id: `${rule.id}:sweep:${w.side}:${t.ts}`,
      ruleId: rule.id,
      kind: 'sweep',
      ts: t.ts,
      side: w.side,
      price: t.price,
      usd: w.usd,
      message: `${w.side} cluster swept: ${usdFmt(w.usd)} predicted between ${Math.round(w.lo)} and ${Math.round(w.hi)}${w.realisedUsd > 0 ? `, ${usdFmt(w.realisedUsd)} realised` : ''}`,
      detail: { predictedUsd: w.usd, realisedUsd: w.realisedUsd, priceLo: w.lo, priceHi: w.hi, byVenue: w.venues },
    };
  }

  private sweepReverse(rule: AlertRule, s: Extract<AlertRuleSpec, { kind: 'sweep-reverse' }>, st: RuleState, t: AlertTick) {
    // Sweeps start a watch; a long sweep (price fell) reverses when price rises reversePct off the low.
    for (const w of t.closedBar ? this.sweeps(s, t) : []) {
      if (!st.pending.some((p) => p.side === w.side && t.ts - p.ts < s.windowMin * MIN)) {
        st.pending.push({ ts: t.ts, side: w.side, usd: w.usd, sweepPrice: t.price, extreme: w.side === 'long' ? t.low : t.high });
      }
    }
    const out: { key: string; firing: Firing }[] = [];
    const keep: PendingSweep[] = [];
    for (const p of st.pending) {
      if (t.ts - p.ts > s.withinMin * MIN) continue;
      if (p.ts === t.ts) {
        // Within the sweeping bar the order of high and low is unknown: judge from the next one.
        keep.push(p);
        continue;
      }
      p.extreme = p.side === 'long' ? Math.min(p.extreme, t.low) : Math.max(p.extreme, t.high);
      const move = p.side === 'long' ? (t.high - p.extreme) / p.extreme : (p.extreme - t.low) / p.extreme;
      if (move * 100 >= s.reversePct) {
        out.push({
          key: `${p.side}:${p.ts}`,
          firing: {
            id: `${rule.id}:sweep-reverse:${p.side}:${p.ts}`,
            ruleId: rule.id,
            kind: 'sweep-reverse',
            ts: t.ts,
            side: p.side,
            price: t.price,
            usd: p.usd,
            message: `${p.side} sweep of ${usdFmt(p.usd)} reversed ${(move * 100).toFixed(2)}% within ${Math.round((t.ts - p.ts) / MIN)} min (extreme ${p.extreme.toFixed(1)})`,
            detail: { sweepTs: p.ts, sweepPrice: p.sweepPrice, extreme: p.extreme, reversePct: move * 100, sweptUsd: p.usd },
          },
        });
      } else keep.push(p);
    }
    st.pending.splice(0, st.pending.length, ...keep);
    return out;
  }

  private large(rule: AlertRule, s: Extract<AlertRuleSpec, { kind: 'large-liquidation' }>, t: AlertTick) {
    const out: { key: string; firing: Firing }[] = [];
    if (s.windowMin === 0) {
      for (const e of t.realised) {
        const sw: Swept = { ts: e.ts, side: e.side, usd: e.notionalUsd, venue: e.venue, leverage: null, price: e.price };
        if (e.notionalUsd < s.minUsd || !passes(s, sw)) continue;
        // The cooldown is per side; the id is per liquidation.
        out.push({
          key: e.side,
          firing: {
            id: `${rule.id}:large:${e.venue}:${e.market}:${e.ts}:${e.side}:${e.price}`,
            ruleId: rule.id,
            kind: 'large-liquidation',
            ts: e.ts,
            side: e.side,
            price: e.price,
            usd: e.notionalUsd,
            message: `${usdFmt(e.notionalUsd)} ${e.side} liquidated on ${e.venue} at ${e.price}`,
            detail: { liquidation: e },
          },
        });
      }
      return out;
    }
    const from = t.ts - s.windowMin * MIN;
    for (const side of ['long', 'short'] as const) {
      const hits = this.realised.filter((r) => r.ts > from && r.side === side && passes(s, r));
      const usd = hits.reduce((a, r) => a + r.usd, 0);
      if (usd < s.minUsd) continue;
      out.push({
        key: side,
        firing: {
          id: `${rule.id}:large-window:${side}:${t.ts}`,
          ruleId: rule.id,
          kind: 'large-liquidation',
          ts: t.ts,
          side,
          price: t.price,
          usd,
          message: `${usdFmt(usd)} of ${side} liquidations in ${s.windowMin} min (${hits.length} orders)`,
          detail: { count: hits.length, windowMin: s.windowMin },
        },
      });
    }
    return out;
  }
}
