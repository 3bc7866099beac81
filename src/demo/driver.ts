// Demo mode's market: every venue's mock server on a free local port, fed by the simulator in
// (scaled) real time, so the normal connectors see their venues' real protocols offline.
import type { MarketEvent, VenueId } from '../core/events.js';
import { loadMockProtocol } from '../exchanges/registry.js';
import { MockServer } from '../exchanges/mock/server.js';
import { SIM_MARKETS } from '../sim/markets.js';
import { Simulator, type SimParams } from '../sim/simulator.js';

export interface DemoMarketOptions {
  readonly venues: readonly VenueId[];
  readonly seed: number;
  /** Simulated ms per wall ms (60 → a day in 24 minutes). */
  readonly speed: number;
  /** Where the simulated clock starts (the end of pre-generated history). */
  readonly startTs: number;
  readonly sim?: Partial<SimParams>;
  readonly now?: () => number;
  /** Pump period, wall ms. */
  readonly tickMs?: number;
}

export interface DemoVenueUrls {
  readonly ws: string;
  readonly rest: string;
}

export class DemoMarket {
  readonly sim: Simulator;
  private readonly servers = new Map<VenueId, MockServer>();
  private timer: NodeJS.Timeout | null = null;
  private wallStart = 0;
  private readonly now: () => number;
  published = 0;

  constructor(private readonly opts: DemoMarketOptions) {
    this.now = opts.now ?? Date.now;
    this.sim = new Simulator({
      ...opts.sim,
      seed: opts.seed,
      startTs: opts.startTs,
      markets: (opts.sim?.markets ?? SIM_MARKETS).filter((m) => opts.venues.includes(m.venue)),
    });
  }

  /** Start the mock servers; returns the URL each venue's connector should use. */
  async start(): Promise<Map<VenueId, DemoVenueUrls>> {
    const urls = new Map<VenueId, DemoVenueUrls>();
    for (const venue of this.opts.venues) {
      const server = new MockServer(await loadMockProtocol(venue), { now: () => this.sim.now });
      const { wsUrl, httpUrl } = await server.start();
      this.servers.set(venue, server);
      urls.set(venue, { ws: wsUrl, rest: httpUrl });
    }
    return urls;
  }

  /** Begin pumping simulated events into the mocks. */
  run(): void {
    this.wallStart = this.now();
    const simStart = this.sim.now;
    const tick = () => {
      const target = simStart + (this.now() - this.wallStart) * this.opts.speed;
      this.sim.runUntil(target, (events) => this.publish(events));
    };
    this.timer = setInterval(tick, this.opts.tickMs ?? 100);
    this.timer.unref();
  }

  /** Publish events straight into the mocks (history pre-generation bypasses them). */
  publish(events: readonly MarketEvent[]): void {
    for (const e of events) {
      const s = this.servers.get(e.venue);
      if (s) {
        s.publish(e);
        this.published++;
      }
    }
  }

  server(venue: VenueId): MockServer | undefined {
    return this.servers.get(venue);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.servers.values()].map((s) => s.close()));
    this.servers.clear();
  }
}
