import type Koa from 'koa';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Logger } from 'pino';
import { webhookBacklog } from '../../domain/directory/webhooks/webhook-backlog';
import type { Database } from '../../platform/db/database';

/** Which edge of the service a request came in at. */
export type Edge = 'scim' | 'graphql' | 'other';

export type PurgeOutcome = 'success' | 'failure' | 'skipped';
export type WebhookAttemptOutcome = 'delivered' | 'failed' | 'gone';
/** Why an attempt failed: an HTTP status other than 2xx and 410, no answer in time, no connection, an address not allowed. */
export type WebhookFailureReason = 'status' | 'timeout' | 'network' | 'blocked';

/**
 * What an operator graphs and alerts on. Labels say where and what, never who: no tenant id, user,
 * path with ids in it, or anything a client sent (routes are templates, unknown paths are
 * "unmatched"). The no-op implementation stands in while metrics are off (METRICS=false).
 */
export interface Metrics {
  /** Times every request; routes come from `ctx.state.metricsRoute` (SCIM) or the router's template. */
  middleware(): Koa.Middleware;
  webhookAttempt(outcome: WebhookAttemptOutcome, seconds: number, failure?: WebhookFailureReason): void;
  purgeRun(outcome: PurgeOutcome, removed?: Readonly<Record<string, number>>): void;
  /** The Prometheus text exposition, with the database gauges read now. */
  render(): Promise<{ contentType: string; body: string }>;
}

/** Seconds: SCIM and GraphQL requests take milliseconds; a slow one, seconds. */
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** A receiver answers within the 10 s timeout, usually within a second. */
const DELIVERY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(options: { enabled: boolean; database: Database; log: Logger }): Metrics {
  return options.enabled ? new PrometheusMetrics(options.database, options.log) : NO_METRICS;
}

class PrometheusMetrics implements Metrics {
  private readonly registry = new Registry();
  private readonly requests: Counter<'edge' | 'route' | 'method' | 'status_class'>;
  private readonly requestSeconds: Histogram<'edge' | 'route' | 'method' | 'status_class'>;
  private readonly scimOperations: Counter<'method' | 'resource' | 'outcome'>;
  private readonly deliveries: Counter<'outcome'>;
  private readonly deliveryFailures: Counter<'reason'>;
  private readonly deliverySeconds: Histogram<'outcome'>;
  private readonly purgeRuns: Counter<'outcome'>;
  private readonly purged: Counter<'kind'>;
  private readonly lastPurge: Gauge;

  constructor(database: Database, log: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'evercate_http_requests_total',
      help: 'HTTP requests by edge (scim, graphql, other), route template, method and status class (2xx, 4xx, …).',
      labelNames: ['edge', 'route', 'method', 'status_class'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'evercate_http_request_duration_seconds',
      help: 'How long HTTP requests took, by edge, route template, method and status class.',
      labelNames: ['edge', 'route', 'method', 'status_class'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.scimOperations = new Counter({
      name: 'evercate_scim_operations_total',
      help: 'SCIM operations by method, resource (Users, User, Groups, Group) and outcome (success, client_error, server_error).',
      labelNames: ['method', 'resource', 'outcome'],
      registers,
    });
    this.deliveries = new Counter({
      name: 'evercate_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome: delivered (2xx), failed (retried), gone (410, webhook disabled).',
      labelNames: ['outcome'],
      registers,
    });
    this.deliveryFailures = new Counter({
      name: 'evercate_webhook_delivery_failures_total',
      help: 'Failed webhook delivery attempts by reason: status (not 2xx), timeout, network, blocked (address not allowed).',
      labelNames: ['reason'],
      registers,
    });
    this.deliverySeconds = new Histogram({
      name: 'evercate_webhook_delivery_duration_seconds',
      help: 'How long webhook receivers took to answer, by outcome.',
      labelNames: ['outcome'],
      buckets: DELIVERY_BUCKETS,
      registers,
    });
    this.purgeRuns = new Counter({
      name: 'evercate_purge_runs_total',
      help: 'Runs of the retention purge by outcome: success, failure, skipped (another instance was purging).',
      labelNames: ['outcome'],
      registers,
    });
    this.purged = new Counter({
      name: 'evercate_purge_removed_total',
      help: 'What the purge removed, by kind.',
      labelNames: ['kind'],
      registers,
    });
    this.lastPurge = new Gauge({
      name: 'evercate_purge_last_success_timestamp_seconds',
      help: 'When this instance last purged successfully (Unix time); 0 before the first purge.',
      registers,
    });

    const pool = (name: string, help: string, read: (stats: ReturnType<Database['poolStats']>) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(database.poolStats()));
        },
      });
    pool('evercate_db_pool_max', 'The most database connections this instance opens (DB_POOL_MAX).', (s) => s.max);
    pool('evercate_db_pool_size', 'Database connections open (or opening) in the pool.', (s) => s.size);
    pool('evercate_db_pool_in_use', 'Database connections lent out to a request or job.', (s) => s.inUse);
    pool('evercate_db_pool_waiting', 'Requests waiting for a database connection.', (s) => s.waiting);

    // One statement per scrape, shared by the three gauges; the same numbers from every instance.
    let backlog: ReturnType<typeof webhookBacklog> | undefined;
    const readBacklog = () =>
      (backlog ??= webhookBacklog(database).finally(() => setTimeout(() => (backlog = undefined), 1_000).unref()));
    const backlogGauge = (
      name: string,
      help: string,
      read: (b: Awaited<ReturnType<typeof webhookBacklog>>) => number,
    ) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          try {
            this.set(read(await readBacklog()));
          } catch (error) {
            log.warn({ err: error }, 'could not read the webhook backlog for metrics');
            this.reset();
          }
        },
      });
    backlogGauge(
      'evercate_webhook_queue_depth',
      'Changes after the cursors of active webhooks that are behind (of any type: an upper bound of what waits), across tenants.',
      (b) => b.changesBehind,
    );
    backlogGauge(
      'evercate_webhook_webhooks_behind',
      'Active webhooks with changes not yet delivered, across tenants.',
      (b) => b.webhooksBehind,
    );
    backlogGauge(
      'evercate_webhook_oldest_undelivered_age_seconds',
      'How long the oldest change not yet delivered by an active webhook has waited; 0 when none waits.',
      (b) => b.oldestWaitingSeconds,
    );
  }

  middleware(): Koa.Middleware {
    return async (ctx, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        const edge = edgeOf(ctx.path);
        const route =
          (ctx.state.metricsRoute as string | undefined) ?? (ctx as { _matchedRoute?: string })._matchedRoute;
        const labels = {
          edge,
          route: typeof route === 'string' ? route : 'unmatched',
          method: METHODS.has(ctx.method) ? ctx.method : 'OTHER',
          status_class: `${Math.floor(ctx.status / 100)}xx`,
        };
        this.requests.inc(labels);
        this.requestSeconds.observe(labels, (performance.now() - started) / 1000);
        const resource = ctx.state.scimResource as string | undefined;
        if (edge === 'scim' && resource) {
          const outcome = ctx.status >= 500 ? 'server_error' : ctx.status >= 400 ? 'client_error' : 'success';
          this.scimOperations.inc({ method: labels.method, resource, outcome });
        }
      }
    };
  }

  webhookAttempt(outcome: WebhookAttemptOutcome, seconds: number, failure?: WebhookFailureReason): void {
    this.deliveries.inc({ outcome });
    this.deliverySeconds.observe({ outcome }, seconds);
    if (failure) this.deliveryFailures.inc({ reason: failure });
  }

  purgeRun(outcome: PurgeOutcome, removed: Readonly<Record<string, number>> = {}): void {
    this.purgeRuns.inc({ outcome });
    for (const [kind, count] of Object.entries(removed)) this.purged.inc({ kind }, count);
    if (outcome === 'success') this.lastPurge.set(Date.now() / 1000);
  }

  async render() {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function edgeOf(path: string): Edge {
  if (/^\/scim(\/|$)/i.test(path)) return 'scim';
  if (path === '/graphql' || path.startsWith('/graphql/')) return 'graphql';
  return 'other';
}

const NO_METRICS: Metrics = {
  middleware: () => (_ctx, next) => next(),
  webhookAttempt: () => undefined,
  purgeRun: () => undefined,
  render: () => Promise.reject(new Error('Metrics are off (METRICS=false)')),
};

/** `GET /metrics`: the Prometheus text format. */
export function metricsEndpoint(metrics: Metrics): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.path !== '/metrics') return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.status = 405;
      ctx.set('Allow', 'GET, HEAD');
      return;
    }
    const { contentType, body } = await metrics.render();
    ctx.type = contentType;
    ctx.body = body;
  };
}
