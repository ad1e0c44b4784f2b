import { Logger as GraphileLogger, makeWorkerUtils, run, type Runner, type WorkerUtils } from 'graphile-worker';
import type { Logger } from 'pino';
import { createApollo } from '../api/graphql/apollo';
import { directorySchema } from '../api/graphql/schema';
import type { Metrics } from '../api/http/metrics';
import { WebhookPayloads } from '../api/webhooks/payload';
import { dueWebhooks } from '../domain/directory/webhooks/webhook-backlog';
import { JOB_QUEUE_SCHEMA } from '../model/kept-in-sql';
import type { WebhookSettings } from '../platform/config';
import type { Database } from '../platform/db/database';
import { deliverWebhook } from './deliver-webhook';

const TASK = 'deliver_webhook';
/** Webhooks scheduled per look at most; the rest are found by the next look. */
const SCHEDULE_LIMIT = 1_000;
/** How often the job queue's leftovers (queues of idle webhooks, failed jobs) are cleared away. */
const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

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
}): Promise<WebhookWorker> {
  const { database, settings, metrics } = options;
  const log = options.log.child({ component: 'webhooks' });
  const schema = await directorySchema();
  const apollo = await createApollo({ schema, log, introspection: false });
  const payloads = new WebhookPayloads(apollo, schema);
  const queue = {
    connectionString: options.databaseUrl,
    schema: JOB_QUEUE_SCHEMA,
    logger: graphileLogger(log),
  };
  const utils: WorkerUtils = await makeWorkerUtils({ ...queue, maxPoolSize: 2 });
  const runner: Runner = await run({
    ...queue,
    concurrency: settings.concurrency,
    maxPoolSize: settings.concurrency + 1,
    noHandleSignals: true,
    // Deliveries waiting on a receiver at shutdown are cut short after this; another instance sends again.
    gracefulShutdownAbortTimeout: Math.min(5_000, settings.timeoutMs),
    taskList: {
      [TASK]: (payload, helpers) =>
        deliverWebhook({ database, payloads, settings, metrics, log }, payload as DeliveryJob, helpers.abortSignal),
    },
  });

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let dispatching: Promise<void> = Promise.resolve();
  let lastCleanup = 0;
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
      if (Date.now() - lastCleanup > CLEANUP_INTERVAL_MS) {
        lastCleanup = Date.now();
        await utils.cleanup({ tasks: ['GC_JOB_QUEUES', 'GC_TASK_IDENTIFIERS', 'DELETE_PERMAFAILED_JOBS'] });
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
      await apollo.stop();
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
