import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError } from '../../../platform/errors';
import {
  ChangeFeedService,
  decodeChangeCursor,
  encodeChangeCursor,
  type DirectoryChangeRecord,
} from '../changes/change-feed.service';
import type { ChangeType } from '../changes/change-recorder';
import type { WebhookDeliveryOutcome, WebhookStatus } from './webhook.records';

/** What the worker needs to deliver the next changes of one webhook. */
export interface OutboxBatch {
  url: string;
  status: WebhookStatus;
  /** Plain signing secrets that have not expired, newest first: each delivery is signed with all. */
  secrets: string[];
  cursor: DeliveryCursor;
  /** The next changes of the wanted types, in change order, each with its directoryChanges cursor. */
  changes: Array<{ change: DirectoryChangeRecord; cursor: string }>;
  /**
   * Once every change in `changes` is delivered, the cursor may move on to here: the changes in
   * between are of types the webhook does not want.
   */
  scannedThrough: string;
  /** Changes not yet delivered were purged (the webhook was stopped for longer than the retention). */
  expired: boolean;
}

export interface DeliveryCursor {
  deliveredThrough: string;
  attempts: number;
  failingSince: Date | null;
  retryAt: Date | null;
}

/** One attempt, as the delivery log keeps it, with what it does to the cursor and the webhook. */
export interface DeliveryAttempt {
  subscriptionId: string;
  /** The cursor the attempt was made from: if it moved meanwhile (a replay), the attempt is not recorded. */
  from: string;
  changeSeq: string;
  changeType: ChangeType;
  webhookId: string;
  attempt: number;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  outcome: WebhookDeliveryOutcome;
  error: string | null;
  responseExcerpt: string | null;
  nextAttemptAt: Date | null;
  cursor: DeliveryCursor;
  /** Set when the attempt stops the webhook: 410 Gone, or failing for the whole retry window. */
  stop?: { status: Exclude<WebhookStatus, 'active'>; reason: string };
}

/**
 * The worker's side of a webhook, inside its tenant: the change record read from the webhook's
 * cursor (the outbox: changes are written in the transaction that makes them, so a committed
 * change is always there and a rolled-back one never), and each attempt recorded together with
 * the cursor it moves, in one statement. The cursor only moves from where the worker read it,
 * so two deliverers of one webhook can never move it back or skip a change.
 */
export class WebhookOutbox {
  private readonly feed: ChangeFeedService;

  constructor(private readonly sql: Sql) {
    this.feed = new ChangeFeedService(sql);
  }

  /** The next changes to deliver, or nothing when the webhook is gone. */
  async next(subscriptionId: string, limit: number): Promise<OutboxBatch | undefined> {
    const [row] = await this.sql.query<{
      url: string;
      status: WebhookStatus;
      change_types: ChangeType[];
      delivered_through: string;
      attempts: number;
      failing_since: string | null;
      retry_at: string | null;
      secrets: string[];
    }>(
      `select w.url, w.status, w.change_types, c.delivered_through::text as delivered_through, c.attempts,
              c.failing_since, c.retry_at,
              array(select k.secret from webhook_secrets k
                     where k.tenant_id = w.tenant_id and k.subscription_id = w.id
                       and (k.expires_at is null or k.expires_at > now())
                     order by k.created_at desc) as secrets
         from webhook_subscriptions w
         join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
        where w.tenant_id = ? and w.id = ?`,
      [this.sql.tenantId, subscriptionId],
    );
    if (!row) return undefined;
    const cursor: DeliveryCursor = {
      deliveredThrough: row.delivered_through,
      attempts: row.attempts,
      failingSince: row.failing_since ? new Date(row.failing_since) : null,
      retryAt: row.retry_at ? new Date(row.retry_at) : null,
    };
    const base = { url: row.url, status: row.status, secrets: row.secrets, cursor };
    try {
      // The latest sequence number is read (and the committed changes numbered) before the page:
      // every change up to it is visible to the page's statement.
      const latest = decodeChangeCursor(await this.feed.latestCursor());
      const page = await this.feed.read({
        after: encodeChangeCursor(row.delivered_through),
        first: limit,
        types: row.change_types.length > 0 ? row.change_types : null,
      });
      const changes = page.changes.map((change, index) => ({ change, cursor: page.cursors[index]! }));
      const last = changes[changes.length - 1]?.change.sequence ?? row.delivered_through;
      const scannedThrough = page.hasNextPage || BigInt(last) > BigInt(latest) ? last : latest;
      return { ...base, changes, scannedThrough, expired: false };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CURSOR_EXPIRED') {
        return { ...base, changes: [], scannedThrough: row.delivered_through, expired: true };
      }
      throw error;
    }
  }

  /** Records an attempt and moves the cursor; false when the cursor had moved meanwhile (nothing recorded). */
  async record(attempt: DeliveryAttempt): Promise<boolean> {
    const [row] = await this.sql.query<{ recorded: number }>(
      `with moved as (
         update webhook_cursors c
            set delivered_through = ?::bigint, attempts = ?, failing_since = ?::timestamptz,
                retry_at = ?::timestamptz, updated_at = now()
          where c.tenant_id = ? and c.subscription_id = ? and c.delivered_through = ?::bigint
         returning c.tenant_id, c.subscription_id
       ), logged as (
         insert into webhook_deliveries
           (tenant_id, subscription_id, change_seq, webhook_id, change_type, attempt, attempted_at, duration_ms,
            status_code, outcome, error, response_excerpt, next_attempt_at)
         select moved.tenant_id, moved.subscription_id, ?::bigint, ?, ?, ?, ?::timestamptz, ?, ?, ?, ?, ?, ?::timestamptz
           from moved
       ), stopped as (
         update webhook_subscriptions w
            set status = ?, status_reason = ?, status_changed_at = now(), updated_at = now()
           from moved
          where ?::text is not null and w.tenant_id = moved.tenant_id and w.id = moved.subscription_id
            and w.status = 'active'
       )
       select count(*)::int as recorded from moved`,
      [
        attempt.cursor.deliveredThrough,
        attempt.cursor.attempts,
        attempt.cursor.failingSince?.toISOString() ?? null,
        attempt.cursor.retryAt?.toISOString() ?? null,
        this.sql.tenantId,
        attempt.subscriptionId,
        attempt.from,
        attempt.changeSeq,
        attempt.webhookId,
        attempt.changeType,
        attempt.attempt,
        attempt.attemptedAt.toISOString(),
        attempt.durationMs,
        attempt.statusCode,
        attempt.outcome,
        attempt.error,
        attempt.responseExcerpt,
        attempt.nextAttemptAt?.toISOString() ?? null,
        attempt.stop?.status ?? null,
        attempt.stop?.reason ?? null,
        attempt.stop?.status ?? null,
      ],
    );
    return (row?.recorded ?? 0) > 0;
  }

  /** Moves the cursor past changes of other types; false when it had moved meanwhile. */
  async skip(subscriptionId: string, from: string, to: string): Promise<boolean> {
    const rows = await this.sql.query(
      `update webhook_cursors c set delivered_through = ?::bigint, updated_at = now()
        where c.tenant_id = ? and c.subscription_id = ? and c.delivered_through = ?::bigint
        returning c.subscription_id`,
      [to, this.sql.tenantId, subscriptionId, from],
    );
    return rows.length > 0;
  }

  /** Stops an active webhook, with the reason its admin will see. */
  async pause(subscriptionId: string, reason: string): Promise<void> {
    await this.sql.query(
      `update webhook_subscriptions w
          set status = 'paused', status_reason = ?, status_changed_at = now(), updated_at = now()
        where w.tenant_id = ? and w.id = ? and w.status = 'active'`,
      [reason, this.sql.tenantId, subscriptionId],
    );
  }
}
