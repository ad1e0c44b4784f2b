import type { Logger } from 'pino';
import type { Metrics, WebhookFailureReason } from '../api/http/metrics';
import { deliver, type DeliveryResult } from '../api/webhooks/delivery-client';
import type { WebhookPayloads } from '../api/webhooks/payload';
import { signedHeaders } from '../api/webhooks/signing';
import { WebhookOutbox, type DeliveryAttempt, type OutboxBatch } from '../domain/directory/webhooks/webhook-outbox';
import { nextAttempt } from '../domain/directory/webhooks/webhook-retry';
import type { WebhookSettings } from '../platform/config';
import type { Database } from '../platform/db/database';
import { TenantTransaction } from '../platform/db/tenant-transaction';

/** Changes read (and their objects) per round trip to the database. */
const BATCH_SIZE = 50;
/** How long one job delivers before it lets other webhooks have its worker slot; the next poll goes on. */
const JOB_BUDGET_MS = 20_000;
const USER_AGENT = 'evercate-directory-webhooks/1 (+https://evercate.com)';

export interface DeliveryDependencies {
  database: Database;
  payloads: WebhookPayloads;
  settings: WebhookSettings;
  metrics: Metrics;
  log: Logger;
}

/** The webhook-id of a change: the same for every attempt and every replay, unique across tenants. */
export function webhookIdOf(tenantId: string, sequence: string): string {
  return `chg_${tenantId}_${sequence}`;
}

/**
 * Delivers one webhook's waiting changes, in change order, one at a time: the job graphile-worker
 * runs in the webhook's own queue, so at most one runs per webhook across every instance. Each
 * change is sent until the receiver takes it (2xx), and only then is the next one sent: a failure
 * records when to try again and ends the job (the dispatcher schedules the retry when it is due).
 * No database connection is held while a receiver is being waited for.
 */
export async function deliverWebhook(
  dependencies: DeliveryDependencies,
  job: { tenantId: string; subscriptionId: string },
  signal: AbortSignal,
): Promise<void> {
  const { database, settings, metrics, log } = dependencies;
  const deadline = Date.now() + JOB_BUDGET_MS;
  const inTenant = <T>(work: (transaction: TenantTransaction) => Promise<T>) =>
    withTenant(database, job.tenantId, work);

  while (!signal.aborted && Date.now() < deadline) {
    const prepared = await inTenant(async (transaction) => {
      const batch = await new WebhookOutbox(transaction).next(job.subscriptionId, BATCH_SIZE);
      if (!batch || batch.status !== 'active') return undefined;
      if (batch.cursor.retryAt && batch.cursor.retryAt.getTime() > Date.now()) return undefined;
      if (batch.expired) {
        await new WebhookOutbox(transaction).pause(
          job.subscriptionId,
          `Changes it had not delivered were purged (older than CHANGE_RETENTION_DAYS). Replay from a cursor still in retention, then resume.`,
        );
        return undefined;
      }
      const bodies = await dependencies.payloads.build(transaction, job.subscriptionId, batch.changes, log);
      return { batch, bodies: bodies.map((body) => JSON.stringify(body)) };
    });
    if (!prepared) return;
    const { batch, bodies } = prepared;

    let from = batch.cursor.deliveredThrough;
    for (const [index, { change }] of batch.changes.entries()) {
      const webhookId = webhookIdOf(job.tenantId, change.sequence);
      const attemptedAt = new Date();
      const result = await deliver({
        url: batch.url,
        body: bodies[index]!,
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          ...signedHeaders(batch.secrets, webhookId, attemptedAt, bodies[index]!),
        },
        timeoutMs: settings.timeoutMs,
        allowPrivateTargets: settings.allowPrivateTargets,
        signal,
      });
      // Stopping is not the receiver's fault: nothing is recorded, and another instance sends it again.
      if (result.kind === 'aborted') return;
      const attempt = attemptRecord(job.subscriptionId, batch, from, change, webhookId, attemptedAt, result, settings);
      const recorded = await inTenant((transaction) => new WebhookOutbox(transaction).record(attempt));
      metrics.webhookAttempt(attempt.outcome, result.durationMs / 1000, failureReason(result));
      if (attempt.outcome !== 'delivered') {
        log.info(
          { webhook: job.subscriptionId, sequence: change.sequence, outcome: attempt.outcome, error: attempt.error },
          'webhook delivery failed',
        );
      }
      // Not recorded: the cursor was moved meanwhile (a replay) or the webhook deleted; start over.
      if (!recorded || attempt.outcome !== 'delivered') return;
      from = change.sequence;
      batch.cursor.attempts = 0;
      batch.cursor.failingSince = null;
      if (signal.aborted || Date.now() >= deadline) return;
    }
    if (batch.changes.length < BATCH_SIZE) {
      if (BigInt(batch.scannedThrough) > BigInt(from)) {
        await inTenant((transaction) =>
          new WebhookOutbox(transaction).skip(job.subscriptionId, from, batch.scannedThrough),
        );
      }
      return;
    }
  }
}

function attemptRecord(
  subscriptionId: string,
  batch: OutboxBatch,
  from: string,
  change: OutboxBatch['changes'][number]['change'],
  webhookId: string,
  attemptedAt: Date,
  result: Exclude<DeliveryResult, { kind: 'aborted' }>,
  settings: WebhookSettings,
): DeliveryAttempt {
  const base = {
    subscriptionId,
    from,
    changeSeq: change.sequence,
    changeType: change.changeType,
    webhookId,
    attempt: batch.cursor.attempts + 1,
    attemptedAt,
    durationMs: result.durationMs,
    statusCode: result.kind === 'answered' ? result.statusCode : null,
    responseExcerpt: result.kind === 'answered' ? result.responseExcerpt : null,
  };
  if (result.kind === 'answered' && result.statusCode >= 200 && result.statusCode < 300) {
    return {
      ...base,
      outcome: 'delivered',
      error: null,
      nextAttemptAt: null,
      cursor: { deliveredThrough: change.sequence, attempts: 0, failingSince: null, retryAt: null },
    };
  }
  if (result.kind === 'answered' && result.statusCode === 410) {
    return {
      ...base,
      outcome: 'gone',
      error: 'The receiver answered 410 Gone.',
      nextAttemptAt: null,
      cursor: { deliveredThrough: from, attempts: 0, failingSince: null, retryAt: null },
      stop: {
        status: 'disabled',
        reason: `The receiver answered 410 Gone on ${attemptedAt.toISOString()}; deliveries stopped. Resume the webhook once it accepts deliveries again.`,
      },
    };
  }
  const error =
    result.kind === 'answered'
      ? result.statusCode >= 300 && result.statusCode < 400
        ? `The receiver answered ${result.statusCode} (a redirect); redirects are not followed, so give the final URL.`
        : `The receiver answered ${result.statusCode}.`
      : result.error;
  const attempts = batch.cursor.attempts + 1;
  const failingSince = batch.cursor.failingSince ?? attemptedAt;
  const decision = nextAttempt(attempts, failingSince, new Date(), settings.retry);
  if ('giveUp' in decision) {
    return {
      ...base,
      outcome: 'failed',
      error,
      nextAttemptAt: null,
      cursor: { deliveredThrough: from, attempts, failingSince, retryAt: null },
      stop: {
        status: 'paused',
        reason: `Change ${change.sequence} could not be delivered since ${failingSince.toISOString()} (${attempts} attempts; the last: ${error}). Resume the webhook once the receiver works again; nothing after it was lost.`,
      },
    };
  }
  return {
    ...base,
    outcome: 'failed',
    error,
    nextAttemptAt: decision.retryAt,
    cursor: { deliveredThrough: from, attempts, failingSince, retryAt: decision.retryAt },
  };
}

function failureReason(result: DeliveryResult): WebhookFailureReason | undefined {
  if (result.kind === 'answered') return result.statusCode >= 200 && result.statusCode < 300 ? undefined : 'status';
  return result.kind === 'aborted' ? undefined : result.kind;
}

/** Work in a transaction entered into one tenant (row-level security applies), committed when it succeeds. */
async function withTenant<T>(
  database: Database,
  tenantId: string,
  work: (transaction: TenantTransaction) => Promise<T>,
): Promise<T> {
  const transaction = await TenantTransaction.begin(database);
  try {
    await transaction.enterTenant(tenantId);
    const result = await work(transaction);
    await transaction.commit();
    return result;
  } finally {
    await transaction.rollback();
  }
}
