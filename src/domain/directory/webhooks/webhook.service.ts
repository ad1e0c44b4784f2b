import type { ChangeType } from '../../../model/directory-change.entity';
import type { Sql } from '../../../platform/db/tenant-transaction';
import { DomainError, InvalidInputError, NotFoundError } from '../../../platform/errors';
import { isUuid } from '../../../platform/ids';
import { planKeysetPage, toPage, type Page, type PageRequest, type SortKey } from '../../../platform/pagination';
import { decodeChangeCursor } from '../changes/change-feed.service';
import { newWebhookSecret } from './webhook-secret';
import { validateWebhookUrl } from './webhook-url';
import {
  WEBHOOK_DELIVERIES,
  WEBHOOK_SELECT,
  webhookFromRow,
  type WebhookDeliveryRecord,
  type WebhookRecord,
} from './webhook.records';

/** A tenant has a handful of receivers, not thousands: each costs a worker slot and a queue. */
export const MAX_WEBHOOKS_PER_TENANT = 20;
const MAX_DESCRIPTION_LENGTH = 500;
/** How long a rotated-out secret may stay valid: a week covers any deployment of a receiver. */
const MAX_PREVIOUS_SECRET_HOURS = 24 * 7;

export interface WebhookInput {
  url: string;
  /** Only these types; null or empty for every type. */
  changeTypes?: readonly ChangeType[] | null;
  description?: string | null;
}

export interface WebhookChange {
  id: string;
  url?: string | null;
  changeTypes?: readonly ChangeType[] | null;
  description?: string | null;
}

/** Oldest first: the order webhooks were created in. */
const BY_CREATION: SortKey = {
  name: 'webhooks:CREATED_AT:asc',
  expression: 'w.created_at',
  type: 'timestamptz',
  unique: false,
  descending: false,
};

/** Newest first; ids grow with time, so the key orders the log. */
const NEWEST_FIRST: SortKey = {
  name: 'webhookDeliveries:ID:desc',
  expression: 'd.id',
  type: 'bigint',
  unique: true,
  descending: true,
};

/**
 * A tenant's webhooks, as its admins manage them: where changes are pushed, which ones, the
 * signing secrets, pausing, resuming and replaying, and the log of delivery attempts. Delivery
 * itself is the worker's (src/worker), reading the change record through WebhookOutbox.
 */
export class WebhookService {
  constructor(
    private readonly sql: Sql,
    private readonly settings: { allowPrivateTargets: boolean },
  ) {}

  /** A new webhook, delivering the changes made from now on, with its first signing secret (returned once). */
  async create(input: WebhookInput): Promise<{ webhook: WebhookRecord; secret: string }> {
    const url = validateWebhookUrl(input.url, this.settings);
    const description = validDescription(input.description);
    const [{ count } = { count: 0 }] = await this.sql.query<{ count: number }>(
      'select count(*)::int as count from webhook_subscriptions w where w.tenant_id = ?',
      [this.sql.tenantId],
    );
    if (count >= MAX_WEBHOOKS_PER_TENANT) {
      throw new InvalidInputError(
        `A tenant can have at most ${MAX_WEBHOOKS_PER_TENANT} webhooks; delete one it no longer needs, or have one receiver take several change types.`,
      );
    }
    const { secret, prefix } = newWebhookSecret();
    const [row] = await this.sql.query<{ id: string }>(
      `with created as (
         insert into webhook_subscriptions (tenant_id, id, url, description, change_types)
         values (?, gen_random_uuid(), ?, ?, array(select jsonb_array_elements_text(?::jsonb)))
         returning tenant_id, id
       ), cursor as (
         insert into webhook_cursors (tenant_id, subscription_id, delivered_through)
         select created.tenant_id, created.id, (select last_seq from directory_sequence_changes(created.tenant_id))
           from created
       ), secret as (
         insert into webhook_secrets (tenant_id, id, subscription_id, secret, prefix)
         select created.tenant_id, gen_random_uuid(), created.id, ?, ? from created
       )
       select id from created`,
      [this.sql.tenantId, url, description, JSON.stringify(uniqueTypes(input.changeTypes)), secret, prefix],
    );
    return { webhook: await this.get(row!.id), secret };
  }

  async get(id: string): Promise<WebhookRecord> {
    const found = await this.find(id);
    if (!found) throw new NotFoundError('Webhook', id);
    return found;
  }

  async find(id: string): Promise<WebhookRecord | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.sql.query(
      `select ${WEBHOOK_SELECT}
         from webhook_subscriptions w
         join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
        where w.tenant_id = ? and w.id = ?`,
      [this.sql.tenantId, id],
    );
    return row && webhookFromRow(row);
  }

  async page(request: PageRequest): Promise<Page<WebhookRecord>> {
    const plan = planKeysetPage(BY_CREATION, 'w.id', request);
    const rows = await this.sql.query<{ id: string; sort_key: string }>(
      `select ${WEBHOOK_SELECT}, ${plan.sortKeySelect}
         from webhook_subscriptions w
         join webhook_cursors c on c.tenant_id = w.tenant_id and c.subscription_id = w.id
        where w.tenant_id = ? and ${plan.after.text}
        order by ${plan.orderBy} limit ? offset ?`,
      [this.sql.tenantId, ...plan.after.params, plan.limit, plan.offset],
    );
    return toPage(rows, BY_CREATION, request, webhookFromRow);
  }

  async count(): Promise<number> {
    const [row] = await this.sql.query<{ count: number }>(
      'select count(*)::int as count from webhook_subscriptions w where w.tenant_id = ?',
      [this.sql.tenantId],
    );
    return row?.count ?? 0;
  }

  /** Changes what is given; an omitted field stays as it is. */
  async update(change: WebhookChange): Promise<WebhookRecord> {
    const url = change.url == null ? null : validateWebhookUrl(change.url, this.settings);
    const description = change.description === undefined ? undefined : validDescription(change.description);
    const types = change.changeTypes === undefined ? null : JSON.stringify(uniqueTypes(change.changeTypes));
    await this.updateSubscription(
      change.id,
      `url = coalesce(?, w.url),
       description = case when ? then ? else w.description end,
       change_types = case when ?::jsonb is null then w.change_types
                           else array(select jsonb_array_elements_text(?::jsonb)) end`,
      [url, description !== undefined, description ?? null, types, types],
    );
    return this.get(change.id);
  }

  /** Stops delivering until resumed; changes meanwhile are delivered then, in order. */
  async pause(id: string): Promise<WebhookRecord> {
    await this.updateSubscription(
      id,
      `status = 'paused', status_reason = 'Paused by an admin.',
       status_changed_at = case when w.status = 'paused' then w.status_changed_at else now() end`,
      [],
    );
    return this.get(id);
  }

  /**
   * Delivers again, from the first change not yet delivered, with a fresh retry window. Refused
   * with CURSOR_EXPIRED when changes it had not delivered have been purged meanwhile: replay from
   * a cursor still in retention instead.
   */
  async resume(id: string): Promise<WebhookRecord> {
    const webhook = await this.get(id);
    await this.assertInRetention(webhook.delivery.deliveredThrough);
    await this.sql.query(
      `with resumed as (
         update webhook_subscriptions w
            set status = 'active', status_reason = null,
                status_changed_at = case when w.status = 'active' then w.status_changed_at else now() end,
                updated_at = now()
          where w.tenant_id = ? and w.id = ?
         returning w.tenant_id, w.id
       )
       update webhook_cursors c set attempts = 0, failing_since = null, retry_at = null, updated_at = now()
         from resumed where c.tenant_id = resumed.tenant_id and c.subscription_id = resumed.id`,
      [this.sql.tenantId, id],
    );
    return this.get(id);
  }

  /**
   * Delivers again every change after the cursor (a directoryChanges cursor), in order, whether
   * or not it was delivered before; each keeps its webhook-id, so receivers that de-duplicate see
   * only what they missed. A paused or disabled webhook sends once it is resumed.
   */
  async replay(id: string, after: string): Promise<WebhookRecord> {
    const seq = decodeChangeCursor(after);
    await this.get(id);
    const { lastSeq } = await this.assertInRetention(seq);
    if (BigInt(seq) > BigInt(lastSeq)) {
      throw new InvalidInputError('The cursor is after the latest change; take one from directoryChanges.', ['after']);
    }
    await this.sql.query(
      `update webhook_cursors c
          set delivered_through = ?::bigint, attempts = 0, failing_since = null, retry_at = null, updated_at = now()
        where c.tenant_id = ? and c.subscription_id = ?`,
      [seq, this.sql.tenantId, id],
    );
    return this.get(id);
  }

  /**
   * A new signing secret (returned once). The current ones keep signing deliveries for the given
   * hours, so a receiver can move to the new secret without missing a delivery.
   */
  async rotateSecret(id: string, previousValidHours: number): Promise<{ webhook: WebhookRecord; secret: string }> {
    if (
      !Number.isInteger(previousValidHours) ||
      previousValidHours < 0 ||
      previousValidHours > MAX_PREVIOUS_SECRET_HOURS
    ) {
      throw new InvalidInputError(`previousSecretExpiresInHours must be between 0 and ${MAX_PREVIOUS_SECRET_HOURS}.`, [
        'previousSecretExpiresInHours',
      ]);
    }
    await this.get(id);
    const { secret, prefix } = newWebhookSecret();
    await this.sql.query(
      `with expired as (
         update webhook_secrets k
            set expires_at = least(coalesce(k.expires_at, 'infinity'), now() + make_interval(hours => ?))
          where k.tenant_id = ? and k.subscription_id = ? and (k.expires_at is null or k.expires_at > now())
       )
       insert into webhook_secrets (tenant_id, id, subscription_id, secret, prefix)
       values (?, gen_random_uuid(), ?, ?, ?)`,
      [previousValidHours, this.sql.tenantId, id, this.sql.tenantId, id, secret, prefix],
    );
    return { webhook: await this.get(id), secret };
  }

  /** Deletes the webhook with its secrets and its delivery log; a delivery in flight is its last. */
  async delete(id: string): Promise<WebhookRecord> {
    const webhook = await this.get(id);
    await this.sql.query('delete from webhook_subscriptions w where w.tenant_id = ? and w.id = ?', [
      this.sql.tenantId,
      id,
    ]);
    return webhook;
  }

  /** The webhook's delivery attempts, newest first. */
  async deliveries(id: string, request: PageRequest): Promise<Page<WebhookDeliveryRecord>> {
    await this.get(id);
    const plan = planKeysetPage(NEWEST_FIRST, 'd.id', request);
    const rows = await this.sql.query<{ id: string; sort_key: string }>(
      `select ${WEBHOOK_DELIVERIES.select}, ${plan.sortKeySelect}
         from webhook_deliveries d
        where d.tenant_id = ? and d.subscription_id = ? and ${plan.after.text}
        order by ${plan.orderBy} limit ? offset ?`,
      [this.sql.tenantId, id, ...plan.after.params, plan.limit, plan.offset],
    );
    return toPage(rows, NEWEST_FIRST, request, (row) => WEBHOOK_DELIVERIES.fromRow(row) as WebhookDeliveryRecord);
  }

  async deliveryCount(id: string): Promise<number> {
    const [row] = await this.sql.query<{ count: number }>(
      'select count(*)::int as count from webhook_deliveries d where d.tenant_id = ? and d.subscription_id = ?',
      [this.sql.tenantId, id],
    );
    return row?.count ?? 0;
  }

  private async updateSubscription(id: string, assignments: string, params: unknown[]): Promise<void> {
    if (!isUuid(id)) throw new NotFoundError('Webhook', id);
    const rows = await this.sql.query(
      `update webhook_subscriptions w set ${assignments}, updated_at = now()
        where w.tenant_id = ? and w.id = ? returning w.id`,
      [...params, this.sql.tenantId, id],
    );
    if (rows.length === 0) throw new NotFoundError('Webhook', id);
  }

  /** Fails with CURSOR_EXPIRED when changes after `seq` were purged; returns the feed's bounds. */
  private async assertInRetention(seq: string): Promise<{ lastSeq: string }> {
    // Numbers the committed changes first, as every reader of the change record does.
    const [bounds] = await this.sql.query<{ last_seq: string; purged_through: string }>(
      'select last_seq::text, purged_through::text from directory_sequence_changes(?::uuid)',
      [this.sql.tenantId],
    );
    if (BigInt(seq) < BigInt(bounds!.purged_through)) {
      throw new DomainError(
        'CURSOR_EXPIRED',
        'Changes after this point are older than the retention window and have been purged. Replay from a later cursor (directoryChangesLatestCursor delivers what happens from now on).',
        ['after'],
      );
    }
    return { lastSeq: bounds!.last_seq };
  }
}

function validDescription(description: string | null | undefined): string | null {
  const trimmed = description?.trim() ?? '';
  if (trimmed.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidInputError(`description must be at most ${MAX_DESCRIPTION_LENGTH} characters.`, ['description']);
  }
  return trimmed || null;
}

function uniqueTypes(types: readonly ChangeType[] | null | undefined): ChangeType[] {
  return [...new Set(types ?? [])];
}
