import { EventEmitter } from 'node:events';
import {
  Logger as GraphileLogger,
  makeWorkerUtils,
  run,
  type Runner,
  type WorkerEvents,
  type WorkerUtils,
} from 'graphile-worker';
import type { Logger } from 'pino';
import { formatGraphQLError } from '../api/graphql/error-mapping';
import { InProcessGraphQL } from '../api/graphql/in-process-graphql';
import { directorySchema } from '../api/graphql/schema';
import type { Metrics } from '../api/http/metrics';
import { WebhookPayloads } from '../api/webhooks/payload';
import { dueWebhooks } from '../domain/directory/webhooks/webhook-backlog';
import { JOB_QUEUE_SCHEMA } from '../model/kept-in-sql';
import type { WebhookSettings } from '../platform/config';
import type { Database } from '../platform/db/database';
import { deliverWebhook } from './deliver-webhook';
import { JobWorkerLiveness } from './job-worker-liveness';

const TASK = 'deliver_webhook';
/** Webhooks scheduled per look at most; the rest are found by the next look. */
const SCHEDULE_LIMIT = 1_000;
/** How often the job queue's leftovers (queues of idle webhooks, failed jobs) are cleared away. */
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;
/**
 * How often this instance looks for jobs locked by workers that are gone, and how long such a job
 * must have been locked: a live worker never holds a webhook job that long (a job yields after
 * 20 s, an attempt times out after at most 60), so even one whose own lock session was lost a
 * moment ago is safe.
 */
const ORPHANS = { checkIntervalMs: 30_000, lockedForMs: 120_000 };

export interface WebhookWorker {
  /** Finishes deliveries in flight (those still waiting after a few seconds are cut short and retried elsewhere). */
  stop(): Promise<void>;
}

interface DeliveryJob {
  tenantId: string;
  subscriptionId: string;
}

/**
 * Delivers webhooks from this instance, sharing the work with every other instance through
 * PostgreSQL, with graphile-worker (a job queue made for PostgreSQL, with its tables in its own
 * schema):
 * - the dispatcher looks every WEBHOOK_POLL_INTERVAL_MS for webhooks behind their tenant's change
 *   record and due (one statement; nothing is added to the requests that make the changes), and
 *   adds one job per such webhook, keyed by the webhook, so a webhook has one job waiting at most;
 * - each job runs in the webhook's own named queue, which graphile-worker runs one job at a time
 *   across all instances: deliveries of one webhook never overlap, so they keep change order;
 * - WEBHOOK_CONCURRENCY jobs run at once per instance, each bounded in time (a request times out,
 *   a job yields after a while), so a slow receiver holds one slot and never another tenant's.
 */
export async function startWebhookWorker(options: {
  database: Database;
  /** The same PostgreSQL the database uses: the job queue keeps its own connections. */
  databaseUrl: string;
  settings: WebhookSettings;
  metrics: Metrics;
  log: Logger;
  /** When jobs of workers that are gone are taken back (tests shorten it). */
  orphans?: { checkIntervalMs: number; lockedForMs: number };
}): Promise<WebhookWorker> {
  const orphans = options.orphans ?? ORPHANS;
  const { database, settings, metrics } = options;
  const log = options.log.child({ component: 'webhooks' });
  const schema = await directorySchema();
  const payloads = new WebhookPayloads(new InProcessGraphQL(schema, formatGraphQLError(log)), schema);
  const logger = graphileLogger(log);
  const utils: WorkerUtils = await makeWorkerUtils({
    connectionString: options.databaseUrl,
    schema: JOB_QUEUE_SCHEMA,
    logger,
    maxPoolSize: 2,
  });
  const liveness = new JobWorkerLiveness(options.databaseUrl, log);
  let holding: Promise<void> = Promise.resolve();
  const events: WorkerEvents = new EventEmitter();
  events.on('pool:create', ({ workerPool }) => {
    holding = liveness.hold(workerPool.id);
  });
  const runner: Runner = await run({
    noHandleSignals: true,
    events,
    preset: {
      worker: {
        connectionString: options.databaseUrl,
        schema: JOB_QUEUE_SCHEMA,
        logger,
        concurrentJobs: settings.concurrency,
        maxPoolSize: settings.concurrency + 2,
        // Deliveries waiting on a receiver at shutdown are cut short after this (before they would
        // time out), and not recorded: another instance sends them again.
        gracefulShutdownAbortTimeout: Math.min(5_000, settings.timeoutMs / 2),
        // Batched (even with no delay), completions still pending at shutdown are written before the
        // pool closes; unbatched, graphile-worker 0.17 may close it first and leave the job locked.
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
    taskList: {
      [TASK]: (payload, helpers) =>
        deliverWebhook({ database, payloads, settings, metrics, log }, payload as DeliveryJob, helpers.abortSignal),
    },
  });
  try {
    await holding;
  } catch (error) {
    await runner.stop();
    await Promise.all([utils.release(), liveness.close()]);
    throw error;
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let dispatching: Promise<void> = Promise.resolve();
  let lastCleanup = 0;
  let lastOrphanCheck = 0;
  const dispatch = async () => {
    try {
      const due = await dueWebhooks(database, SCHEDULE_LIMIT);
      if (due.length > 0) {
        await utils.addJobs(
          due.map((job) => ({
            identifier: TASK,
            payload: job,
            queueName: `webhook:${job.subscriptionId}`,
            jobKey: `webhook:${job.subscriptionId}`,
            // The dispatcher schedules again what is still due; a job that keeps failing is a bug.
            maxAttempts: 5,
          })),
          true,
        );
      }
      if (Date.now() - lastOrphanCheck > orphans.checkIntervalMs) {
        lastOrphanCheck = Date.now();
        const gone = await liveness.takeBackOrphans(database, utils, orphans.lockedForMs);
        if (gone.length > 0) log.warn({ workerPools: gone }, 'took back webhook jobs of workers that are gone');
      }
      if (Date.now() - lastCleanup > CLEANUP_INTERVAL_MS) {
        lastCleanup = Date.now();
        // Not GC_TASK_IDENTIFIERS: running workers keep task ids, and would miss jobs under a new one.
        await utils.cleanup({ tasks: ['GC_JOB_QUEUES', 'DELETE_PERMAFAILED_JOBS'] });
      }
    } catch (error) {
      log.warn({ err: error }, 'could not schedule webhook deliveries; trying again');
    } finally {
      if (!stopped) {
        timer = setTimeout(() => (dispatching = dispatch()), settings.pollIntervalMs);
        timer.unref();
      }
    }
  };
  dispatching = dispatch();
  log.info({ concurrency: settings.concurrency }, 'delivering webhooks');

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await dispatching;
      await runner.stop();
      await utils.release();
      await liveness.close();
    },
  };
}

/** graphile-worker's log lines in the service's JSON log; its routine chatter at debug level. */
function graphileLogger(log: Logger): GraphileLogger {
  return new GraphileLogger((scope) => (level, message, meta) => {
    const entry = { scope, ...(meta && 'error' in meta ? { err: meta.error } : {}) };
    if (level === 'error') log.error(entry, message);
    else if (level === 'warning') log.warn(entry, message);
    else log.debug(entry, message);
  });
}
