// GET /metrics (Prometheus): venue feed counters from the health messages on the bus, model step time,
// API latency, stream fan-out, cache efficiency. One registry per server (tests run several).
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { VenueHealth } from '../feed/collector.js';
import type { ServerContext } from './context.js';
import type { StreamHub } from './stream/hub.js';

/** Cumulative health counters → Prometheus counters (by the increase since the last message). */
class Deltas {
  private readonly last = new Map<string, number>();
  inc(name: string, c: Counter<string>, labels: Record<string, string>, value: number): void {
    const key = `${name}|${JSON.stringify(labels)}`;
    const prev = this.last.get(key);
    this.last.set(key, value);
    // A restarted collector starts from zero again: count its new total.
    const d = prev === undefined ? value : value >= prev ? value - prev : value;
    if (d > 0) c.inc(labels, d);
  }
}

export function installMetrics(app: FastifyInstance, ctx: ServerContext, hub: StreamHub): Registry {
  const register = new Registry();
  collectDefaultMetrics({ register, prefix: 'liqmap_' });
  const venue = ['venue'];
  const messages = new Counter({ name: 'liqmap_venue_messages_total', help: 'Frames received per venue', labelNames: venue, registers: [register] });
  const reconnects = new Counter({ name: 'liqmap_venue_reconnects_total', help: 'Reconnects per venue', labelNames: venue, registers: [register] });
  const gaps = new Counter({ name: 'liqmap_venue_gaps_total', help: 'Disconnect episodes seen as bar gaps', labelNames: venue, registers: [register] });
  const drops = new Counter({ name: 'liqmap_venue_drops_total', help: 'Frames dropped by the parser, by reason', labelNames: ['venue', 'reason'], registers: [register] });
  const rate = new Gauge({ name: 'liqmap_venue_messages_per_second', help: 'Data messages per second over the last minute', labelNames: venue, registers: [register] });
  const lag = new Gauge({ name: 'liqmap_venue_lag_seconds', help: 'Age of the newest data message', labelNames: venue, registers: [register] });
  const connected = new Gauge({ name: 'liqmap_venue_connected', help: '1 when every connection of the venue is up', labelNames: venue, registers: [register] });
  const deltas = new Deltas();
  const onHealth = (list: readonly VenueHealth[]): void => {
    for (const h of list) {
      const l = { venue: h.venue };
      deltas.inc('messages', messages, l, h.frames);
      deltas.inc('reconnects', reconnects, l, h.reconnects);
      deltas.inc('gaps', gaps, l, h.gaps);
      for (const [reason, n] of Object.entries(h.drops)) deltas.inc('drops', drops, { venue: h.venue, reason }, n);
      rate.set(l, h.msgsPerSec);
      connected.set(l, h.connected ? 1 : 0);
      if (h.lastMessageAgeMs !== null) lag.set(l, h.lastMessageAgeMs / 1000);
    }
  };

  const step = new Histogram({
    name: 'liqmap_model_step_seconds',
    help: 'Wall time of one model step over a bar-close batch',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [register],
  });
  const bars = new Counter({ name: 'liqmap_bars_total', help: 'Closed bars stepped by the model', registers: [register] });
  const liqs = new Counter({ name: 'liqmap_liquidations_total', help: 'Real liquidations received', labelNames: venue, registers: [register] });
  const bus = ctx.deps.bus;
  const unsubs = [
    bus.subscribe('venues', onHealth),
    bus.subscribe('bars', (b) => bars.inc(b.length)),
    bus.subscribe('liquidation', (e) => liqs.inc({ venue: e.venue })),
    bus.subscribe('column', (c) => {
      if (c.stepMs !== undefined) step.observe(c.stepMs / 1000);
    }),
  ];

  const latency = new Histogram({
    name: 'liqmap_http_request_duration_seconds',
    help: 'API latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [register],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    latency.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  new Gauge({ name: 'liqmap_stream_clients', help: 'Connected WebSocket clients', registers: [register], collect() { this.set(hub.size); } });
  new Gauge({ name: 'liqmap_stream_messages_sent', help: 'WebSocket messages sent since start', registers: [register], collect() { this.set(hub.counters.sent); } });
  new Gauge({ name: 'liqmap_stream_slow_consumers_cut', help: 'Clients cut off for not reading', registers: [register], collect() { this.set(hub.counters.slowConsumers); } });
  new Gauge({ name: 'liqmap_stream_dead_peers_cut', help: 'Clients cut off for missing heartbeats', registers: [register], collect() { this.set(hub.counters.deadPeers); } });
  new Gauge({ name: 'liqmap_view_cache_hits', help: 'View cache hits since start', registers: [register], collect() { this.set(ctx.cache.hits); } });
  new Gauge({ name: 'liqmap_view_cache_misses', help: 'View cache misses since start', registers: [register], collect() { this.set(ctx.cache.misses); } });

  app.get('/metrics', async (_req, reply) => {
    reply.header('Cache-Control', 'no-store').type(register.contentType);
    return register.metrics();
  });
  app.addHook('onClose', async () => {
    for (const u of unsubs) u();
  });
  return register;
}
