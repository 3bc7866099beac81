// Alerts in the running app: rules from the store, evaluated on every closed bar batch and on
// the live price, firings stored and published on the bus, webhooks queued for delivery.
import crypto from 'node:crypto';
import type { Bus } from '../app/bus.js';
import type { Bar } from '../bars/bar.js';
import type { LiquidationEvent } from '../core/events.js';
import type { Logger } from '../log.js';
import { clusters, type LiqModel, type PredictedLiquidation, type ViewFilter } from '../model/index.js';
import { Deliverer } from './deliverer.js';
import { AlertEngine, type AlertTick } from './engine.js';
import { parseRule, type AlertRuleSpec, type Firing } from './rule.js';
import { checkTarget } from './ssrf.js';
import type { AlertStore, StoredRule } from './store.js';

export interface AlertServiceOptions {
  readonly store: AlertStore;
  readonly bus: Bus;
  /** The live model (read for clusters). */
  model(): LiqModel;
  /** Latest live price, or null before any trade. */
  livePrice(): { ts: number; price: number } | null;
  readonly allowPrivateTargets?: boolean;
  readonly liveEveryMs?: number;
  /** Reload the rules from the store this often, ms, for stores other processes write (scale-out); unset = never. */
  readonly reloadEveryMs?: number;
  readonly webhook?: { readonly maxAttempts?: number; readonly baseDelayMs?: number; readonly timeoutMs?: number; readonly perTarget?: number };
  readonly now?: () => number;
  readonly log?: Logger;
}

export type CreateResult =
  | { readonly ok: true; readonly rule: StoredRule }
  | { readonly ok: false; readonly field: string; readonly error: string };

/** A rule as the API shows it: the webhook secret is never echoed after creation. */
export function publicRule(r: StoredRule): { id: string; createdTs: number } & AlertRuleSpec {
  return { id: r.id, createdTs: r.createdTs, ...r.spec };
}

export class AlertService {
  private readonly engine = new AlertEngine();
  private rules: StoredRule[] = [];
  private bars: Bar[] = [];
  private predicted: PredictedLiquidation[] = [];
  private realised: LiquidationEvent[] = [];
  private readonly unsub: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private reloader: NodeJS.Timeout | null = null;
  private evaluating: Promise<void> = Promise.resolve();
  readonly deliverer: Deliverer;
  private readonly now: () => number;

  constructor(private readonly o: AlertServiceOptions) {
    this.now = o.now ?? Date.now;
    this.deliverer = new Deliverer({
      store: o.store,
      secretFor: async (id) => (await o.store.getRule(id))?.secret ?? null,
      allowPrivate: o.allowPrivateTargets ?? false,
      now: this.now,
      ...(o.log ? { log: o.log } : {}),
      ...o.webhook,
    });
  }

  async start(): Promise<void> {
    this.rules = await this.o.store.listRules();
    this.unsub.push(this.o.bus.subscribe('bars', (b) => this.bars.push(...b)));
    this.unsub.push(this.o.bus.subscribe('predicted', (p) => this.predicted.push(...p)));
    this.unsub.push(this.o.bus.subscribe('liquidation', (e) => this.realised.push(e)));
    this.unsub.push(this.o.bus.subscribe('column', () => this.queue(true)));
    this.timer = setInterval(() => this.queue(false), this.o.liveEveryMs ?? 2000);
    this.timer.unref();
    this.startReloading();
    this.deliverer.start();
  }

  /**
   * The REST side only (scale-out serve replicas): rules from the store, reloaded every `reloadEveryMs`
   * (default 2000); no evaluation and no webhook delivery — the model process does both.
   */
  async startApiOnly(): Promise<void> {
    this.rules = await this.o.store.listRules();
    this.startReloading(2000);
  }

  /** Re-read the rules from the store (another process may have changed them). */
  async reload(): Promise<void> {
    const rules = await this.o.store.listRules();
    const ids = new Set(rules.map((r) => r.id));
    for (const r of this.rules) if (!ids.has(r.id)) this.engine.drop(r.id);
    this.rules = rules;
  }

  private startReloading(fallbackMs?: number): void {
    const every = this.o.reloadEveryMs ?? fallbackMs;
    if (every === undefined) return;
    this.reloader = setInterval(() => {
      this.reload().catch((e: unknown) => this.o.log?.warn({ err: (e as Error).message }, 'reloading alert rules failed'));
    }, every);
    this.reloader.unref();
  }

  async stop(): Promise<void> {
    for (const u of this.unsub.splice(0)) u();
    if (this.timer) clearInterval(this.timer);
    if (this.reloader) clearInterval(this.reloader);
    await this.evaluating;
    await this.deliverer.stop();
  }

  async create(body: unknown): Promise<CreateResult> {
    const parsed = parseRule(body);
    if (!parsed.ok) return parsed;
    const spec = parsed.spec;
    if (spec.webhook) {
      const why = await checkTarget(spec.webhook.url, this.o.allowPrivateTargets ?? false);
      if (why) return { ok: false, field: 'webhook.url', error: `webhook.url: ${why}` };
    }
    const secret = spec.webhook ? (spec.webhook.secret ?? crypto.randomBytes(24).toString('hex')) : null;
    const stored: StoredRule = {
      id: crypto.randomUUID(),
      createdTs: this.now(),
      spec: spec.webhook ? { ...spec, webhook: { url: spec.webhook.url } } : spec,
      secret,
    };
    await this.o.store.putRule(stored);
    this.rules = await this.o.store.listRules();
    return { ok: true, rule: stored };
  }

  async remove(id: string): Promise<boolean> {
    const ok = await this.o.store.deleteRule(id);
    this.engine.drop(id);
    this.rules = await this.o.store.listRules();
    return ok;
  }

  list(): readonly StoredRule[] {
    return this.rules;
  }

  get(id: string): StoredRule | undefined {
    return this.rules.find((r) => r.id === id);
  }

  firings(q: { fromMs?: number; ruleId?: string; limit: number }): Promise<Firing[]> {
    return this.o.store.listFirings(q);
  }

  deliveries(q: { state?: 'pending' | 'delivered' | 'dead'; limit: number }) {
    return this.o.store.deliveries(q);
  }

  /** Wait for queued evaluations (tests). */
  async idle(): Promise<void> {
    await this.evaluating;
  }

  private queue(closedBar: boolean): void {
    this.evaluating = this.evaluating.then(() => this.evaluate(closedBar)).catch((e: unknown) => {
      this.o.log?.error({ err: (e as Error).message }, 'alert evaluation failed');
    });
  }

  private async evaluate(closedBar: boolean): Promise<void> {
    if (!this.rules.length) {
      this.bars = [];
      this.predicted = [];
      this.realised = [];
      return;
    }
    const tick = closedBar ? this.barTick() : this.liveTick();
    if (!tick) return;
    const firings = this.engine.evaluate(this.rules, tick);
    for (const f of firings) await this.fire(f);
  }

  /** Reference series: Binance USDⓈ-M when present, else the first venue-market of the batch. */
  private barTick(): AlertTick | null {
    const bars = this.bars.splice(0);
    const predicted = this.predicted.splice(0);
    const realised = this.realised.splice(0);
    const last = bars.at(-1);
    if (!last) return null;
    const ref = bars.filter((b) => b.ts === last.ts && b.venue === 'binance-usdm')[0] ?? last;
    const batch = bars.filter((b) => b.venue === ref.venue && b.market === ref.market);
    return {
      ts: ref.ts,
      price: ref.close,
      high: Math.max(...batch.map((b) => b.high)),
      low: Math.min(...batch.map((b) => b.low)),
      predicted,
      realised,
      closedBar: true,
      clusters: (f) => this.clustersFor(f),
    };
  }

  private liveTick(): AlertTick | null {
    const live = this.o.livePrice();
    if (!live) return null;
    const realised = this.realised.splice(0);
    return { ts: live.ts, price: live.price, high: live.price, low: live.price, predicted: [], realised, closedBar: false, clusters: (f) => this.clustersFor(f) };
  }

  private clustersFor(f: ViewFilter) {
    return clusters(this.o.model(), { ...f, top: 20 }).clusters;
  }

  private async fire(f: Firing): Promise<void> {
    if (!(await this.o.store.putFiring(f))) return; // fired before (restart): never twice
    this.o.bus.publish('alerts', { ...f });
    const rule = this.rules.find((r) => r.id === f.ruleId);
    const url = rule?.spec.webhook?.url;
    if (url) {
      await this.o.store.enqueue({ id: f.id, ruleId: f.ruleId, url, body: JSON.stringify({ ...f, firedAt: this.now(), rule: rule ? publicRule(rule) : null }), nextTs: this.now() });
      void this.deliverer.kick();
    }
  }
}
