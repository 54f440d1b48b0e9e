import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one instance, served at GET /metrics. Defaults (CPU, memory, GC, event-loop lag) plus
 * what tells how the messenger itself is doing.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'messenger_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly socketConnections = new Gauge({
    name: 'messenger_socket_connections',
    help: 'Socket.IO connections open on this instance',
    registers: [this.registry],
  });

  readonly socketEventsIn = new Counter({
    name: 'messenger_socket_events_received_total',
    help: 'Client events received, by event and outcome',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly socketEventsOut = new Counter({
    name: 'messenger_socket_events_published_total',
    help: 'Server events published (to any number of recipients), by event',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly fanoutLatency = new Histogram({
    name: 'messenger_event_fanout_seconds',
    help: 'Time from a committed change to its event leaving this instance (replay log included)',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });

  readonly replays = new Counter({
    name: 'messenger_sync_replays_total',
    help: 'sync requests, by outcome (replayed, current, expired)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly redisDegraded = new Counter({
    name: 'messenger_redis_degraded_total',
    help: 'Operations that went on without Redis (a check failed open, an event skipped the replay log), by check',
    labelNames: ['check'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Reports the database pool (open, idle, waiting) on every scrape. */
  observeDatabasePool(status: () => { total: number; idle: number; waiting: number }): void {
    new Gauge({
      name: 'messenger_db_pool_connections',
      help: 'PostgreSQL pool: open connections, idle ones, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        for (const [state, value] of Object.entries(status())) this.set({ state }, value);
      },
    });
  }

  /** Reports the bytes that uploads under way hold of the upload budget (UPLOAD_MEMORY_BUDGET_MB) on every scrape. */
  observeUploadBudget(reserved: () => number): void {
    new Gauge({
      name: 'messenger_upload_bytes_reserved',
      help: 'Bytes of the upload budget (UPLOAD_MEMORY_BUDGET_MB) held by the uploads under way on this instance',
      registers: [this.registry],
      collect() {
        this.set(reserved());
      },
    });
  }

  /** Reports each Redis connection as up (1) or not (0) on every scrape. */
  observeRedis(connections: Record<string, () => boolean>): void {
    new Gauge({
      name: 'messenger_redis_up',
      help: 'Redis connections of this instance: 1 when ready, by role',
      labelNames: ['role'] as const,
      registers: [this.registry],
      collect() {
        for (const [role, up] of Object.entries(connections)) this.set({ role }, up() ? 1 : 0);
      },
    });
  }
}
